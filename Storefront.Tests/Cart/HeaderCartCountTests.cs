using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Cart;

/// <summary>The header on every page: the cart link says how many items the cart holds, and a search box finds products.</summary>
public sealed class HeaderCartCountTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task The_cart_link_counts_the_items_of_this_shoppers_cart_only()
    {
        using var browser = app.CreateBrowser();
        var fresh = await browser.GetAsync("/products");
        var emptyCount = fresh.Document.QuerySelector("a.cart-link [data-testid=cart-count]")!;
        Assert.True(emptyCount.HasAttribute("hidden"));
        Assert.Contains("(0 items)", fresh.Document.QuerySelector("a.cart-link")!.TextContent);

        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(), quantity: 2);
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 1));

        var page = await browser.GetAsync("/");
        var link = page.Document.QuerySelector("a.cart-link")!;
        Assert.Equal("/cart", link.GetAttribute("href"));
        var count = link.QuerySelector("[data-testid=cart-count]")!;
        Assert.Equal("3", count.TextContent.Trim());
        Assert.False(count.HasAttribute("hidden"));
        // Read once by a screen reader: the badge is hidden from it, the sentence is not.
        Assert.Equal("true", count.GetAttribute("aria-hidden"));
        Assert.Equal("(3 items)", link.QuerySelector(".visually-hidden")!.TextContent.Trim());

        using var other = app.CreateBrowser();
        Assert.True((await other.GetAsync("/")).Document.QuerySelector("[data-testid=cart-count]")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task The_count_follows_a_removed_line_and_reads_in_korean()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko");
        await browser.ChooseCountryAsync("KR");
        var slug = await app.StockedProductAsync(skip: 2);
        await browser.AddToCartAsync(slug);

        var cart = await browser.GetAsync("/cart");
        Assert.Equal("1", cart.Document.QuerySelector("[data-testid=cart-count]")!.TextContent.Trim());
        Assert.Contains("(상품 1개)", cart.Document.QuerySelector("a.cart-link")!.TextContent);
        await browser.SubmitAsync(cart, $"tr.cart-line[data-product='{slug}'] form[action$='Remove']");

        Assert.True((await browser.GetAsync("/cart")).Document.QuerySelector("[data-testid=cart-count]")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task The_header_search_asks_the_product_list_by_get()
    {
        using var browser = app.CreateBrowser();
        var name = await app.WithDbAsync(db => db.Products.Where(p => p.IsPublished).OrderBy(p => p.Id).Select(p => p.Name).FirstAsync());
        var home = await browser.GetAsync("/");
        var form = home.Document.QuerySelector("header form.site-search")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/products", form.GetAttribute("action"));
        var input = form.QuerySelector("input[type=search]")!;
        Assert.Equal("q", input.GetAttribute("name"));
        Assert.NotNull(home.Document.QuerySelector($"label[for='{input.Id}']"));

        var results = await browser.GetAsync($"/products?q={Uri.EscapeDataString(name)}");

        Assert.Contains(name, results.Html);
    }
}
