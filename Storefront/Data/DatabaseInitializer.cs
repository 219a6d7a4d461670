using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Storefront.Data;

/// <summary>Something that fills an empty database (demo catalog, the configured merchandiser) on start.</summary>
public interface IDataSeeder
{
    Task SeedAsync(StorefrontDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Migrates and seeds before the server takes requests: hosted services start before Kestrel listens.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopeFactory, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();

        var migrate = options.Value.MigrateOnStart ?? options.Value.Provider == DatabaseProvider.Sqlite;
        if (migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
            LogMigrated(logger, options.Value.Provider);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while a writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        foreach (var seeder in scope.ServiceProvider.GetServices<IDataSeeder>())
            await seeder.SeedAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);
}
