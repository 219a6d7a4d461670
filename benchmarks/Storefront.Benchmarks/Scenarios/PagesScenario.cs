using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Storefront.Benchmarks.Scenarios;

/// <summary>
/// The catalog pages as anonymous shoppers read them, against a ceiling measured in the same run: a minimal Kestrel
/// endpoint, hosted by this harness on loopback, that answers prebuilt bytes the size of the store's home page. What the
/// store adds on top of "Kestrel writes that many bytes" is what its pages cost. Then two signed-in pages, which are never
/// cached, at concurrency 16. Each anonymous request carries no cookie of its own (a first visit, or a CDN asking); half
/// of them come from Korea (the country cookie and a Korean browser), half take the default market.
/// </summary>
public sealed partial class PagesScenario : IScenario
{
    private const int SignedInConcurrency = 16;
    private const string ShopperPassword = "Bench-Shopper-2026!";

    private static readonly string[] Searches = ["tea", "cup", "linen", "notebook", "pot", "cream", "brass", "green"];

    public string Name => "pages";

    public IReadOnlyDictionary<string, string> StoreSettings { get; } = new Dictionary<string, string>();

    public async Task<IReadOnlyList<Measurement>> PrepareAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var http = context.Http;
        var slugs = await ProductSlugsAsync(http, cancellationToken);
        var homeBytes = (await GetAsync(http, "/", korean: false, cancellationToken)).Length;
        var ceiling = await CeilingServer.StartAsync(homeBytes, cancellationToken);
        context.Log.WriteLine($"Ceiling: {homeBytes:N0} prebuilt bytes from {ceiling.Address}; {slugs.Count} product pages.");

        var shoppers = await SignedInShoppersAsync(http, SignedInConcurrency, cancellationToken);
        var store = context.Store;
        var peak = 0L;
        Task<IReadOnlyList<Figure>> Memory(LoadResult _, CancellationToken __)
        {
            var (current, highWater) = store.Memory();
            peak = Math.Max(peak, highWater);
            return Task.FromResult<IReadOnlyList<Figure>>(
            [
                new Figure("store memory", $"{LoadResultPrinter.Megabytes(current)} now, peak {LoadResultPrinter.Megabytes(peak)} since it started"),
            ]);
        }

        Measurement Anonymous(string name, string measures, Func<int, string> path) =>
            new(name, measures, (index, token) => ExpectPageAsync(http, path(index), korean: index % 2 == 0, token)) { After = Memory };

        return
        [
            new Measurement("pages/ceiling", $"GET of {homeBytes:N0} prebuilt bytes from a minimal Kestrel endpoint (the harness's, on loopback)",
                async (_, token) =>
                {
                    using var response = await http.GetAsync(ceiling.Address, token);
                    var body = await response.Content.ReadAsByteArrayAsync(token);
                    return response.StatusCode == HttpStatusCode.OK && body.Length == homeBytes ? null : $"HTTP {(int)response.StatusCode}";
                }) { After = async (result, token) => { await ceiling.DisposeAsync(); return []; } },
            Anonymous("pages/home", "GET / (featured products), anonymous", _ => "/"),
            Anonymous("pages/products", "GET /products (the first page of the catalog), anonymous", _ => "/products"),
            Anonymous("pages/product", $"GET /products/{{slug}} ({slugs.Count} products in turn), anonymous", index => $"/products/{slugs[index % slugs.Count]}"),
            Anonymous("pages/search", $"GET /products?q= ({Searches.Length} searches in turn), anonymous", index => $"/products?q={Searches[index % Searches.Length]}"),
            new Measurement("pages/signed-in-home", $"GET / as one of {shoppers.Count} signed-in shoppers",
                (index, token) => ExpectSignedInAsync(shoppers[index % shoppers.Count], "/", token)) { Concurrency = SignedInConcurrency, After = Memory },
            new Measurement("pages/account-orders", $"GET /account/orders as one of {shoppers.Count} signed-in shoppers",
                (index, token) => ExpectSignedInAsync(shoppers[index % shoppers.Count], "/account/orders", token)) { Concurrency = SignedInConcurrency, After = Memory },
        ];
    }

    private static async Task<string?> ExpectPageAsync(HttpClient http, string path, bool korean, CancellationToken cancellationToken)
    {
        using var request = Request(path, korean);
        using var response = await http.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
    }

    private static async Task<string?> ExpectSignedInAsync(ShopperSession shopper, string path, CancellationToken cancellationToken)
    {
        using var response = await shopper.SendAsync(HttpMethod.Get, new Uri(path, UriKind.Relative), null, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
    }

    private static HttpRequestMessage Request(string path, bool korean)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        // What a browser sends on a first visit; compression is asked for as browsers and CDNs do.
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
        if (korean)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", "ko-KR,ko;q=0.9");
            request.Headers.TryAddWithoutValidation("Cookie", "storefront.country=KR");
        }
        return request;
    }

    private static async Task<byte[]> GetAsync(HttpClient http, string path, bool korean, CancellationToken cancellationToken)
    {
        using var request = Request(path, korean);
        request.Headers.Remove("Accept-Encoding");
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? body : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
    }

    /// <summary>Every product page the list links to, read from the catalog's pages as a crawler would.</summary>
    private static async Task<IReadOnlyList<string>> ProductSlugsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var slugs = new SortedSet<string>(StringComparer.Ordinal);
        // The list answers 404 past its last page.
        for (var page = 1; page <= 50; page++)
        {
            using var response = await http.GetAsync($"/products?page={page}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                break;
            var html = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken);
            var before = slugs.Count;
            foreach (Match link in ProductLink().Matches(html))
                slugs.Add(link.Groups["slug"].Value);
            if (slugs.Count == before)
                break;
        }
        return slugs.Count > 0 ? [.. slugs] : throw new InvalidOperationException("The product list links to no product page.");
    }

    /// <summary>Registers and signs in shoppers through the Identity pages, as people do.</summary>
    private static async Task<IReadOnlyList<ShopperSession>> SignedInShoppersAsync(HttpClient http, int count, CancellationToken cancellationToken)
    {
        var shoppers = new List<ShopperSession>();
        var run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var shopper = new ShopperSession(http);
            var email = $"bench-{run}-{i}@storefront.local";
            var register = await shopper.GetPageAsync("/Identity/Account/Register", cancellationToken);
            using (await shopper.PostFormAsync(register.Form("form#registerForm", new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = ShopperPassword,
                ["Input.ConfirmPassword"] = ShopperPassword,
            }), cancellationToken))
            {
            }
            await shopper.LogInAsync(email, ShopperPassword, cancellationToken);
            shoppers.Add(shopper);
        }
        return shoppers;
    }

    [GeneratedRegex("href=\"/products/(?<slug>[a-z0-9-]+)\"")]
    private static partial Regex ProductLink();

    /// <summary>The ceiling: Kestrel on a free loopback port, answering one prebuilt body as fast as it can.</summary>
    private sealed class CeilingServer(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public static async Task<CeilingServer> StartAsync(int bytes, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var body = new byte[bytes];
            Array.Fill(body, (byte)'x');
            app.MapGet("/page", (HttpContext context) =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.ContentLength = body.Length;
                return context.Response.Body.WriteAsync(body).AsTask();
            });
            await app.StartAsync(cancellationToken);
            var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new CeilingServer(app, new Uri(new Uri(listening), "/page"));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
