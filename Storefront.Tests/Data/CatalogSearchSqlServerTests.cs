using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Storefront.Catalog;
using Storefront.Data;

namespace Storefront.Tests.Data;

/// <summary>
/// The catalog search as SQL Server gets it (<c>ToQueryString()</c> on the SqlServer provider, parsed as T-SQL): Korean
/// text must reach nvarchar columns as Unicode, and a shopper's %, _ or [ must not act as LIKE wildcards.
/// </summary>
public sealed class CatalogSearchSqlServerTests
{
    private static readonly string[] TextColumns = ["NameKo", "NameEn", "DescriptionKo", "DescriptionEn"];

    [Fact]
    public void The_search_is_a_like_on_every_language_column_with_the_query_as_an_escaped_unicode_parameter()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        var sql = new CatalogService(db).Matching(new ProductSearch("녹차 100%_[X]", null, 1), "KRW").ToQueryString();

        var script = Parse(sql);
        var found = new SearchParts();
        script.Accept(found);

        // One LIKE per language column, lower-cased, each with an escape character.
        var likes = found.Likes.ToDictionary(l => Column(l.FirstExpression, sql), l => l);
        Assert.True(TextColumns.Order().SequenceEqual(likes.Keys.Order()), $"LIKE on {string.Join(", ", likes.Keys)} in:\n{sql}");
        Assert.All(likes.Values, like =>
        {
            Assert.True(like.FirstExpression is FunctionCall { FunctionName.Value: var function } && function.Equals("LOWER", StringComparison.OrdinalIgnoreCase),
                $"The column is not lower-cased in:\n{sql}");
            Assert.True(like.EscapeExpression is StringLiteral { IsNational: true, Value: @"\" }, $"LIKE without ESCAPE N'\\' in:\n{sql}");
        });

        // The shopper's words: an nvarchar parameter given as N'…', in Hangul, lower-cased, wildcards escaped.
        foreach (var pattern in likes.Values.Select(l => Assert.IsType<VariableReference>(l.SecondExpression).Name).Distinct())
        {
            var declared = Assert.Single(found.Declarations, d => d.VariableName.Value == pattern);
            Assert.Equal(SqlDataTypeOption.NVarChar, Assert.IsType<SqlDataTypeReference>(declared.DataType).SqlDataTypeOption);
            var value = Assert.IsType<StringLiteral>(declared.Value);
            Assert.True(value.IsNational, $"{pattern} is not a Unicode (N'') literal in:\n{sql}");
            Assert.Equal(@"%녹차 100\%\_\[x]%", value.Value);
        }
    }

    [Fact]
    public void The_merchandisers_search_is_an_escaped_unicode_like_on_both_names_the_slug_and_the_sku()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        var sql = new Storefront.Admin.ProductListQuery { Search = "녹차 100%_[X]" }.Apply(db.Products).ToQueryString();

        var script = Parse(sql);
        var found = new SearchParts();
        script.Accept(found);

        var likes = found.Likes.ToDictionary(l => Column(l.FirstExpression, sql), l => l);
        Assert.True(new[] { "NameEn", "NameKo", "Sku", "Slug" }.SequenceEqual(likes.Keys.Order(StringComparer.Ordinal)), $"LIKE on {string.Join(", ", likes.Keys)} in:\n{sql}");
        Assert.All(likes.Values, like =>
            Assert.True(like.EscapeExpression is StringLiteral { IsNational: true, Value: @"\" }, $"LIKE without ESCAPE N'\\' in:\n{sql}"));
        foreach (var pattern in likes.Values.Select(l => Assert.IsType<VariableReference>(l.SecondExpression).Name).Distinct())
        {
            var declared = Assert.Single(found.Declarations, d => d.VariableName.Value == pattern);
            Assert.Equal(SqlDataTypeOption.NVarChar, Assert.IsType<SqlDataTypeReference>(declared.DataType).SqlDataTypeOption);
            var value = Assert.IsType<StringLiteral>(declared.Value);
            Assert.True(value.IsNational, $"{pattern} is not a Unicode (N'') literal in:\n{sql}");
            Assert.Equal(@"%녹차 100\%\_\[x]%", value.Value);
        }
    }

    [Fact]
    public void Every_language_column_is_nvarchar_on_sql_server()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();

        foreach (var (table, column) in TextColumns.Select(c => ("Products", c)).Append(("Categories", "NameKo")).Append(("Categories", "NameEn")))
        {
            var storeType = model.FindTable(table, null)?.FindColumn(column)?.StoreType;
            Assert.True(storeType?.StartsWith("nvarchar(", StringComparison.Ordinal) == true, $"{table}.{column} is {storeType ?? "missing"}");
        }
    }

    private static TSqlFragment Parse(string sql)
    {
        var script = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, $"The search does not parse as T-SQL ({string.Join("; ", errors.Select(e => e.Message))}):\n{sql}");
        return script;
    }

    private static string Column(ScalarExpression expression, string sql) => expression switch
    {
        FunctionCall { Parameters: [var inner] } => Column(inner, sql),
        ColumnReferenceExpression column => column.MultiPartIdentifier.Identifiers[^1].Value,
        _ => throw new Xunit.Sdk.XunitException($"LIKE on {expression.GetType().Name}, not a column, in:\n{sql}"),
    };

    private sealed class SearchParts : TSqlFragmentVisitor
    {
        public List<LikePredicate> Likes { get; } = [];

        public List<DeclareVariableElement> Declarations { get; } = [];

        public override void ExplicitVisit(LikePredicate node)
        {
            Likes.Add(node);
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(DeclareVariableElement node)
        {
            Declarations.Add(node);
            base.ExplicitVisit(node);
        }
    }
}
