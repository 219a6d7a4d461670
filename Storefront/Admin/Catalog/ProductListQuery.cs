using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Storefront.Catalog;
using Storefront.Localization;

namespace Storefront.Admin;

public enum ProductSort
{
    Name,
    Slug,
    Stock,
    Newest,
}

/// <summary>Which products by whether shoppers see them. No filter lists every product not archived.</summary>
public enum ProductState
{
    Published,
    Hidden,
    Archived,
}

/// <summary>By stock: none left, at or below the product's low-stock threshold, or above it.</summary>
public enum StockLevel
{
    Out,
    Low,
    In,
}

/// <summary>The merchandiser's product filter, bound from the query string (see <see cref="ListFilter"/>).</summary>
public sealed class ProductListQuery : ListFilter
{
    public const int PageSize = 25;
    public const int MaxSearchLength = 100;

    /// <summary>A name in either language, a slug or a SKU, or part of one; cut at <see cref="MaxSearchLength"/>.</summary>
    [FromQuery(Name = "q")]
    public string Search
    {
        get;
        set => field = value?.Trim() is { } search ? search[..Math.Min(search.Length, MaxSearchLength)] : "";
    } = "";

    [FromQuery(Name = "category"), Display(Name = "category")]
    [Range(1, int.MaxValue, ErrorMessage = "There is no such category.")]
    public int? CategoryId { get; set; }

    [FromQuery(Name = "state"), Display(Name = "state"), ModelBinder<EnumNameBinder>]
    public ProductState? State { get; set; }

    [FromQuery(Name = "stock"), Display(Name = "stock level"), ModelBinder<EnumNameBinder>]
    public StockLevel? Stock { get; set; }

    [FromQuery(Name = "sort"), Display(Name = "sort"), ModelBinder<EnumNameBinder>]
    public ProductSort Sort { get; set; } = ProductSort.Name;

    [FromQuery(Name = "dir")]
    [RegularExpression("^(asc|desc)$", ErrorMessage = "There is no sort direction \"{0}\": use asc or desc.")]
    public string? Direction { get; set; }

    public bool Descending => Direction == "desc";

    /// <summary>
    /// The products matching every filter. The search lower-cases both sides (case-insensitive whatever the
    /// collation) and is a <c>LIKE</c> on SQL Server whose parameter EF Core escapes, as the shop's own search.
    /// </summary>
    public IQueryable<Product> Apply(IQueryable<Product> products)
    {
        products = State switch
        {
            ProductState.Published => products.Where(p => p.IsPublished && !p.IsArchived),
            ProductState.Hidden => products.Where(p => !p.IsPublished && !p.IsArchived),
            ProductState.Archived => products.Where(p => p.IsArchived),
            _ => products.Where(p => !p.IsArchived),
        };
        if (CategoryId is { } category)
            products = products.Where(p => p.CategoryId == category);
        products = Stock switch
        {
            StockLevel.Out => products.Where(p => p.Stock <= 0),
            StockLevel.Low => products.Where(p => p.Stock > 0 && p.Stock <= p.LowStockThreshold),
            StockLevel.In => products.Where(p => p.Stock > p.LowStockThreshold),
            _ => products,
        };
        if (Search.Length > 0)
        {
            var term = Search.ToLowerInvariant();
            products = products.Where(p =>
                p.Names.Ko!.ToLower().Contains(term) || p.Names.En!.ToLower().Contains(term)
                || p.Slug.Contains(term) || p.Sku!.ToLower().Contains(term));
        }
        return products;
    }

    /// <summary>The products in the chosen order; ties fall back to the id, so paging is stable.</summary>
    public IOrderedQueryable<Product> Sorted(IQueryable<Product> products) => (Sort, Descending) switch
    {
        (ProductSort.Slug, false) => products.OrderBy(p => p.Slug),
        (ProductSort.Slug, true) => products.OrderByDescending(p => p.Slug),
        (ProductSort.Stock, false) => products.OrderBy(p => p.Stock).ThenBy(p => p.Id),
        (ProductSort.Stock, true) => products.OrderByDescending(p => p.Stock).ThenBy(p => p.Id),
        (ProductSort.Newest, _) => products.OrderByDescending(p => p.Id),
        // Names sort A to Z (가 to 하) in the merchandiser's language.
        _ => products.OrderByText(p => p.Names, CultureInfo.CurrentUICulture).ThenBy(p => p.Id),
    };

    /// <summary>This filter as a query string, for another page or another sort.</summary>
    public string ToQueryString(int? page = null, ProductSort? sort = null, bool? descending = null)
    {
        var query = new QueryBuilder();
        if (Search.Length > 0)
            query.Add("q", Search);
        if (CategoryId is { } category)
            query.Add("category", category.ToString(CultureInfo.InvariantCulture));
        if (State is { } state)
            query.Add("state", state.ToString());
        if (Stock is { } stock)
            query.Add("stock", stock.ToString());
        var sorting = sort ?? Sort;
        if (sorting != ProductSort.Name)
            query.Add("sort", sorting.ToString());
        if (descending ?? Descending)
            query.Add("dir", "desc");
        AddPage(query, page);
        return query.ToQueryString().Value ?? "";
    }
}
