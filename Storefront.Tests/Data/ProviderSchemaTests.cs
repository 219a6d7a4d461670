using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Data;

namespace Storefront.Tests.Data;

/// <summary>
/// SQLite (development, tests) and SQL Server (production) must hold the same schema, and each provider's
/// migrations must describe the current model; none of this needs a database server.
/// </summary>
public sealed class ProviderSchemaTests
{
    [Fact]
    public void Both_providers_have_the_same_tables_columns_keys_and_indexes()
    {
        // Column types and index filters are provider-specific; names, nullability and shape are not.
        var sqlite = Describe(nameof(DatabaseProvider.Sqlite));
        var sqlServer = Describe(nameof(DatabaseProvider.SqlServer));

        Assert.NotEmpty(sqlite);
        var differences = sqlite.Except(sqlServer).Select(line => "  only on SQLite:     " + line)
            .Concat(sqlServer.Except(sqlite).Select(line => "  only on SQL Server: " + line))
            .ToList();
        Assert.True(differences.Count == 0,
            "The providers' schemas differ (keep the model provider-neutral):" + Environment.NewLine + string.Join(Environment.NewLine, differences));
    }

    [Theory]
    [InlineData(nameof(DatabaseProvider.Sqlite))]
    [InlineData(nameof(DatabaseProvider.SqlServer))]
    public void The_migrations_describe_the_current_model(string provider)
    {
        using var db = DesignTimeContexts.Create(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that the {provider} migrations do not have. {DesignTimeContexts.RegenerateHint}");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        Assert.Equal(MigrationNames(nameof(DatabaseProvider.Sqlite)), MigrationNames(nameof(DatabaseProvider.SqlServer)));
    }

    private static List<string> MigrationNames(string provider)
    {
        using var db = DesignTimeContexts.Create(provider);
        // Ids are "<timestamp>_<Name>"; the timestamps differ between providers.
        return db.GetService<IMigrationsAssembly>().Migrations.Keys.Order().Select(id => id[(id.IndexOf('_') + 1)..]).ToList();
    }

    private static List<string> Describe(string provider)
    {
        using var db = DesignTimeContexts.Create(provider);
        var lines = new List<string>();
        foreach (var table in db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var name = table.SchemaQualifiedName;
            lines.AddRange(table.Columns.Select(c => $"{name} column {c.Name} {(c.IsNullable ? "null" : "not null")}"));
            if (table.PrimaryKey is { } primaryKey)
                lines.Add($"{name} primary key {primaryKey.Name} ({Columns(primaryKey.Columns)})");
            lines.AddRange(table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey())
                .Select(u => $"{name} unique constraint {u.Name} ({Columns(u.Columns)})"));
            lines.AddRange(table.ForeignKeyConstraints.Select(fk =>
                $"{name} foreign key {fk.Name} ({Columns(fk.Columns)}) references {fk.PrincipalTable.SchemaQualifiedName} ({Columns(fk.PrincipalColumns)}) on delete {fk.OnDeleteAction}"));
            lines.AddRange(table.Indexes.Select(i => $"{name} {(i.IsUnique ? "unique index" : "index")} {i.Name} ({Columns(i.Columns)})"));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));
}
