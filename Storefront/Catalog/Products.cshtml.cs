using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Shared;

namespace Storefront.Catalog;

/// <summary>The catalog listing: search, category filter, order and paging, all in the query string so results can be shared.</summary>
public sealed class ProductsModel(CatalogService catalog, ShopperMarket shopperMarket) : PageModel
{
    public ProductSearch Search { get; private set; } = new("", null, 1);

    public ProductListing Listing { get; private set; } = new([], 1, 1, 0);

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    // "page" is also Razor Pages' own route value (the page's path), so the query parameter is bound by name.
    public async Task<IActionResult> OnGetAsync(
        string? q, string? category, string? sort, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        Category? selected = null;
        if (!string.IsNullOrEmpty(category))
        {
            selected = await catalog.FindCategoryAsync(category, cancellationToken);
            if (selected is null)
                return NotFound();
        }
        Search = new ProductSearch(ProductSearch.NormalizeQuery(q), selected, ProductSearch.ParsePage(pageNumber),
            ProductSearch.ParseSort(sort));
        if (await catalog.ListAsync(Search, shopperMarket.Current.Currency, cancellationToken) is not { } listing)
            return NotFound();
        Listing = listing;
        Categories = await catalog.CategoriesAsync(cancellationToken);
        return Page();
    }

    /// <summary>The link to another page of the same results, keeping the search, the category and the order.</summary>
    public string PageUrl(int page)
    {
        var query = new QueryBuilder();
        if (Search.Query.Length > 0)
            query.Add("q", Search.Query);
        if (Search.Category is { } category)
            query.Add("category", category.Slug);
        if (ProductSearch.KeyOf(Search.Sort) is { } sort)
            query.Add("sort", sort);
        query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/products" + query.ToQueryString();
    }
}
