using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Storefront.Data;

// Used by dotnet-ef only: each provider's migrations are generated from its own context.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStorefrontDbContext>
{
    public SqliteStorefrontDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStorefrontDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerStorefrontDbContext>
{
    public SqlServerStorefrontDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerStorefrontDbContext>().UseSqlServer("Server=.;Database=Storefront;Integrated Security=true").Options);
}
