using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Benchmarks;

/// <summary>
/// Writes entity graphs built through the store's model into its SQLite database an order of magnitude faster than
/// SaveChanges (which sends one command, and reads one generated key back, per row): the graph is attached to a
/// context, which gives every row its values as EF would save them (foreign keys, complex properties, value
/// converters for enums and UTC dates); keys are given here, each table's continuing after its highest; then each
/// table's rows go through one prepared INSERT, all in one transaction. Foreign keys are checked at the commit.
/// For arranging data with the store stopped: nothing else may write meanwhile.
/// </summary>
public sealed class SqliteBulkInsert(StoreProcess store)
{
    private readonly Dictionary<string, long> _lastIds = [];

    /// <summary>Inserts <paramref name="roots"/> and everything they reach; returns the number of rows written.</summary>
    public async Task<int> InsertAsync<TEntity>(IEnumerable<TEntity> roots, CancellationToken cancellationToken) where TEntity : class
    {
        await using var db = store.OpenDatabase();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(roots);
        var tables = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).GroupBy(e => e.Metadata).ToList();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            // A page cache that holds the indexes being filled: random keys (order numbers, e-mails) touch pages all over them.
            setup.CommandText = "PRAGMA foreign_keys = ON; PRAGMA cache_size = -262144;";
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var table in tables)
            await AssignKeysAsync(connection, table.Key, table, cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var defer = connection.CreateCommand())
        {
            // Tables in any order: a row may reference one inserted later in the same transaction.
            defer.CommandText = "PRAGMA defer_foreign_keys = ON;";
            await defer.ExecuteNonQueryAsync(cancellationToken);
        }
        var rows = 0;
        foreach (var table in tables)
            rows += await InsertRowsAsync(connection, table.Key, table, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Gives each new row of <paramref name="entityType"/> the next key of its table. Set through the context, so that it
    /// carries each key into the foreign keys of the rows that depend on it.
    /// </summary>
    private async Task AssignKeysAsync(SqliteConnection connection, IEntityType entityType, IEnumerable<EntityEntry> entries,
        CancellationToken cancellationToken)
    {
        var key = entityType.FindPrimaryKey() is { Properties: [{ ClrType: var type } property] } && (type == typeof(int) || type == typeof(long))
            ? property
            : throw new NotSupportedException($"{entityType.DisplayName()} has no single integer key to number.");
        var table = entityType.GetTableName()!;
        if (!_lastIds.TryGetValue(table, out var last))
        {
            await using var highest = connection.CreateCommand();
            highest.CommandText = $"SELECT COALESCE(MAX(\"{key.GetColumnName()}\"), 0) FROM \"{table}\";";
            last = (long)(await highest.ExecuteScalarAsync(cancellationToken))!;
        }
        foreach (var entry in entries)
            entry.Property(key).CurrentValue = key.ClrType == typeof(int) ? checked((int)++last) : (object)++last;
        _lastIds[table] = last;
    }

    private static async Task<int> InsertRowsAsync(SqliteConnection connection, IEntityType entityType, IEnumerable<EntityEntry> entries,
        CancellationToken cancellationToken)
    {
        var columns = Columns(entityType);
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{entityType.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))});";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        insert.Prepare();
        var rows = 0;
        foreach (var entry in entries)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].Read(entry);
                parameters[i].Value = value is null ? DBNull.Value : columns[i].Converter?.ConvertToProvider(value) ?? value;
            }
            rows += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return rows;
    }

    /// <summary>Every column of the entity's table, with how to read its value from a tracked entry and convert it as EF does.</summary>
    private static List<Column> Columns(IEntityType entityType)
    {
        var columns = entityType.GetProperties()
            .Select(p => new Column(p.GetColumnName(), (p.GetTypeMapping() as RelationalTypeMapping)?.Converter, entry => entry.Property(p).CurrentValue))
            .ToList();
        foreach (var complex in entityType.GetComplexProperties())
        {
            if (complex.ComplexType.GetComplexProperties().Any())
                throw new NotSupportedException($"{entityType.DisplayName()}.{complex.Name} nests complex properties, which this writer does not read.");
            columns.AddRange(complex.ComplexType.GetProperties().Select(p => new Column(p.GetColumnName(),
                (p.GetTypeMapping() as RelationalTypeMapping)?.Converter, entry => entry.ComplexProperty(complex).Property(p).CurrentValue)));
        }
        return columns;
    }

    private sealed record Column(string Name, ValueConverter? Converter, Func<EntityEntry, object?> Read);
}
