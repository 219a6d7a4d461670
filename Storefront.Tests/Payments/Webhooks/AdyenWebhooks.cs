using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>
/// Sends webhooks to a running app as Adyen does: JSON over HTTP with the app's Basic auth, each standard item
/// signed with the app's configured HMAC key (in Sandbox mode, the ones generated at its start), tokenization
/// bodies signed in the <c>HmacSignature</c> header.
/// </summary>
public sealed class AdyenWebhooks(StorefrontFactory app) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = app.BaseAddress };

    public AdyenOptions Options => app.Services.GetRequiredService<IOptions<AdyenOptions>>().Value;

    public string MerchantAccount => Options.MerchantAccount!;

    public AuthenticationHeaderValue BasicAuth =>
        Basic(Options.WebhookUsername!, Options.WebhookPassword!);

    public static AuthenticationHeaderValue Basic(string username, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    /// <summary>A notification item as Adyen would send it for our merchant account, not yet signed.</summary>
    public NotificationRequestItem Item(string eventCode, string pspReference, string? merchantReference, Amount? amount,
        bool success = true, string? originalReference = null, string? reason = null,
        IReadOnlyDictionary<string, string>? additionalData = null, string? merchantAccount = null) => new()
    {
        EventCode = eventCode,
        PspReference = pspReference,
        MerchantReference = merchantReference,
        Amount = amount,
        Success = success ? "true" : "false",
        OriginalReference = originalReference,
        Reason = reason,
        MerchantAccountCode = merchantAccount ?? MerchantAccount,
        EventDate = "2026-11-28T21:15:30+09:00",
        PaymentMethod = "kakaopay",
        AdditionalData = additionalData,
    };

    /// <summary>The item with <c>additionalData.hmacSignature</c> computed with <paramref name="hexKey"/> (the primary key by default).</summary>
    public NotificationRequestItem Signed(NotificationRequestItem item, string? hexKey = null)
    {
        var additionalData = new Dictionary<string, string>(item.AdditionalData ?? new Dictionary<string, string>())
        {
            ["hmacSignature"] = AdyenHmac.Sign(item, hexKey ?? Options.HmacKeys[0]),
        };
        return item with { AdditionalData = additionalData };
    }

    /// <summary>The wire JSON of a standard webhook, field by field as Adyen writes it.</summary>
    public static string StandardBody(IEnumerable<NotificationRequestItem> items, string live = "false") =>
        new JsonObject
        {
            ["live"] = live,
            ["notificationItems"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject { ["NotificationRequestItem"] = ToJson(i) }).ToArray()),
        }.ToJsonString();

    public static string StandardBody(NotificationRequestItem item, string live = "false") => StandardBody([item], live);

    /// <summary>Signs, wraps and posts one item.</summary>
    public Task<HttpResponseMessage> SendAsync(NotificationRequestItem item) => PostStandardAsync(StandardBody(Signed(item)));

    public Task<HttpResponseMessage> PostStandardAsync(string body, AuthenticationHeaderValue? auth = null, string contentType = "application/json") =>
        PostAsync(WebhookRegistration.StandardPath, new StringContent(body, Encoding.UTF8, contentType), auth ?? BasicAuth, signature: null);

    /// <summary>A tokenization body exactly as Adyen sends it (one line).</summary>
    public string TokenBody(string type, string shopperReference, string storedPaymentMethodId, string? eventId = null,
        string environment = "test", string? operation = null, string? merchantAccount = null)
    {
        var data = new JsonObject
        {
            ["merchantAccount"] = merchantAccount ?? MerchantAccount,
            ["shopperReference"] = shopperReference,
            ["storedPaymentMethodId"] = storedPaymentMethodId,
            ["type"] = "kakaopay",
        };
        if (operation is not null)
            data["operation"] = operation;
        return new JsonObject
        {
            ["createdAt"] = "2026-11-28T21:15:30+09:00",
            ["data"] = data,
            ["environment"] = environment,
            ["eventId"] = eventId ?? NewPspReference(),
            ["type"] = type,
        }.ToJsonString();
    }

    /// <summary>Posts a tokenization body signed over its bytes (with the primary tokenization key unless <paramref name="signature"/> is given).</summary>
    public Task<HttpResponseMessage> PostTokenizationAsync(string body, string? signature = null, AuthenticationHeaderValue? auth = null,
        string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return PostAsync(WebhookRegistration.TokenizationPath, content, auth ?? BasicAuth,
            signature ?? AdyenHmac.Sign(bytes, Options.TokenizationHmacKeys[0]));
    }

    /// <summary>The inbox row for a standard item, waited for until it reaches one of <paramref name="statuses"/>.</summary>
    public Task<WebhookMessage> ProcessedAsync(NotificationRequestItem item, params WebhookStatus[] statuses) =>
        RowReachesAsync(StandardKey(item), statuses);

    public async Task<WebhookMessage> RowReachesAsync(string eventKey, params WebhookStatus[] statuses)
    {
        var wanted = statuses.Length == 0 ? [WebhookStatus.Processed] : statuses;
        var row = await Eventually.ReachesAsync(
            () => app.WithDbAsync(db => db.WebhookMessages.AsNoTracking().FirstOrDefaultAsync(m => m.EventKey == eventKey)),
            m => m is not null && wanted.Contains(m.Status),
            $"{eventKey} {string.Join(" or ", wanted)}",
            describe: m => m is null ? "no row" : $"{m.Status} after {m.Attempts} tries, {m.LastError}");
        return row!;
    }

    public static string StandardKey(NotificationRequestItem item) =>
        $"{item.PspReference}:{item.EventCode}:{item.Success}:{item.OriginalReference}";

    public static string TokenKey(string eventId, string type) => $"token:{eventId}:{type}";

    public Task<int> InboxCountAsync() => app.WithDbAsync(db => db.WebhookMessages.CountAsync());

    /// <summary>16 upper-case letters and digits, like Adyen's.</summary>
    public static string NewPspReference() => Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content, AuthenticationHeaderValue? auth, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = auth;
        if (signature is not null)
            request.Headers.Add(WebhookReceiver.HmacSignatureHeader, signature);
        return await _client.SendAsync(request);
    }

    private static JsonObject ToJson(NotificationRequestItem item)
    {
        var json = new JsonObject();
        if (item.AdditionalData is { } additionalData)
            json["additionalData"] = new JsonObject(additionalData.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        if (item.Amount is { } amount)
            json["amount"] = new JsonObject { ["currency"] = amount.Currency, ["value"] = amount.Value };
        json["eventCode"] = item.EventCode;
        json["eventDate"] = item.EventDate;
        json["merchantAccountCode"] = item.MerchantAccountCode;
        json["merchantReference"] = item.MerchantReference;
        if (item.OriginalReference is not null)
            json["originalReference"] = item.OriginalReference;
        json["paymentMethod"] = item.PaymentMethod;
        json["pspReference"] = item.PspReference;
        json["reason"] = item.Reason ?? "";
        json["success"] = item.Success;
        return json;
    }
}
