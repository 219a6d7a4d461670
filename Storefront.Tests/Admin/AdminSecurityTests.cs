using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Admin;

/// <summary>
/// Every admin route and handler, found in the app's own endpoint data sources (so a page added later is covered
/// without touching this test), refuses guests (302 to log in) and shoppers (403) and changes nothing; every admin
/// POST without an antiforgery token is refused with 400, even for the merchandiser.
/// </summary>
public sealed class AdminSecurityTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task Discovery_finds_the_admin_pages_and_their_handlers()
    {
        var requests = await AdminRequestsAsync("SF-TEST0000");

        var seen = requests.Select(r => $"{r.Method} {r.Route}{(r.Handler is null ? "" : $" {r.Handler}")}").ToHashSet();
        foreach (var expected in new[]
        {
            "GET /admin", "GET /admin/orders", "GET /admin/orders/export", "GET /admin/orders/{number}", "GET /admin/products", "GET /admin/webhooks",
            "POST /admin/orders/{number} Refund", "POST /admin/orders/{number} Cancel", "POST /admin/orders/{number} Fulfil",
            "POST /admin/orders/{number} Note", "POST /admin/orders/{number} Review", "POST /admin/orders/{number} SendAgain",
            "POST /admin/webhooks Reprocess",
            "GET /admin/products/new", "POST /admin/products/new", "GET /admin/products/{id}", "POST /admin/products/{id}",
            "POST /admin/products/{id} Stock", "POST /admin/products/{id} Archive", "POST /admin/products/{id} Restore",
            "GET /admin/products/export", "GET /admin/products/import", "POST /admin/products/import", "POST /admin/products/import Apply",
            "GET /admin/categories", "POST /admin/categories", "POST /admin/categories Rename", "POST /admin/categories Up",
            "POST /admin/categories Down", "POST /admin/categories Hide", "POST /admin/categories Show", "POST /admin/categories Delete",
        })
        {
            Assert.Contains(expected, seen);
        }
    }

    [Fact]
    public async Task A_guest_is_sent_to_log_in_from_every_admin_route_and_handler_and_nothing_changes()
    {
        var (number, messageId) = await ArrangeAsync();
        using var guest = app.CreateBrowser();
        var token = await AntiforgeryTokenAsync(guest);
        var before = await SnapshotAsync();

        foreach (var request in await AdminRequestsAsync(number))
        {
            var response = await SendAsync(guest, request, token, messageId);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{request}: {(int)response.StatusCode}, not 302.");
            var location = response.Headers.Location!.OriginalString;
            Assert.True(location.Contains("/Identity/Account/Login?ReturnUrl=", StringComparison.Ordinal), $"{request}: sent to {location}.");
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_shopper_is_forbidden_every_admin_route_and_handler_and_nothing_changes()
    {
        var (number, messageId) = await ArrangeAsync();
        using var shopper = app.CreateBrowser();
        await shopper.RegisterNewShopperAsync();
        var token = await AntiforgeryTokenAsync(shopper);
        var before = await SnapshotAsync();

        foreach (var request in await AdminRequestsAsync(number))
        {
            var response = await SendAsync(shopper, request, token, messageId);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{request}: {(int)response.StatusCode}, not 403.");
            Assert.DoesNotContain(number, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Every_admin_post_without_an_antiforgery_token_is_refused_even_for_the_merchandiser()
    {
        var (number, messageId) = await ArrangeAsync();
        using var merchandiser = await app.MerchandiserAsync();
        var before = await SnapshotAsync();
        var posts = (await AdminRequestsAsync(number)).Where(r => r.Method == "POST").ToList();
        Assert.NotEmpty(posts);

        foreach (var request in posts)
        {
            var response = await SendAsync(merchandiser, request, token: null, messageId);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{request} without a token: {(int)response.StatusCode}, not 400.");
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Every_admin_form_carries_an_antiforgery_token()
    {
        var (number, _) = await ArrangeAsync();
        using var merchandiser = await app.MerchandiserAsync();

        foreach (var path in new[] { "/admin", "/admin/orders", $"/admin/orders/{number}", "/admin/products", "/admin/categories", "/admin/webhooks?status=Poisoned" })
        {
            var page = await merchandiser.GetAsync(path);
            foreach (var form in page.Document.QuerySelectorAll("form[method=post]"))
                Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        }
    }

    /// <summary>A paid order (every order action would apply to it) and a poisoned webhook message (Reprocess would apply).</summary>
    private async Task<(string Number, long MessageId)> ArrangeAsync()
    {
        var number = await app.PaidKakaoPayOrderAsync();
        var messageId = await app.WithDbAsync(async db =>
        {
            var psp = "SEC" + Guid.NewGuid().ToString("N")[..13].ToUpperInvariant();
            var message = new WebhookMessage(WebhookKind.Standard, $"{psp}:REFUND:true:", "REFUND", psp, null, null, true, false, "{}", DateTime.UtcNow)
            {
                Status = WebhookStatus.Poisoned,
            };
            db.WebhookMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        return (number, messageId);
    }

    /// <summary>Every GET and POST the admin endpoints answer: each page's handlers, loaded the way Razor Pages loads them.</summary>
    private async Task<IReadOnlyList<AdminRequest>> AdminRequestsAsync(string orderNumber)
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var requests = new List<AdminRequest>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            var isAdmin = route.StartsWith("/admin", StringComparison.OrdinalIgnoreCase)
                || page?.ViewEnginePath.StartsWith("/Admin/", StringComparison.OrdinalIgnoreCase) == true;
            if (!isAdmin)
                continue;
            var path = endpoint.RoutePattern.Parameters.Aggregate(route, (current, parameter) =>
                current.Replace($"{{{parameter.Name}}}", parameter.Name == "number" ? orderNumber : "1", StringComparison.Ordinal)
                    .Replace($"{{{parameter.Name}?}}", "", StringComparison.Ordinal));
            if (page is not null)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                requests.AddRange(compiled.HandlerMethods.Select(h => new AdminRequest(h.HttpMethod.ToUpperInvariant(), route, path, h.Name)));
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
                requests.AddRange(methods.Select(m => new AdminRequest(m, route, path, null)));
            }
        }
        Assert.NotEmpty(requests);
        return requests;
    }

    /// <summary>
    /// Sends the request with fields that every admin form would accept (confirmation ticked, a fresh submit key, the
    /// webhook message to reprocess), so that a missing authorisation check would show up as a change.
    /// </summary>
    private static Task<HttpResponseMessage> SendAsync(Browser browser, AdminRequest request, string? token, long messageId)
    {
        var url = request.Handler is null ? request.Path : $"{request.Path}?handler={request.Handler}";
        if (request.Method == "GET")
            return browser.Client.GetAsync(url);
        var submitKey = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var fields = new Dictionary<string, string>
        {
            ["Refund.Amount"] = "1000", ["Refund.Reason"] = "Probe", ["Refund.Confirm"] = "true", ["Refund.SubmitKey"] = submitKey,
            ["Cancel.Reason"] = "Probe", ["Cancel.Confirm"] = "true", ["Cancel.SubmitKey"] = submitKey + "c",
            ["Fulfil.Carrier"] = "Probe", ["Fulfil.TrackingNumber"] = "1", ["Fulfil.Confirm"] = "true",
            ["Note.Text"] = "Probe", ["Note.Confirm"] = "true",
            ["Review.Resolution"] = "Probe", ["Review.Confirm"] = "true",
            ["reference"] = "probe", ["id"] = messageId.ToString(),
        };
        if (token is not null)
            fields["__RequestVerificationToken"] = token;
        return browser.Client.PostAsync(url + (url.Contains('?') ? "&" : "?") + $"id={messageId}", new FormUrlEncodedContent(fields));
    }

    /// <summary>A valid antiforgery token for this browser's own cookies, from a public page's form.</summary>
    private static async Task<string> AntiforgeryTokenAsync(Browser browser)
    {
        var home = await browser.GetAsync("/");
        return home.Document.QuerySelector("form.country-picker input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    /// <summary>Everything an admin action could change: orders, their timelines and modifications, stock, the inbox.</summary>
    private Task<string> SnapshotAsync() => app.WithDbAsync(async db =>
    {
        var snapshot = new StringBuilder();
        foreach (var order in await db.Orders.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new { o.Number, o.Status, o.PaymentStatus, o.ReviewReason, o.Carrier, o.Version, Events = o.Events.Count(), Modifications = o.Modifications.Count() })
            .ToListAsync())
        {
            snapshot.AppendLine(order.ToString());
        }
        foreach (var product in await db.Products.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Slug, p.Stock, p.IsPublished, p.Version }).ToListAsync())
            snapshot.AppendLine(product.ToString());
        foreach (var message in await db.WebhookMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.Status, m.Attempts, m.ReprocessedBy, m.Version }).ToListAsync())
            snapshot.AppendLine(message.ToString());
        snapshot.AppendLine($"modifications sent to Adyen: {app.Exchanges.Count(e => e.OperationPath.EndsWith("/refunds", StringComparison.Ordinal) || e.OperationPath.EndsWith("/reversals", StringComparison.Ordinal))}");
        return snapshot.ToString();
    });

    private sealed record AdminRequest(string Method, string Route, string Path, string? Handler)
    {
        public override string ToString() => $"{Method} {Path}{(Handler is null ? "" : $"?handler={Handler}")}";
    }
}
