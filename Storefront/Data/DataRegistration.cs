using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Storefront.Data;

public static class DataRegistration
{
    public const string ConnectionStringName = "Storefront";

    private const string DefaultSqliteConnection = "Data Source=App_Data/storefront.db";

    public static WebApplicationBuilder AddStorefrontData(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DatabaseOptions.Section);
        var options = new DatabaseOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                [$"Database:Provider must be 'Sqlite' or 'SqlServer' ({ex.InnerException?.Message ?? ex.Message})."]);
        }
        builder.Services.Configure<DatabaseOptions>(section);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = PrepareSqlite(connectionString ?? DefaultSqliteConnection, builder.Environment.ContentRootPath);
                builder.Services.AddDbContext<StorefrontDbContext, SqliteStorefrontDbContext>(o => o.UseSqlite(connectionString));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new OptionsValidationException(ConnectionStringName, typeof(DatabaseOptions),
                        ["Database:Provider is SqlServer: set ConnectionStrings:Storefront (ConnectionStrings__Storefront) to a SQL Server connection string."]);
                builder.Services.AddDbContext<StorefrontDbContext, SqlServerStorefrontDbContext>(o =>
                    o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
                break;
            default:
                throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                    [$"Database:Provider must be 'Sqlite' or 'SqlServer', not '{options.Provider}'."]);
        }

        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    private static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        // Writers wait for each other instead of failing with "database is locked".
        csb.DefaultTimeout = Math.Max(csb.DefaultTimeout, 30);
        return csb.ToString();
    }
}
