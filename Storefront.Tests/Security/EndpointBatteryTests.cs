using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storefront.Notifications;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;
using Xunit.Abstractions;

namespace Storefront.Tests.Security;

/// <summary>
/// Every endpoint the app maps (read from its <see cref="EndpointDataSource"/>, so new routes are covered without a
/// word here), sent a generated battery of bad requests as a guest, a shopper and the merchandiser: methods it does not
/// take, handlers it does not have, junk ids, junk values for each of its inputs (by their declared type), oversized
/// and broken bodies, damaged cookies, hostile query strings. Not one answer may be a 5xx, and no row of any table may
/// change.
/// <para>
/// Bad input must change nothing, so every request carries something malformed. Two consequences: a real id (the
/// shopper's order, a product) only goes into requests that are broken otherwise, and a handler that takes no input at
/// all (log out, reset the authenticator key) is only sent requests without a valid antiforgery token: there is
/// nothing in it to get wrong, so a valid post is a real action.
/// </para>
/// </summary>
public sealed class EndpointBatteryTests(SandboxFactory app, ITestOutputHelper output) : IClassFixture<SandboxFactory>
{
    private const int Parallelism = 4;

    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"];

    private static readonly string[] JunkIds = ["0", "-1", "SF-00000000", "한국", "%00", "..%2F..%2Fappsettings.json", new('9', 300), "%3Cscript%3E", "a.b"];

    private static readonly string[] JunkStrings =
        ["", "/한국", "//evil.example/", "<script>alert(1)</script>", "' OR 1=1 --", "\u0001\u001b[31m\r\nforged", new('x', 5000), "%ZZ%00"];

    private static readonly string[] JunkNumbers = ["", "-1", "99999999999999999999999", "1e400", "NaN", "0x10", "１２"];

    private static readonly string[] JunkBooleans = ["maybe", "", "2", "yes"];

    private static readonly string[] JunkDates = ["2026-02-30", "0000-00-00", "tomorrow", "9999-99-99T99:99"];

    private static readonly string[] JunkEnums = ["Nope", "999", "-1", ""];

    private static readonly string[] JunkQueries =
    [
        "?returnUrl=%2F%2Fevil.example&returnUrl=%2F%ED%95%9C%EA%B5%AD&page=-1&pageSize=99999999999&sort=%27&q=" + new string('가', 2000),
        "?handler=&handler=&x%5B%5D=1&%ZZ=%ZZ&key=CfDJ8" + new string('A', 600) + "&ref=" + new string('B', 100),
        "?from=2026-13-45&to=tomorrow&status=999&country=%00&code=!!!&userId=%27&email=%3Cscript%3E&id=-1",
    ];

    [Fact]
    public async Task No_endpoint_answers_bad_requests_with_a_5xx_or_changes_the_database()
    {
        var principals = await PrincipalsAsync();
        var probes = new List<Probe>();
        foreach (var endpoint in await EndpointsAsync())
            probes.AddRange(principals.SelectMany(who => Battery(endpoint, who)));
        // Anything a first visit creates lazily (an authenticator key, the antiforgery keys) exists before the checksum.
        await SendAllAsync(probes.Where(p => p.Label == "warm-up"));
        await QuietAsync();
        var before = await ChecksumAsync();

        var answers = await SendAllAsync(probes);
        await QuietAsync();
        var after = await ChecksumAsync();

        output.WriteLine($"{answers.Count} requests to {probes.Select(p => p.Endpoint).Distinct().Count()} endpoints; "
            + string.Join(", ", answers.GroupBy(a => a.Status / 100).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}xx")));
        var failures = answers.Where(a => a.Status >= 500).Select(a => $"{a.Status} for {a.Probe}").ToList();
        var thrown = app.Logs.Entries.Where(e => e.Exception is not null && e.Level >= LogLevel.Error)
            .Select(e => $"{e.Exception!.GetType().Name}: {e.Exception.Message.Split('\n')[0]} at {e.Exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}").Distinct();
        Assert.True(failures.Count == 0, $"{failures.Count} answers of 5xx:\n{string.Join('\n', failures.Take(40))}\nThrown:\n{string.Join('\n', thrown)}");
        var changed = before.Where(t => !t.Value.SequenceEqual(after.GetValueOrDefault(t.Key) ?? []))
            .Select(t => $"{t.Key}: {FirstDifference(t.Value, after.GetValueOrDefault(t.Key) ?? [])}").ToList();
        Assert.True(changed.Count == 0, $"Bad requests changed rows:\n{string.Join('\n', changed)}");
    }

    private IEnumerable<Probe> Battery(Target endpoint, Principal who)
    {
        var path = endpoint.Path(_ => JunkIds[0]);
        yield return new Probe(endpoint, who, "warm-up", "GET", endpoint.Path(name => who.RealIds.GetValueOrDefault(name, JunkIds[0])));

        // A method the endpoint takes goes without a token here: posted valid and empty, a handler without input would act.
        foreach (var method in Methods)
            yield return new Probe(endpoint, who, "method", method, path, Token: method != "GET" && endpoint.Handlers.All(h => h.Method != method));
        yield return new Probe(endpoint, who, "handler", "GET", With(path, "handler=Nope"));
        yield return new Probe(endpoint, who, "handler", "POST", With(path, "handler=Nope"), Token: true);

        // Ids: junk ones with anything; real ones only with a method or handler the endpoint does not have.
        foreach (var id in JunkIds.Skip(1))
            yield return new Probe(endpoint, who, "id", "GET", endpoint.Path(_ => id) + JunkQueries[1]);
        if (endpoint.Parameters.Any(who.RealIds.ContainsKey))
        {
            var real = endpoint.Path(name => who.RealIds.GetValueOrDefault(name, JunkIds[0]));
            yield return new Probe(endpoint, who, "real id", "GET", real + JunkQueries[1]);
            yield return new Probe(endpoint, who, "real id", "PUT", real, Token: true);
            yield return new Probe(endpoint, who, "real id", "POST", With(real, "handler=Nope"), Token: true);
        }
        foreach (var query in JunkQueries)
            yield return new Probe(endpoint, who, "query", "GET", path + query);
        foreach (var cookies in new[] { JunkCookies(who, "garbage"), JunkCookies(who, "CfDJ8" + new string('A', 300)) })
        {
            yield return new Probe(endpoint, who, "cookies", "GET", path, Cookies: cookies);
            yield return new Probe(endpoint, who, "cookies", "POST", path, Token: true, Cookies: cookies, Body: () => Form(("x", "1")));
        }

        foreach (var handler in endpoint.Handlers)
        {
            var target = handler.Name is null ? path : endpoint.HasHandlerParameter
                ? endpoint.Path(name => name == "handler" ? handler.Name : JunkIds[0])
                : With(path, "handler=" + handler.Name);
            var isRead = handler.Method is "GET" or "HEAD";
            for (var k = 0; k < 4 && handler.Fields.Count > 0; k++)
            {
                var values = handler.Fields.Select(f => (f.Name, Junk(f.Type, k))).ToArray();
                var url = endpoint.Path(name => name == "handler" && endpoint.HasHandlerParameter ? handler.Name ?? "" : JunkIds[k]);
                if (!endpoint.HasHandlerParameter && handler.Name is not null)
                    url = With(url, "handler=" + handler.Name);
                yield return isRead
                    ? new Probe(endpoint, who, "junk values", handler.Method, With(url, Query(values)))
                    : new Probe(endpoint, who, "junk values", handler.Method, url, Token: true, Body: () => Form(values));
            }
            if (isRead)
                continue;
            // A handler without input gets its malformed bodies without a token: with one, the post would be valid.
            var token = handler.Fields.Count > 0;
            yield return new Probe(endpoint, who, "1,025 fields", handler.Method, target, token,
                Body: () => Form(Enumerable.Range(0, 1025).Select(i => ($"f{i}", "x")).ToArray()));
            yield return new Probe(endpoint, who, "broken multipart", handler.Method, target, token, Body: BrokenMultipart);
            yield return new Probe(endpoint, who, "broken form encoding", handler.Method, target, token,
                Body: () => new StringContent("%%%=&&=%ZZ&a=%E0%A4%A", Encoding.ASCII, "application/x-www-form-urlencoded"));
            yield return new Probe(endpoint, who, "json", handler.Method, target, token,
                Body: () => new StringContent("{\"a\": [1, {\"b\": nul", Encoding.UTF8, "application/json"));
            if (who.Name == "merchandiser")
            {
                yield return new Probe(endpoint, who, "5 MB value", handler.Method, target, token,
                    Body: () => new StringContent("value=" + new string('A', 5 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded"));
            }
        }
    }

    private static string Junk(Type type, int k)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var values = type == typeof(string) || type == typeof(object) ? JunkStrings
            : type == typeof(bool) ? JunkBooleans
            : type.IsEnum ? JunkEnums
            : type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) ? JunkDates
            : type.IsPrimitive || type == typeof(decimal) ? JunkNumbers
            : JunkStrings;
        return values[k % values.Length];
    }

    /// <summary>Every route the app maps, with (for a page) its handlers and what each binds, by name and type.</summary>
    private async Task<List<Target>> EndpointsAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var targets = new List<Target>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var handlers = new List<Handler>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                var bound = compiled.BoundProperties.SelectMany(p => Fields(p.Name, p.ParameterType, p.BindingInfo)).ToList();
                foreach (var handler in compiled.HandlerMethods)
                {
                    var isRead = handler.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase);
                    var fields = handler.Parameters.Where(p => pattern.GetParameter(p.Name) is null)
                        .SelectMany(p => Fields(p.Name, p.ParameterType, p.BindingInfo))
                        // A bound property binds on GET only when it says so ([BindProperty(SupportsGet = true)]: no predicate).
                        .Concat(isRead ? compiled.BoundProperties.Where(p => p.BindingInfo?.RequestPredicate is null)
                            .SelectMany(p => Fields(p.Name, p.ParameterType, p.BindingInfo)) : bound)
                        .DistinctBy(f => f.Name).ToList();
                    handlers.Add(new Handler(handler.HttpMethod.ToUpperInvariant(), handler.Name, fields));
                }
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                handlers.AddRange(methods.Select(m => new Handler(m.ToUpperInvariant(), null, [("value", typeof(string))])));
            }
            targets.Add(new Target(endpoint.DisplayName ?? pattern.RawText ?? "?", pattern, handlers));
        }
        return targets;
    }

    /// <summary>The form field names a parameter or property binds: itself when simple, else its properties, two levels deep.</summary>
    private static IEnumerable<(string Name, Type Type)> Fields(string name, Type type, BindingInfo? binding, int depth = 0)
    {
        if (type == typeof(CancellationToken) || binding?.BindingSource == BindingSource.Services || type == typeof(IFormFile))
            yield break;
        var element = type.IsArray ? type.GetElementType()! : type.IsGenericType && type.GetGenericArguments() is [var only] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type != typeof(string) ? only : null;
        if (element is not null)
        {
            foreach (var field in Fields($"{name}[0]", element, binding, depth))
                yield return field;
            yield break;
        }
        var simple = type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)
            || Nullable.GetUnderlyingType(type) is not null;
        if (simple || depth == 2)
        {
            yield return (name, type);
            yield break;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            foreach (var field in Fields($"{name}.{property.Name}", property.PropertyType, null, depth + 1))
                yield return field;
        }
    }

    /// <summary>A guest, a shopper with a paid order of their own, and the merchandiser, each with cookies and a token.</summary>
    private async Task<List<Principal>> PrincipalsAsync()
    {
        var slug = await app.StockedProductAsync(skip: 2);
        var shopper = NewBrowser(out var shopperCookies);
        await shopper.RegisterNewShopperAsync();
        await shopper.ChooseCountryAsync("KR");
        await shopper.AddToCartAsync(slug);
        var paid = await shopper.PayWithKakaoPayAsync();
        var number = AdminSteps.NumberFrom(paid.Headers.Location!);
        var merchandiser = NewBrowser(out var merchandiserCookies);
        Assert.Equal(HttpStatusCode.Redirect, (await merchandiser.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword)).StatusCode);
        var guest = NewBrowser(out var guestCookies);
        await guest.ChooseCountryAsync("KR");
        await guest.AddToCartAsync(slug);

        var realIds = new Dictionary<string, string> { ["number"] = number, ["slug"] = slug };
        return
        [
            new Principal("guest", guestCookies.GetCookieHeader(app.BaseAddress), await guest.AntiforgeryTokenAsync(), realIds),
            new Principal("shopper", shopperCookies.GetCookieHeader(app.BaseAddress), await shopper.AntiforgeryTokenAsync(), realIds),
            new Principal("merchandiser", merchandiserCookies.GetCookieHeader(app.BaseAddress), await merchandiser.AntiforgeryTokenAsync(), realIds),
        ];
    }

    private Browser NewBrowser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new Browser(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.BaseAddress }, app);
    }

    private static string JunkCookies(Principal who, string junk) =>
        string.Join("; ", who.Cookies.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=')[0] + "=" + junk)
            .Append(".AspNetCore.Session=" + junk).Append("storefront.country=" + junk));

    private async Task<List<Answer>> SendAllAsync(IEnumerable<Probe> probes)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var answers = new ConcurrentBag<Answer>();
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (probe, token) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url) { Content = probe.Body?.Invoke() };
            request.Headers.TryAddWithoutValidation("Cookie", probe.Cookies ?? probe.Who.Cookies);
            if (probe.Token)
                request.Headers.Add("RequestVerificationToken", probe.Who.Token);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                answers.Add(new Answer(probe, (int)response.StatusCode));
            }
            catch (HttpRequestException ex) when (probe.Body is not null)
            {
                // The server may answer a big body before reading it all and close the connection: that is an answer.
                answers.Add(new Answer(probe, ex.StatusCode is { } status ? (int)status : 0));
            }
        });
        return [.. answers];
    }

    /// <summary>The app's background work (e-mails of the arranged order) is done, so that only the battery could change rows.</summary>
    private Task QuietAsync() => Eventually.ReachesAsync(
        () => app.WithDbAsync(db => db.OutgoingEmails.CountAsync(e => e.Status == EmailStatus.Pending)),
        pending => pending == 0, "done sending e-mails");

    private static string FirstDifference(List<string> before, List<string> after)
    {
        var index = Enumerable.Range(0, Math.Max(before.Count, after.Count)).First(i => before.ElementAtOrDefault(i) != after.ElementAtOrDefault(i));
        static string Cut(string? row) => row is null ? "(none)" : row.Length > 400 ? row[..400] + "…" : row;
        return $"row {index} was {Cut(before.ElementAtOrDefault(index))}, is {Cut(after.ElementAtOrDefault(index))}";
    }

    /// <summary>
    /// Every row of every table, as text; but the workers' heartbeats, which beat on their own clock whatever the
    /// requests do.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> ChecksumAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'WorkerHeartbeats'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync();
            var values = rows[table] = [];
            while (await reader.ReadAsync())
            {
                values.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                    $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}")));
            }
        }
        return rows;
    }

    private static string With(string url, string query) => url + (url.Contains('?') ? "&" : "?") + query;

    private static string Query(IEnumerable<(string Name, string Value)> values) =>
        string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Name)}={Uri.EscapeDataString(v.Value)}"));

    private static HttpContent Form(params (string Name, string Value)[] values) =>
        new FormUrlEncodedContent(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));

    private static HttpContent BrokenMultipart()
    {
        var content = new StringContent("--b0undary\r\nContent-Disposition: form-data; name=\"Input.Email\"\r\n\r\nx\r\n--b0und", Encoding.ASCII);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b0undary");
        return content;
    }

    private sealed record Principal(string Name, string Cookies, string Token, IReadOnlyDictionary<string, string> RealIds);

    private sealed record Handler(string Method, string? Name, IReadOnlyList<(string Name, Type Type)> Fields);

    private sealed record Target(string Name, RoutePattern Pattern, IReadOnlyList<Handler> Handlers)
    {
        public IEnumerable<string> Parameters => Pattern.Parameters.Select(p => p.Name);

        public bool HasHandlerParameter => Pattern.GetParameter("handler") is not null;

        /// <summary>The route with each parameter filled in (a catch-all or optional one may be left empty).</summary>
        public string Path(Func<string, string> value)
        {
            var path = new StringBuilder();
            foreach (var segment in Pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart { Name: "handler" } => value("handler") is var h && JunkIds.Contains(h) ? "" : h,
                        RoutePatternParameterPart parameter => Uri.EscapeDataString(Uri.UnescapeDataString(value(parameter.Name))),
                        _ => "",
                    });
                }
            }
            return path.Length == 0 ? "/" : path.ToString().TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
        }

        public override string ToString() => Name;
    }

    private sealed record Probe(Target Endpoint, Principal Who, string Label, string Method, string Url, bool Token = false,
        string? Cookies = null, Func<HttpContent>? Body = null)
    {
        public override string ToString() =>
            $"{Method} {(Url.Length > 120 ? Url[..120] + "…" : Url)} ({Label}, as {Who.Name}{(Token ? ", with token" : "")})";
    }

    private sealed record Answer(Probe Probe, int Status);
}
