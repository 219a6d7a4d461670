using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Storefront.Data;

public static class DataRegistration
{
    public const string ConnectionStringName = "Storefront";

    private const string DefaultSqliteConnection = "Data Source=App_Data/storefront.db";

    public static WebApplicationBuilder AddStorefrontData(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DatabaseOptions.Section);
        var provider = ReadProvider(section);
        builder.Services.Configure<DatabaseOptions>(section);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqliteConnection = ResolveSqliteFile(
                    string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnection : connectionString,
                    builder.Environment.ContentRootPath);
                // One writer at a time, queued in memory rather than sleeping in the driver (SqliteWriteGate).
                builder.Services.AddSingleton<SqliteWriteGate>();
                builder.Services.AddDbContext<StorefrontDbContext, SqliteStorefrontDbContext>((services, o) =>
                    UseSqlite(o, sqliteConnection).AddInterceptors(services.GetRequiredService<SqliteWriteGate>().Interceptors));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new OptionsValidationException(ConnectionStringName, typeof(DatabaseOptions),
                        ["Database:Provider is SqlServer: set ConnectionStrings:Storefront (ConnectionStrings__Storefront) to a SQL Server connection string."]);
                builder.Services.AddDbContext<StorefrontDbContext, SqlServerStorefrontDbContext>(o => UseSqlServer(o, connectionString));
                break;
        }

        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// A folder for files the app keeps beside its data, e.g. <c>App_Data/storefront-mail</c>: next to the SQLite
    /// file and named after it (so two apps on two files never share it); under <c>App_Data</c> on SQL Server.
    /// </summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment, string name)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (ReadProvider(configuration.GetSection(DatabaseOptions.Section)) == DatabaseProvider.Sqlite)
        {
            var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnection : connectionString);
            if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
            {
                var path = Path.GetFullPath(file, environment.ContentRootPath);
                return Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}-{name}");
            }
        }
        return Path.Combine(environment.ContentRootPath, "App_Data", name);
    }

    // The app and dotnet-ef (DesignTimeFactories) configure each provider here, so that the migrations and
    // database/storefront.sql are generated with the options the app runs with.
    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        WithFailuresLoggedByTheirHandlers(options.UseSqlite(connectionString));

    internal static DbContextOptionsBuilder UseSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        WithFailuresLoggedByTheirHandlers(options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));

    /// <summary>
    /// EF Core logs every failed command and save at Error before the caller even sees the exception. Here unique
    /// indexes are guards that are meant to turn the loser of a race away (a duplicate webhook, a double submit), and
    /// the code that catches those says so itself; anything unexpected propagates to a handler that logs it at Error
    /// with its context. EF's own entry stays, as a Warning, so the failed SQL is still in the log.
    /// </summary>
    private static DbContextOptionsBuilder WithFailuresLoggedByTheirHandlers(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.CommandError, LogLevel.Warning),
            (CoreEventId.SaveChangesFailed, LogLevel.Warning)));

    // Read by hand rather than bound: the binder's own error for an unknown enum name does not say what to set.
    private static DatabaseProvider ReadProvider(IConfigurationSection section)
    {
        var configured = section[nameof(DatabaseOptions.Provider)];
        if (string.IsNullOrWhiteSpace(configured))
            return DatabaseProvider.Sqlite;
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(provider.ToString(), configured, StringComparison.OrdinalIgnoreCase))
                return provider;
        }
        throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
            [$"Database:Provider (Database__Provider) must be 'Sqlite' or 'SqlServer', not '{configured}'."]);
    }

    /// <summary>
    /// Resolves a relative SQLite file against the content root (not the working directory, which differs
    /// between `dotnet run`, the tests and a published app) and makes sure its folder exists.
    /// </summary>
    /// <remarks>
    /// No busy timeout to set: Microsoft.Data.Sqlite retries a locked database until the command timeout
    /// (<c>Default Timeout</c>, 30 s unless the connection string says otherwise). Within the process the writers
    /// queue at <see cref="SqliteWriteGate"/> and seldom meet the lock; another process on the same file still can.
    /// </remarks>
    private static string ResolveSqliteFile(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        return csb.ToString();
    }
}
