using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Storefront.Tests.Payments;

/// <summary>
/// One of Adyen's OpenAPI files from Payments/OpenApi, registered whole so that every
/// <c>$ref: #/components/schemas/…</c> resolves. OpenAPI 3.1 schemas are JSON Schema 2020-12 plus annotations such
/// as x-addedInVersion.
/// </summary>
public sealed class OpenApiFile
{
    private readonly Uri _documentUri;
    private readonly BuildOptions _buildOptions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    /// <param name="adjust">Changes the document before it is registered; see <see cref="WebhookSchema"/> for why.</param>
    public OpenApiFile(string fileName, Action<JsonNode>? adjust = null)
    {
        _documentUri = new Uri($"https://storefront.test/adyen/{fileName}");
        Document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payments", "OpenApi", fileName)))!;
        adjust?.Invoke(Document);
        var registry = new SchemaRegistry();
        registry.Register(_documentUri, new JsonElementBaseDocument(JsonDocument.Parse(Document.ToJsonString()).RootElement, _documentUri));
        _buildOptions = new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft202012 };
    }

    public JsonNode Document { get; }

    /// <summary>Validates <paramref name="json"/> against <c>#/components/schemas/{name}</c>.</summary>
    public SchemaVerdict Validate(string schemaName, string json)
    {
        var schema = _schemas.GetOrAdd(schemaName, name =>
            JsonSchema.FromText($$"""{ "$ref": "{{_documentUri}}#/components/schemas/{{name}}" }""", _buildOptions));
        using var instance = JsonDocument.Parse(json);
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToArray();
        return new SchemaVerdict(schemaName, results.IsValid, errors);
    }

    /// <summary>The last segment of a <c>$ref</c>, e.g. <c>#/components/schemas/PaymentRequest</c> → PaymentRequest.</summary>
    public static string? SchemaName(JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference ? reference[(reference.LastIndexOf('/') + 1)..] : null;
}
