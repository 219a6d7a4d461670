using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Storefront.Data;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Data;

/// <summary>database/storefront.sql is what operators run against SQL Server: it must match the migrations and parse.</summary>
public sealed class SqlServerScriptTests
{
    private static readonly string ScriptPath = RepositoryRoot.File("database", "storefront.sql");

    [Fact]
    public void The_script_is_generated_from_the_current_sql_server_migrations()
    {
        Assert.True(File.Exists(ScriptPath), $"{ScriptPath} is missing. Run database/generate.sh script.");
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        // What `dotnet ef migrations script --idempotent` writes, minus the byte order mark it adds to the file.
        var fromMigrations = Lines(db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent));
        var inRepository = Lines(File.ReadAllText(ScriptPath));

        var firstDifference = Enumerable.Range(0, Math.Max(fromMigrations.Length, inRepository.Length))
            .FirstOrDefault(i => i >= fromMigrations.Length || i >= inRepository.Length || fromMigrations[i] != inRepository[i], -1);
        if (firstDifference >= 0)
        {
            Assert.Fail(
                $"database/storefront.sql is stale: it differs from the SQL Server migrations at line {firstDifference + 1}." +
                $"{Environment.NewLine}  file:       {Show(inRepository, firstDifference)}" +
                $"{Environment.NewLine}  migrations: {Show(fromMigrations, firstDifference)}" +
                $"{Environment.NewLine}Run database/generate.sh script (or database/generate.sh --squash after a model change).");
        }
    }

    [Fact]
    public void The_script_parses_as_T_SQL_and_creates_every_table_of_the_model()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(File.ReadAllText(ScriptPath));
        var script = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, "database/storefront.sql does not parse:" + Environment.NewLine +
            string.Join(Environment.NewLine, errors.Select(e => $"  line {e.Line}, column {e.Column}: {e.Message}")));

        var created = new CreatedTables();
        script.Accept(created);
        Assert.Superset(new HashSet<string> { "__EFMigrationsHistory", "AspNetUsers", "AspNetRoles", "DataProtectionKeys" }, created.Names);

        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        var modelTables = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Select(t => t.Name).ToHashSet();
        Assert.Superset(modelTables, created.Names);
    }

    private static string[] Lines(string sql)
    {
        var lines = sql.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return [.. lines];
    }

    private static string Show(string[] lines, int index) =>
        index >= lines.Length ? "(end of script)" : lines[index].Length == 0 ? "(blank line)" : lines[index];

    private sealed class CreatedTables : TSqlFragmentVisitor
    {
        public HashSet<string> Names { get; } = [];

        public override void ExplicitVisit(CreateTableStatement node)
        {
            Names.Add(node.SchemaObjectName.BaseIdentifier.Value);
            base.ExplicitVisit(node);
        }
    }
}
