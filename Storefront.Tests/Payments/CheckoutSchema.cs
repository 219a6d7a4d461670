using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Storefront.Tests.Payments;

/// <summary>
/// Adyen's Checkout v71 OpenAPI file, registered whole so that every <c>$ref: #/components/schemas/…</c> resolves,
/// and the schemas of its operations looked up from its own <c>paths</c>.
/// </summary>
public sealed partial class CheckoutSchema
{
    private static readonly Lazy<CheckoutSchema> Loaded = new(() => new CheckoutSchema());

    private readonly OpenApiFile _file = new("CheckoutService-v71.json");

    private CheckoutSchema()
    {
    }

    public static CheckoutSchema Instance => Loaded.Value;

    /// <summary>Validates <paramref name="json"/> against <c>#/components/schemas/{name}</c>.</summary>
    public SchemaVerdict Validate(string schemaName, string json) => _file.Validate(schemaName, json);

    /// <summary>The schema name of an operation's JSON request body, e.g. POST /payments → PaymentRequest.</summary>
    public string RequestSchemaName(HttpMethod method, string path)
    {
        var operation = Operation(method, path);
        return SchemaName(operation["requestBody"]?["content"]?["application/json"]?["schema"])
            ?? throw new InvalidOperationException($"{method} {path} declares no JSON request body.");
    }

    /// <summary>The schema name of an operation's JSON response for a status, e.g. POST /payments 422 → ServiceError.</summary>
    public string? ResponseSchemaName(HttpMethod method, string path, int status)
    {
        var operation = Operation(method, path);
        var response = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?? throw new InvalidOperationException($"{method} {path} declares no {status} response.");
        return SchemaName(response["content"]?["application/json"]?["schema"]);
    }

    /// <summary>The query parameter names an operation declares.</summary>
    public IReadOnlyList<string> QueryParameters(HttpMethod method, string path) =>
        (Operation(method, path)["parameters"]?.AsArray() ?? [])
            .Where(p => p?["in"]?.GetValue<string>() == "query")
            .Select(p => p!["name"]!.GetValue<string>())
            .ToArray();

    private JsonNode Operation(HttpMethod method, string path)
    {
        foreach (var (template, item) in _file.Document["paths"]!.AsObject())
        {
            var pattern = "^" + TemplateParameter().Replace(Regex.Escape(template), "[^/]+") + "$";
            if (Regex.IsMatch(path, pattern) && item?[method.Method.ToLowerInvariant()] is { } operation)
                return operation;
        }
        throw new InvalidOperationException($"Checkout v71 has no operation {method} {path}.");
    }

    private static string? SchemaName(JsonNode? schema) => OpenApiFile.SchemaName(schema);

    [GeneratedRegex(@"\\\{[^/]+?}")]
    private static partial Regex TemplateParameter();
}

public sealed record SchemaVerdict(string SchemaName, bool IsValid, IReadOnlyList<string> Errors)
{
    public override string ToString() => IsValid ? $"valid {SchemaName}" : $"invalid {SchemaName}:\n  " + string.Join("\n  ", Errors);
}
