using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Storefront.Benchmarks.Scenarios;

/// <summary>
/// Guests in South Korea placing orders: each shopper has chosen KR, put one product in the cart and opened
/// /checkout beforehand; what is measured is only the checkout POST (re-price, order, stock reservation, Adyen
/// /paymentMethods and /payments against the sandbox) up to the store's 303 to the KakaoPay page.
/// </summary>
public sealed class CheckoutScenario : IScenario
{
    private const string Currency = "KRW";

    private static readonly Dictionary<string, string> KoreanAddress = new()
    {
        ["Form.Email"] = "minji@example.kr",
        ["Form.Name"] = "Kim Minji",
        ["Form.Phone"] = "+82 10 1234 5678",
        ["Form.AddressLine1"] = "12 Sejong-daero, Jung-gu",
        ["Form.City"] = "Seoul",
        ["Form.PostalCode"] = "04524",
    };

    public string Name => "checkout";

    public IReadOnlyDictionary<string, string> StoreSettings { get; } = new Dictionary<string, string>();

    public async Task<IReadOnlyList<Measurement>> PrepareAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var count = context.Options.Warmup + context.Options.Requests;
        var products = await StockProductsAsync(context.Store, count, cancellationToken);
        context.Log.WriteLine($"Preparing {count} shoppers over {products.Count} products…");
        var started = Stopwatch.StartNew();
        var checkouts = new (ShopperSession Shopper, HtmlForm Form)[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = context.Options.Concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var shopper = new ShopperSession(context.Http);
                checkouts[index] = (shopper, await FillCartAsync(shopper, products[index % products.Count], token));
            });
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Prepared in {started.Elapsed.TotalSeconds:0.0} s."));

        return
        [
            new Measurement(Name, "POST /checkout of a filled cart, up to the 303 to KakaoPay", async (index, token) =>
            {
                var (shopper, form) = checkouts[index];
                using var response = await shopper.PostFormAsync(form, token);
                return response.StatusCode != HttpStatusCode.SeeOther ? $"HTTP {(int)response.StatusCode}"
                    : response.Headers.Location?.OriginalString.Contains("/checkoutshopper/", StringComparison.Ordinal) != true ? "303 not to KakaoPay"
                    : null;
            }),
        ];
    }

    /// <summary>
    /// Every product sold in won, each given the stock its shoppers will reserve (shoppers take one unit each, in
    /// turn over the products), so that no checkout fails for want of stock and concurrent checkouts mostly
    /// reserve different products. Arranged through the store's own model, before any shopper arrives.
    /// </summary>
    private static async Task<IReadOnlyList<string>> StockProductsAsync(StoreProcess store, int shoppers, CancellationToken cancellationToken)
    {
        await using var db = store.OpenDatabase();
        var products = await db.Products
            .Where(p => p.IsPublished && p.Prices.Any(price => price.Currency == Currency))
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        if (products.Count == 0)
            throw new InvalidOperationException($"The store sells nothing in {Currency}: is the demo catalog seeded?");
        for (var i = 0; i < products.Count; i++)
        {
            var needed = shoppers / products.Count + (i < shoppers % products.Count ? 1 : 0);
            if (products[i].Stock < needed)
                products[i].AdjustStock(needed, "Benchmark restock", "benchmark", DateTime.UtcNow);
        }
        await db.SaveChangesAsync(cancellationToken);
        return products.Select(p => p.Slug).ToList();
    }

    /// <summary>Chooses South Korea, adds one unit of <paramref name="slug"/> and opens checkout, as a shopper does.</summary>
    private static async Task<HtmlForm> FillCartAsync(ShopperSession shopper, string slug, CancellationToken cancellationToken)
    {
        var productPage = await shopper.GetPageAsync($"/products/{slug}", cancellationToken);
        await ExpectAsync(shopper.PostFormAsync(productPage.Form("form.country-picker", new Dictionary<string, string> { ["country"] = "KR" }), cancellationToken),
            HttpStatusCode.Redirect, "choosing South Korea");
        await ExpectAsync(shopper.PostFormAsync(productPage.Form("form.product-purchase", new Dictionary<string, string> { ["quantity"] = "1" }), cancellationToken),
            HttpStatusCode.SeeOther, $"adding {slug} to the cart");

        var checkout = (await shopper.GetPageAsync("/checkout", cancellationToken)).Form("#checkout-form", KoreanAddress);
        if (checkout["Form.PaymentMethod"] != "kakaopay")
            throw new InvalidOperationException($"Checkout did not offer KakaoPay for {slug} (payment method: '{checkout["Form.PaymentMethod"]}').");
        return checkout;
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected, string step)
    {
        using var response = await sending;
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{step} answered {(int)response.StatusCode}, not {(int)expected}.");
    }
}
