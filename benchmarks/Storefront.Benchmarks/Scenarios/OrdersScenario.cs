using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Orders;

namespace Storefront.Benchmarks.Scenarios;

/// <summary>
/// The merchandiser's order list on a shop with 100,000 orders. The orders (<see cref="OrderHistory"/>) are written
/// straight into the store's database while it is stopped, through its own model in large batches; then, signed in as
/// the merchandiser, each list request is measured in turn: the first page, a filtered page, a search by e-mail
/// prefix and by order number, and the whole CSV export, with the store's memory before and after the export.
/// Every answer is checked: the count the page shows, or the rows the export holds, must be what was seeded.
/// </summary>
public sealed class OrdersScenario : IScenario
{
    public const int OrderCount = 100_000;

    private const int OrdersPerBatch = 10_000;
    private const int Seed = 20_261_128;
    private const int ExportRuns = 5;
    private const int SearchSamples = 500;
    private const string MerchandiserEmail = "benchmark-merchandiser@storefront.local";

    private readonly string _merchandiserPassword = $"Bm-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}-x9!";

    public OrdersScenario() =>
        StoreSettings = new Dictionary<string, string>
        {
            ["Admin:Email"] = MerchandiserEmail,
            ["Admin:Password"] = _merchandiserPassword,
        };

    public string Name => "orders";

    public IReadOnlyDictionary<string, string> StoreSettings { get; }

    public async Task<IReadOnlyList<Measurement>> PrepareAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<SeededOrder> orders = [];
        await context.Store.RestartAfterAsync(async token => orders = await SeedAsync(context, token), cancellationToken);
        var merchandiser = new ShopperSession(context.Http);
        await merchandiser.LogInAsync(MerchandiserEmail, _merchandiserPassword, cancellationToken);

        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var (from, to) = (today.AddDays(-60), today.AddDays(-31));
        var filter = $"status={OrderStatus.Paid}&country=KR&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var filtered = orders.Count(o => o.Status == OrderStatus.Paid && o.Country == "KR"
            && DateOnly.FromDateTime(o.CreatedAt) >= from && DateOnly.FromDateTime(o.CreatedAt) <= to);

        var samples = new Random(Seed).GetItems(orders.ToArray(), SearchSamples);
        var emailPrefixes = samples.Select(o => o.Email[..Math.Min(7, o.Email.IndexOf('@'))].ToLowerInvariant()).ToArray();
        var emailMatches = emailPrefixes.Select(prefix => Matches(orders, prefix)).ToArray();

        return
        [
            new Measurement("orders/first-page", $"GET /admin/orders, the 25 newest of {orders.Count:N0} orders and their count",
                (_, token) => ListAsync(merchandiser, "/admin/orders", orders.Count, token)),
            new Measurement("orders/filtered", $"GET /admin/orders?{filter} ({filtered:N0} orders match)",
                (_, token) => ListAsync(merchandiser, $"/admin/orders?{filter}", filtered, token)),
            new Measurement("orders/search-email", $"GET /admin/orders?q= the first 7 characters of a shopper's e-mail ({SearchSamples} different ones, {emailMatches.Min()}–{emailMatches.Max()} matches)",
                (index, token) => ListAsync(merchandiser, $"/admin/orders?q={Uri.EscapeDataString(emailPrefixes[index % SearchSamples])}",
                    emailMatches[index % SearchSamples], token)),
            new Measurement("orders/search-number", "GET /admin/orders?q= an order number (a different one each time, 1 match)",
                (index, token) => ListAsync(merchandiser, $"/admin/orders?q={orders[(int)((long)index * 7919 % orders.Count)].Number}", 1, token)),
            ExportMeasurement(context.Store, merchandiser, orders.Count),
        ];
    }

    /// <summary>
    /// Writes <see cref="OrderCount"/> orders with the store stopped, in batches of <see cref="OrdersPerBatch"/>, each one
    /// transaction of prepared INSERTs (<see cref="SqliteBulkInsert"/>). The catalog the store seeded on its first start gives the lines.
    /// </summary>
    private static async Task<IReadOnlyList<SeededOrder>> SeedAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var store = context.Store;
        context.Log.WriteLine($"Seeding {OrderCount:N0} orders over {OrderHistory.Span.TotalDays:0} days with the store stopped…");
        var started = Stopwatch.StartNew();
        List<Product> products;
        await using (var db = store.OpenDatabase())
            products = await db.Products.AsNoTracking().Include(p => p.Prices).ToListAsync(cancellationToken);
        var history = new OrderHistory(products, TimeProvider.System.GetUtcNow().UtcDateTime, Seed);

        var seeded = new List<SeededOrder>(OrderCount);
        var writer = new SqliteBulkInsert(store);
        var rows = 0;
        while (seeded.Count < OrderCount)
        {
            var batch = Enumerable.Range(0, Math.Min(OrdersPerBatch, OrderCount - seeded.Count)).Select(_ => history.Next()).ToList();
            rows += await writer.InsertAsync(batch, cancellationToken);
            seeded.AddRange(batch.Select(o => new SeededOrder(o.Number, o.CreatedAt, o.Status, o.PaymentStatus, o.Country, o.Contact.Email, o.SearchEmail, o.SearchName)));
        }
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {seeded.Count:N0} orders ({rows:N0} rows with their lines, attempts, refunds and timelines) in {started.Elapsed.TotalSeconds:0.0} s; database {LoadResultPrinter.Megabytes(store.DatabaseBytes())}."));
        context.Log.WriteLine("By status: " + Spread(seeded, o => o.Status));
        context.Log.WriteLine("By payment status: " + Spread(seeded, o => o.PaymentStatus));
        context.Log.WriteLine("By country: " + Spread(seeded, o => o.Country));
        return seeded;
    }

    private static string Spread<T>(IEnumerable<SeededOrder> orders, Func<SeededOrder, T> key) =>
        string.Join(", ", orders.GroupBy(key).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}"));

    /// <summary>How many orders a search for <paramref name="query"/> finds, worked out as the list defines it: a prefix of the number, e-mail or name.</summary>
    private static int Matches(IReadOnlyList<SeededOrder> orders, string query)
    {
        var (number, text) = (query.ToUpperInvariant(), OrderSearchKeys.Text(query));
        return orders.Count(o => o.Number.StartsWith(number, StringComparison.Ordinal)
            || o.SearchEmail.StartsWith(text, StringComparison.Ordinal) || o.SearchName.StartsWith(text, StringComparison.Ordinal));
    }

    /// <summary>A list page; expected: 200 and the count it shows (<c>data-count</c>) being <paramref name="expectedCount"/>.</summary>
    private static async Task<string?> ListAsync(ShopperSession merchandiser, string url, int expectedCount, CancellationToken cancellationToken)
    {
        using var response = await merchandiser.SendAsync(HttpMethod.Get, new Uri(url, UriKind.Relative), null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            return $"HTTP {(int)response.StatusCode}";
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        const string marker = "data-count=\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var end = html.IndexOf('"', start);
        return start < marker.Length || end < 0 ? "no count on the page"
            : int.Parse(html.AsSpan(start, end - start), CultureInfo.InvariantCulture) == expectedCount ? null
            : "wrong count";
    }

    /// <summary>
    /// The whole export, one at a time, read as it streams in. Its figures: size and rows, time to the first byte, and
    /// the store's memory (peak and current) before the first export and after the last, to show that the export
    /// streams rather than holding every order.
    /// </summary>
    private static Measurement ExportMeasurement(StoreProcess store, ShopperSession merchandiser, int orderCount)
    {
        var firstBytes = new ConcurrentBag<TimeSpan>();
        var sizes = new ConcurrentBag<long>();
        (long Current, long Peak) before = default;
        return new Measurement("orders/export", $"GET /admin/orders/export, every one of the {orderCount:N0} orders as CSV, read to the last byte",
            async (_, token) =>
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await merchandiser.SendAsync(HttpMethod.Get, new Uri("/admin/orders/export", UriKind.Relative), null, token,
                    HttpCompletionOption.ResponseHeadersRead);
                firstBytes.Add(Stopwatch.GetElapsedTime(sent));
                if (response.StatusCode != HttpStatusCode.OK)
                    return $"HTTP {(int)response.StatusCode}";
                await using var body = await response.Content.ReadAsStreamAsync(token);
                var buffer = new byte[64 * 1024];
                var (bytes, lines) = (0L, 0);
                int read;
                while ((read = await body.ReadAsync(buffer, token)) > 0)
                {
                    bytes += read;
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                }
                sizes.Add(bytes);
                return lines == orderCount + 1 ? null : $"{lines - 1} rows, not {orderCount}";
            })
        {
            Requests = ExportRuns,
            Warmup = 1,
            Concurrency = 1,
            Before = _ =>
            {
                before = store.Memory();
                return Task.CompletedTask;
            },
            After = (result, _) =>
            {
                var after = store.Memory();
                var size = sizes.IsEmpty ? 0 : sizes.Max();
                var sortedFirstBytes = firstBytes.Order().ToArray();
                return Task.FromResult<IReadOnlyList<Figure>>(
                [
                    new Figure("export size", string.Create(CultureInfo.InvariantCulture, $"{size:N0} bytes ({LoadResultPrinter.Megabytes(size)}), {orderCount:N0} rows")),
                    new Figure("first byte", $"p50 {LoadResultPrinter.Milliseconds(LoadResult.Percentile(sortedFirstBytes, 50))}  max {LoadResultPrinter.Milliseconds(sortedFirstBytes.LastOrDefault())}"),
                    new Figure("peak working set", $"{LoadResultPrinter.Megabytes(before.Peak)} before the first export, {LoadResultPrinter.Megabytes(after.Peak)} after {result.Requests + 1} exports"),
                    new Figure("working set", $"{LoadResultPrinter.Megabytes(before.Current)} before, {LoadResultPrinter.Megabytes(after.Current)} after"),
                ]);
            },
        };
    }

    /// <summary>What the checks need to know of a seeded order.</summary>
    private sealed record SeededOrder(string Number, DateTime CreatedAt, OrderStatus Status, PaymentStatus PaymentStatus, string Country, string Email, string SearchEmail, string SearchName);
}
