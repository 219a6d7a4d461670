using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// Adyen's two webhook receivers. A message is authenticated (Basic auth, then its HMAC under the primary or the
/// previous key), checked against our mode (live or test), and stored in the inbox under its unique key before
/// the 2xx; nothing is applied here. Anything wrong is refused with a 4xx and nothing stored, so Adyen retries it
/// and the engineer on call finds the reason in the log (never a secret).
/// </summary>
public sealed partial class WebhookReceiver(
    WebhookInbox inbox,
    IOptionsMonitor<AdyenOptions> adyenOptions,
    TimeProvider time,
    WebhookTelemetry telemetry,
    ILogger<WebhookReceiver> logger)
{
    public const string HmacSignatureHeader = "HmacSignature";

    /// <summary>Adyen accepts any 2xx; the historical body is harmless and helps whoever reads a trace.</summary>
    private const string Accepted = "[accepted]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private AdyenOptions Options => adyenOptions.CurrentValue;

    /// <summary><c>POST /webhooks/adyen</c>: standard notifications, each item signed in <c>additionalData.hmacSignature</c>.</summary>
    public async Task<IResult> ReceiveStandardAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await ReadAuthenticatedBodyAsync(request, WebhookKind.Standard, cancellationToken);
        if (read.Refusal is { } refusal)
            return refusal;
        var body = read.Body!;

        ParsedNotification parsed;
        try
        {
            parsed = ParseStandard(body);
        }
        catch (JsonException ex)
        {
            return Refuse(WebhookKind.Standard, StatusCodes.Status400BadRequest, RefusalReason.MalformedBody, ex.Message);
        }
        if (parsed.Problem is { } problem)
            return Refuse(WebhookKind.Standard, StatusCodes.Status400BadRequest, RefusalReason.MalformedBody, problem);

        if (!string.Equals(parsed.Live, ExpectedLive, StringComparison.OrdinalIgnoreCase))
            return Refuse(WebhookKind.Standard, StatusCodes.Status422UnprocessableEntity, RefusalReason.WrongEnvironment,
                $"live is \"{parsed.Live}\" but Adyen:Mode is {Options.Mode}");

        // One item that fails its signature refuses the whole batch: Adyen then retries all of it.
        for (var i = 0; i < parsed.Items.Count; i++)
        {
            if (!AdyenHmac.IsValid(parsed.Items[i].Item, Options.HmacKeys))
                return Refuse(WebhookKind.Standard, StatusCodes.Status401Unauthorized, RefusalReason.InvalidSignature,
                    $"item {i} ({parsed.Items[i].Item.EventCode})");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var live = Options.Mode == AdyenMode.Live;
        var stored = await inbox.StoreAsync(
            parsed.Items.Select(i => WebhookMessage.Standard(i.Item, live, i.Raw, now)).ToList(), cancellationToken);
        LogAccepted(logger, WebhookKind.Standard, parsed.Items.Count, stored);
        return Results.Text(Accepted, "text/plain", statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary><c>POST /webhooks/adyen/tokens</c>: <c>recurring.token.*</c>, signed over the raw body in the <c>HmacSignature</c> header.</summary>
    public async Task<IResult> ReceiveTokenizationAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await ReadAuthenticatedBodyAsync(request, WebhookKind.Tokenization, cancellationToken);
        if (read.Refusal is { } refusal)
            return refusal;
        var body = read.Body!;

        // The signature covers the bytes exactly as received: checked before anything reads them as JSON.
        if (!AdyenHmac.IsValid(body, request.Headers[HmacSignatureHeader].ToString(), Options.TokenizationHmacKeys))
            return Refuse(WebhookKind.Tokenization, StatusCodes.Status401Unauthorized, RefusalReason.InvalidSignature, "body");

        TokenizationNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<TokenizationNotification>(body, Json);
        }
        catch (JsonException ex)
        {
            return Refuse(WebhookKind.Tokenization, StatusCodes.Status400BadRequest, RefusalReason.MalformedBody, ex.Message);
        }
        if (ProblemWith(notification) is { } problem)
            return Refuse(WebhookKind.Tokenization, StatusCodes.Status400BadRequest, RefusalReason.MalformedBody, problem);

        var expected = Options.Mode == AdyenMode.Live ? "live" : "test";
        if (!string.Equals(notification!.Environment, expected, StringComparison.OrdinalIgnoreCase))
            return Refuse(WebhookKind.Tokenization, StatusCodes.Status422UnprocessableEntity, RefusalReason.WrongEnvironment,
                $"environment is \"{notification.Environment}\" but Adyen:Mode is {Options.Mode}");

        var message = WebhookMessage.Tokenization(notification, Options.Mode == AdyenMode.Live,
            Encoding.UTF8.GetString(body), time.GetUtcNow().UtcDateTime);
        var stored = await inbox.StoreAsync([message], cancellationToken);
        LogAccepted(logger, WebhookKind.Tokenization, 1, stored);
        return Results.Text(Accepted, "text/plain", statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>"true" when we run against Adyen Live, "false" for Test and the sandbox.</summary>
    private string ExpectedLive => Options.Mode == AdyenMode.Live ? "true" : "false";

    /// <summary>Basic auth, then a JSON content type, then at most <see cref="WebhookOptions.MaxBodyBytes"/> of body.</summary>
    private async Task<AuthenticatedBody> ReadAuthenticatedBodyAsync(HttpRequest request, WebhookKind kind, CancellationToken cancellationToken)
    {
        if (CheckBasicAuth(request) is { } authFailure)
            return new AuthenticatedBody(null, Refuse(kind, StatusCodes.Status401Unauthorized, authFailure, null, challenge: true));
        if (!request.HasJsonContentType())
            return new AuthenticatedBody(null, Refuse(kind, StatusCodes.Status415UnsupportedMediaType, RefusalReason.NotJson, request.ContentType));
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
            return new AuthenticatedBody(null, Refuse(kind, StatusCodes.Status413PayloadTooLarge, RefusalReason.TooLarge, null));
        return new AuthenticatedBody(body, null);
    }

    private RefusalReason? CheckBasicAuth(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return RefusalReason.NoCredentials;
        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return RefusalReason.WrongCredentials;
        }
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return RefusalReason.WrongCredentials;
        // Both compared, whatever the first gives: the timing tells nothing about which one was wrong.
        var userMatches = ConstantTimeEquals(credentials[..colon], Options.WebhookUsername);
        var passwordMatches = ConstantTimeEquals(credentials[(colon + 1)..], Options.WebhookPassword);
        return userMatches & passwordMatches ? null : RefusalReason.WrongCredentials;
    }

    /// <summary>Compares fixed-length digests, so neither the content nor the length of the secret leaks through timing.</summary>
    private static bool ConstantTimeEquals(string given, string? expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? "")))
        && !string.IsNullOrEmpty(expected);

    /// <summary>The raw body, or null when it is larger than <see cref="WebhookOptions.MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > WebhookOptions.MaxBodyBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > WebhookOptions.MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads the items and keeps each one's JSON exactly as received for the inbox (the HMAC of a standard item
    /// covers its fields, not its bytes, so the fields are read into <see cref="NotificationRequestItem"/>).
    /// </summary>
    private static ParsedNotification ParseStandard(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            return ParsedNotification.Invalid("the body is not a JSON object");
        var live = Property(document.RootElement, "live") is { ValueKind: JsonValueKind.String } liveElement ? liveElement.GetString() : null;
        if (live is null)
            return ParsedNotification.Invalid("\"live\" is missing");
        if (Property(document.RootElement, "notificationItems") is not { ValueKind: JsonValueKind.Array } items || items.GetArrayLength() == 0)
            return ParsedNotification.Invalid("\"notificationItems\" is missing or empty");

        var parsed = new List<ParsedItem>();
        foreach (var container in items.EnumerateArray())
        {
            if (container.ValueKind != JsonValueKind.Object
                || Property(container, "NotificationRequestItem") is not { ValueKind: JsonValueKind.Object } element)
                return ParsedNotification.Invalid($"item {parsed.Count} has no NotificationRequestItem");
            var item = element.Deserialize<NotificationRequestItem>(Json)!;
            if (ProblemWith(item) is { } problem)
                return ParsedNotification.Invalid($"item {parsed.Count}: {problem}");
            parsed.Add(new ParsedItem(item, element.GetRawText()));
        }
        return new ParsedNotification(live, parsed, null);
    }

    private static string? ProblemWith(NotificationRequestItem item)
    {
        if (string.IsNullOrEmpty(item.PspReference) || item.PspReference.Length > 64)
            return "pspReference is missing or longer than 64 characters";
        if (string.IsNullOrEmpty(item.EventCode) || item.EventCode.Length > 64)
            return "eventCode is missing or longer than 64 characters";
        if (item.Success is not ("true" or "false"))
            return "success must be \"true\" or \"false\"";
        if (item.OriginalReference is { Length: > 64 })
            return "originalReference is longer than 64 characters";
        if (item.MerchantReference is { Length: > 80 })
            return "merchantReference is longer than 80 characters";
        return null;
    }

    private static string? ProblemWith(TokenizationNotification? notification)
    {
        if (notification is null)
            return "the body is not a JSON object";
        if (string.IsNullOrEmpty(notification.EventId) || notification.EventId.Length > 64)
            return "eventId is missing or longer than 64 characters";
        if (string.IsNullOrEmpty(notification.Type) || notification.Type.Length > 64)
            return "type is missing or longer than 64 characters";
        if (string.IsNullOrEmpty(notification.Environment))
            return "environment is missing";
        if (notification.Data is not { ShopperReference.Length: > 0, StoredPaymentMethodId.Length: > 0 })
            return "data.shopperReference or data.storedPaymentMethodId is missing";
        return null;
    }

    /// <summary>A property by name, ignoring case as the deserializer does.</summary>
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        }
        return null;
    }

    private IResult Refuse(WebhookKind kind, int status, RefusalReason reason, string? detail, bool challenge = false)
    {
        LogRefused(logger, kind, status, reason, detail);
        telemetry.Refused(kind, reason.ToString());
        // A body, so that the status-code pages do not turn the answer into an HTML error page.
        var text = reason.ToString();
        return challenge
            ? new ChallengeResult(text)
            : Results.Text(text, "text/plain", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} webhook accepted: {Items} item(s), {Stored} new")]
    private static partial void LogAccepted(ILogger logger, WebhookKind kind, int items, int stored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} webhook refused with {Status}: {Reason} {Detail}")]
    private static partial void LogRefused(ILogger logger, WebhookKind kind, int status, RefusalReason reason, string? detail);

    private enum RefusalReason
    {
        NoCredentials,
        WrongCredentials,
        NotJson,
        TooLarge,
        MalformedBody,
        WrongEnvironment,
        InvalidSignature,
    }

    private sealed record AuthenticatedBody(byte[]? Body, IResult? Refusal);

    private sealed record ParsedItem(NotificationRequestItem Item, string Raw);

    private sealed record ParsedNotification(string? Live, IReadOnlyList<ParsedItem> Items, string? Problem)
    {
        public static ParsedNotification Invalid(string problem) => new(null, [], problem);
    }

    /// <summary>401 with the Basic challenge, as an HTTP client expects.</summary>
    private sealed class ChallengeResult(string text) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"adyen-webhooks\", charset=\"UTF-8\"";
            return Results.Text(text, "text/plain", statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(httpContext);
        }
    }
}
