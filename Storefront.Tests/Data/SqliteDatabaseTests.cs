using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Data;

/// <summary>The embedded database is created and migrated when the app starts.</summary>
public sealed class SqliteDatabaseTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task The_app_creates_every_table_of_the_model_on_start()
    {
        var (tables, modelTables) = await app.WithDbAsync(async db =>
        {
            var tables = await db.Database
                .SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .ToListAsync();
            return (tables, db.Model.GetRelationalModel().Tables.Select(t => t.Name).ToList());
        });

        Assert.NotEmpty(modelTables);
        Assert.Superset(new HashSet<string>([.. modelTables, "__EFMigrationsHistory"]), tables.ToHashSet());
    }

    [Fact]
    public async Task Every_migration_is_applied_on_start()
    {
        var (applied, all) = await app.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }
}
