using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Storefront.Data;

// Used by dotnet-ef (database/generate.sh) and the schema tests: each provider's migrations are generated
// from its own context. The connection strings are placeholders; generating migrations and the script
// never connects.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStorefrontDbContext>
{
    public SqliteStorefrontDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteStorefrontDbContext>();
        DataRegistration.UseSqlite(options, "Data Source=design.db");
        return new(options.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerStorefrontDbContext>
{
    public SqlServerStorefrontDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerStorefrontDbContext>();
        DataRegistration.UseSqlServer(options, "Server=.;Database=Storefront;Integrated Security=true");
        return new(options.Options);
    }
}
