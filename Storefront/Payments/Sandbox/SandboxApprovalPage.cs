using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Storefront.Localization;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// The KakaoPay-like page the shopper is redirected to: approve, decline or cancel, with the recurring consent
/// step when the store asked to save the method. It then sends the shopper back to the returnUrl with an opaque
/// <c>redirectResult</c>, by a 303 GET or an auto-submitted POST form (<c>Adyen:Sandbox:ReturnMethod</c>).
/// </summary>
internal static class SandboxApprovalPage
{
    public const string Path = "/sandbox/adyen/checkoutshopper";

    public const string SessionField = "sessionId";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style =
        "body{font-family:system-ui,sans-serif;background:#f6f6f6;margin:0}main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:1rem}"
        + ".brand{background:#ffeb00;color:#191919;display:inline-block;padding:.3rem .8rem;border-radius:.5rem;font-weight:700}"
        + "button{font:inherit;padding:.6rem 1.2rem;margin:.3rem 0;border-radius:.5rem;border:1px solid #191919;cursor:pointer}"
        + ".approve{background:#ffeb00}.alert{color:#b00020}.note{color:#555;font-size:.9rem}";

    private const string ReturnScript = "document.getElementById('return-form').submit();";

    /// <summary>Like Adyen's own pages, these carry their own policy: exactly this inline style and this script run.</summary>
    private static readonly string ContentSecurityPolicy =
        $"default-src 'self'; style-src '{Sha256(Style)}'; script-src '{Sha256(ReturnScript)}'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static string Url(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Path}/redirect";

    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(Path);
        pages.MapGet("/redirect", (HttpContext context, AdyenSandbox sandbox, IOptionsMonitor<SandboxOptions> settings, string? sessionId) =>
            Enter(context, sandbox, settings.CurrentValue, sessionId));
        // The store's auto-submitted form of action.data arrives here from "another site": no antiforgery token.
        pages.MapPost("/redirect", async (HttpContext context, AdyenSandbox sandbox, IOptionsMonitor<SandboxOptions> settings) =>
            await FormAsync(context) is { } form
                ? Enter(context, sandbox, settings.CurrentValue, form[SessionField].ToString())
                : Results.BadRequest()).DisableAntiforgery();
        pages.MapPost("/decide", DecideAsync).DisableAntiforgery();
    }

    private static IResult Enter(HttpContext context, AdyenSandbox sandbox, SandboxOptions settings, string? sessionId)
    {
        if (sandbox.FindBySession(sessionId) is not { } payment)
            return Results.NotFound();
        return payment.Outcome switch
        {
            SandboxOutcome.AwaitingShopper => Page(context, payment, error: null, StatusCodes.Status200OK),
            SandboxOutcome.Expired => ExpiredPage(context, payment),
            _ => ReturnToShop(context, payment, settings),
        };
    }

    private static async Task<IResult> DecideAsync(
        HttpContext context, AdyenSandbox sandbox, IOptionsMonitor<SandboxOptions> settings, IAntiforgery antiforgery)
    {
        // Validated here rather than by the middleware so that a stale form gets a plain 400, not an exception.
        if (await FormAsync(context) is not { } form || !await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest();
        if (sandbox.FindBySession(form[SessionField].ToString()) is not { } payment)
            return Results.NotFound();
        if (!Enum.TryParse<ShopperDecision>(form["decision"].ToString(), ignoreCase: true, out var decision) || !Enum.IsDefined(decision))
            return Results.BadRequest();

        var consent = form["consent"].ToString() == "true";
        if (decision == ShopperDecision.Approve && payment.StorePaymentMethod && !consent && payment.Outcome == SandboxOutcome.AwaitingShopper)
        {
            var localizer = Words(context);
            return Page(context, payment,
                localizer["Tick the box to let {0} save {1}, or choose Cancel.", payment.MerchantAccount, localizer[payment.Method.Name]],
                StatusCodes.Status422UnprocessableEntity);
        }
        sandbox.Decide(payment, decision, consent);
        return payment.Outcome == SandboxOutcome.Expired ? ExpiredPage(context, payment) : ReturnToShop(context, payment, settings.CurrentValue);
    }

    /// <summary>Too late: the offer was closed. The way back carries no redirectResult, so the store shows what it knows.</summary>
    private static IResult ExpiredPage(HttpContext context, SandboxPayment payment)
    {
        var localizer = Words(context);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(Language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(localizer["Payment expired · Adyen sandbox"])).Append("</title></head><body><main>")
            .Append("<h1>").Append(Html.Encode(localizer["This payment has expired"])).Append("</h1>")
            .Append("<p role=\"alert\">").Append(Html.Encode(localizer["{0} waited too long for your answer, and nothing was charged.", localizer[payment.Method.Name]])).Append("</p>")
            .Append("<p><a id=\"return-link\" href=\"").Append(Html.Encode(payment.ReturnUrl)).Append("\">").Append(Html.Encode(localizer["Return to the shop"])).Append("</a></p>")
            .Append("</main></body></html>");
        return new HtmlPage(html.ToString(), StatusCodes.Status410Gone);
    }

    private static IResult ReturnToShop(HttpContext context, SandboxPayment payment, SandboxOptions settings)
    {
        var redirectResult = payment.RedirectResult!;
        if (settings.ReturnMethod == SandboxHttpMethod.Get)
        {
            var location = QueryHelpers.AddQueryString(payment.ReturnUrl, "redirectResult", redirectResult);
            return new SeeOtherResult(location);
        }

        var localizer = Words(context);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(Language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(localizer["Returning to the shop"])).Append("</title></head><body><main>")
            .Append("<form id=\"return-form\" method=\"post\" action=\"").Append(Html.Encode(payment.ReturnUrl)).Append("\">")
            .Append("<input type=\"hidden\" name=\"redirectResult\" value=\"").Append(Html.Encode(redirectResult)).Append("\">")
            .Append("<p>").Append(Html.Encode(localizer["Returning you to the shop…"])).Append("</p><button type=\"submit\">")
            .Append(Html.Encode(localizer["Return to the shop"])).Append("</button></form></main>")
            .Append("<script>").Append(ReturnScript).Append("</script></body></html>");
        return new HtmlPage(html.ToString(), StatusCodes.Status200OK);
    }

    private static IResult Page(HttpContext context, SandboxPayment payment, string? error, int status)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var localizer = Words(context);
        var method = localizer[payment.Method.Name].Value;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(Language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.Encode(localizer["{0} payment · Adyen sandbox", method])).Append("</title><style>").Append(Style).Append("</style></head><body><main>")
            .Append("<p class=\"brand\">").Append(Html.Encode(method)).Append("</p>")
            .Append("<h1>").Append(Html.Encode(localizer["Confirm your payment"])).Append("</h1>")
            .Append("<p class=\"note\">").Append(Html.Encode(localizer["Adyen sandbox: a simulation, no real money moves."])).Append("</p>")
            .Append("<dl><dt>").Append(Html.Encode(localizer["Merchant"])).Append("</dt><dd id=\"merchant\">").Append(Html.Encode(payment.MerchantAccount)).Append("</dd>")
            .Append("<dt>").Append(Html.Encode(localizer["Amount"])).Append("</dt><dd id=\"amount\">").Append(Html.Encode(payment.Amount.ToString())).Append("</dd>")
            .Append("<dt>").Append(Html.Encode(localizer["Order reference"])).Append("</dt><dd>").Append(Html.Encode(payment.MerchantReference)).Append("</dd></dl>");
        if (error is not null)
            html.Append("<p class=\"alert\" role=\"alert\">").Append(Html.Encode(error)).Append("</p>");

        var consent = localizer["Save {0} for future payments: I agree that {1} may charge it without asking me again.", method, payment.MerchantAccount];
        DecisionForm(html, context.Request.PathBase, "approve", localizer["Approve"], payment, tokens, consent: payment.StorePaymentMethod
            ? $"<p><input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"true\" required> <label for=\"consent\">{Html.Encode(consent)}</label></p>"
            : null);
        DecisionForm(html, context.Request.PathBase, "decline", localizer["Decline"], payment, tokens, consent: null);
        DecisionForm(html, context.Request.PathBase, "cancel", localizer["Cancel"], payment, tokens, consent: null);
        html.Append("</main></body></html>");

        context.Response.Headers.CacheControl = "no-store";
        return new HtmlPage(html.ToString(), status);
    }

    private static void DecisionForm(StringBuilder html, PathString pathBase, string decision, string label, SandboxPayment payment, AntiforgeryTokenSet tokens, string? consent)
    {
        html.Append("<form id=\"").Append(decision).Append("-form\" method=\"post\" action=\"").Append(Html.Encode(pathBase + Path)).Append("/decide\">")
            .Append("<input type=\"hidden\" name=\"").Append(SessionField).Append("\" value=\"").Append(Html.Encode(payment.SessionId)).Append("\">")
            .Append("<input type=\"hidden\" name=\"decision\" value=\"").Append(decision).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(Html.Encode(tokens.FormFieldName)).Append("\" value=\"").Append(Html.Encode(tokens.RequestToken ?? "")).Append("\">")
            .Append(consent)
            .Append("<button type=\"submit\"").Append(decision == "approve" ? " class=\"approve\"" : "").Append('>').Append(Html.Encode(label)).Append("</button></form>");
    }

    /// <summary>
    /// The page speaks the shopper's language, as the request's culture says (the store's switch, the browser, then
    /// the market: Korean in Korea), like KakaoPay's own page for a Korean shopper.
    /// </summary>
    private static IStringLocalizer<SharedResource> Words(HttpContext context) =>
        context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static string Language => CultureInfo.CurrentUICulture.Name;

    /// <summary>The posted form, or null when the body is no form or breaks the form limits.</summary>
    private static async Task<IFormCollection?> FormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
            return null;
        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static string Sha256(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

    private sealed class HtmlPage(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(httpContext);
        }
    }

    /// <summary>303, so the shopper's browser comes back to the store with a GET whatever method brought it here.</summary>
    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
