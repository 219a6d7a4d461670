using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Tests.Data;

namespace Storefront.Tests.Catalog;

/// <summary>
/// The product list's orders as SQL Server gets them (<c>ToQueryString()</c> on the SqlServer provider, parsed as
/// T-SQL): each sorts in the database, not in memory, and ends on the product's id so that paging is stable.
/// </summary>
public sealed class ProductSortSqlServerTests
{
    [Theory]
    [InlineData(ProductOrder.PriceAscending, "[Amount]", "ASC")]
    [InlineData(ProductOrder.PriceDescending, "[Amount]", "DESC")]
    [InlineData(ProductOrder.Name, "COALESCE", "ASC")]
    [InlineData(ProductOrder.Newest, "[Id]", "DESC")]
    [InlineData(ProductOrder.Relevance, "CASE", "ASC")]
    [InlineData(ProductOrder.Shelf, "[SortOrder]", "ASC")]
    public void Each_order_translates_to_an_order_by_that_ends_on_the_id(ProductOrder order, string firstKey, string direction)
    {
        var (sql, orderBy) = OrderBy(new ProductSearch("녹차", null, 2, order), "KRW");

        var first = orderBy.OrderByElements[0];
        Assert.True(Text(first.Expression, sql).Contains(firstKey, StringComparison.Ordinal), $"{order} does not sort on {firstKey} first in:\n{sql}");
        var expected = direction == "DESC" ? SortOrder.Descending : SortOrder.Ascending;
        Assert.Equal(expected, first.SortOrder == SortOrder.NotSpecified ? SortOrder.Ascending : first.SortOrder);
        var last = orderBy.OrderByElements[^1];
        Assert.True(last.Expression is ColumnReferenceExpression { MultiPartIdentifier.Identifiers: [.., { Value: "Id" }] },
            $"{order} does not end on the id in:\n{sql}");
    }

    [Fact]
    public void Price_sorts_on_the_shoppers_currency_with_products_without_a_price_last()
    {
        var (sql, orderBy) = OrderBy(new ProductSearch("", null, 1, ProductOrder.PriceAscending), "JPY");

        var price = Text(orderBy.OrderByElements[0].Expression, sql);
        Assert.Contains("[Currency]", price, StringComparison.Ordinal);
        Assert.Contains("COALESCE", price, StringComparison.Ordinal);
        Assert.Contains("9223372036854775807", price, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ko-KR", "NameKo")]
    [InlineData("en", "NameEn")]
    public void Name_sorts_on_the_shoppers_language_first(string culture, string column)
    {
        using var _ = Cultures.Use(System.Globalization.CultureInfo.GetCultureInfo(culture));
        var (sql, orderBy) = OrderBy(new ProductSearch("", null, 1, ProductOrder.Name), "KRW");

        var name = Text(orderBy.OrderByElements[0].Expression, sql);
        Assert.StartsWith($"COALESCE([p].[{column}]", name, StringComparison.Ordinal);
    }

    /// <summary>The query of one listing page, and the ORDER BY of its outermost select that pages (OFFSET … FETCH).</summary>
    private static (string Sql, OrderByClause OrderBy) OrderBy(ProductSearch search, string currency)
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.SqlServer));
        var catalog = new CatalogService(db);
        var sql = CatalogService.Sorted(catalog.Matching(search, currency), search, currency)
            .Skip((search.Page - 1) * CatalogService.PageSize).Take(CatalogService.PageSize)
            .ToQueryString();

        var script = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, $"The listing does not parse as T-SQL ({string.Join("; ", errors.Select(e => e.Message))}):\n{sql}");
        var paging = new PagedSelects();
        script.Accept(paging);
        var paged = Assert.Single(paging.Found);
        return (sql, paged.OrderByClause);
    }

    private static string Text(TSqlFragment fragment, string sql) => sql.Substring(fragment.StartOffset, fragment.FragmentLength);

    private sealed class PagedSelects : TSqlFragmentVisitor
    {
        public List<QuerySpecification> Found { get; } = [];

        public override void ExplicitVisit(QuerySpecification node)
        {
            if (node.OffsetClause is not null)
                Found.Add(node);
            base.ExplicitVisit(node);
        }
    }
}
