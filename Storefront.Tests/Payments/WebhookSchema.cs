using System.Text.Json.Nodes;

namespace Storefront.Tests.Payments;

/// <summary>
/// Adyen's webhook OpenAPI files: <c>Webhooks-v1.json</c> declares one webhook per eventCode (<c>/AUTHORISATION</c>,
/// <c>/REFUND</c> …), <c>TokenizationNotification-v1.json</c> one per type (<c>recurring.token.created</c> …). A body
/// is checked against the schema its own file declares for the eventCode or type it carries.
/// </summary>
/// <remarks>
/// One adjustment to Webhooks-v1.json: its additionalData schemas say <c>additionalProperties: false</c> yet leave out
/// keys that the file's own examples carry and Adyen sends, e.g. <c>hmacSignature</c> on RECURRING_CONTRACT and
/// OFFER_CLOSED and <c>recurring.shopperReference</c> on RECURRING_CONTRACT. Exactly those keys are added, as strings,
/// to the additionalData schema of the webhook whose example uses them; every other key is still refused.
/// </remarks>
public sealed class WebhookSchema
{
    private static readonly Lazy<WebhookSchema> LoadedStandard = new(() => new WebhookSchema("Webhooks-v1.json", "/", AllowExampleKeys));
    private static readonly Lazy<WebhookSchema> LoadedTokenization = new(() => new WebhookSchema("TokenizationNotification-v1.json", "", null));

    private readonly OpenApiFile _file;
    private readonly string _webhookPrefix;

    private WebhookSchema(string fileName, string webhookPrefix, Action<JsonNode>? adjust)
    {
        _file = new OpenApiFile(fileName, adjust);
        _webhookPrefix = webhookPrefix;
    }

    /// <summary>Standard notifications, adjusted as the remarks say.</summary>
    public static WebhookSchema Standard => LoadedStandard.Value;

    public static WebhookSchema Tokenization => LoadedTokenization.Value;

    /// <summary>The file exactly as Adyen publishes it, to show why the adjustment is needed.</summary>
    public static WebhookSchema UnadjustedStandard() => new("Webhooks-v1.json", "/", null);

    /// <summary>Validates a body against the schema of the webhook it names (its eventCode, or its type).</summary>
    public SchemaVerdict Validate(string json)
    {
        var body = JsonNode.Parse(json);
        var name = _webhookPrefix.Length > 0
            ? body?["notificationItems"]?[0]?["NotificationRequestItem"]?["eventCode"]?.GetValue<string>()
            : body?["type"]?.GetValue<string>();
        return name is null
            ? new SchemaVerdict("(none)", false, ["The body names no eventCode or type."])
            : Validate(name, json);
    }

    /// <summary>Validates a body against the schema of <paramref name="webhook"/>, e.g. REFUND or recurring.token.created.</summary>
    public SchemaVerdict Validate(string webhook, string json) => _file.Validate(RequestSchemaName(webhook), json);

    /// <summary>The schema of a webhook's request body, e.g. REFUND → RefundNotificationRequest.</summary>
    public string RequestSchemaName(string webhook) =>
        OpenApiFile.SchemaName(Post(_file.Document, _webhookPrefix + webhook)["requestBody"]?["content"]?["application/json"]?["schema"])
        ?? throw new InvalidOperationException($"Webhook {webhook} declares no JSON body.");

    /// <summary>Every example body in the file, with the webhook it belongs to.</summary>
    public IEnumerable<(string Webhook, string Json)> Examples() =>
        from webhook in _file.Document["webhooks"]!.AsObject()
        from example in ExampleBodies(_file.Document, webhook.Value!["post"]!)
        select (webhook.Key[_webhookPrefix.Length..], example.ToJsonString());

    private static JsonNode Post(JsonNode document, string webhook) =>
        document["webhooks"]?[webhook]?["post"] ?? throw new InvalidOperationException($"No webhook {webhook} in the file.");

    private static IEnumerable<JsonNode> ExampleBodies(JsonNode document, JsonNode operation) =>
        (operation["requestBody"]?["content"]?["application/json"]?["examples"]?.AsObject() ?? [])
            .Select(e => e.Value?["$ref"]?.GetValue<string>() is { } reference
                ? document["components"]!["examples"]![reference[(reference.LastIndexOf('/') + 1)..]]!["value"]!
                : e.Value!["value"]!);

    private static void AllowExampleKeys(JsonNode document)
    {
        var schemas = document["components"]!["schemas"]!;
        foreach (var (_, webhook) in document["webhooks"]!.AsObject())
        {
            var operation = webhook!["post"]!;
            var request = schemas[OpenApiFile.SchemaName(operation["requestBody"]!["content"]!["application/json"]!["schema"])!];
            var wrapper = schemas[OpenApiFile.SchemaName(request?["properties"]?["notificationItems"]?["items"]) ?? ""];
            var item = schemas[OpenApiFile.SchemaName(wrapper?["properties"]?["NotificationRequestItem"]) ?? ""];
            if (schemas[OpenApiFile.SchemaName(item?["properties"]?["additionalData"]) ?? ""]?["properties"] is not JsonObject allowed)
                continue;
            var used = ExampleBodies(document, operation)
                .SelectMany(body => body["notificationItems"]?.AsArray() ?? [])
                .SelectMany(entry => entry?["NotificationRequestItem"]?["additionalData"]?.AsObject() ?? [])
                .Select(pair => pair.Key);
            foreach (var key in used.Where(k => !allowed.ContainsKey(k)).Distinct().ToArray())
                allowed[key] = new JsonObject { ["type"] = "string" };
        }
    }
}
