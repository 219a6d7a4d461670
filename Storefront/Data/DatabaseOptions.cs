namespace Storefront.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations on start. Defaults to true on SQLite; on SQL Server use the script in database/.</summary>
    public bool? MigrateOnStart { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
