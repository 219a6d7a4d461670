namespace Storefront.Tests.Payments;

/// <summary>Checks recorded exchanges against Adyen's OpenAPI file: request bodies, query names and response bodies.</summary>
public static class ContractAssertions
{
    public static void AssertMatchesCheckoutV71(IEnumerable<AdyenExchange> exchanges)
    {
        var schema = CheckoutSchema.Instance;
        foreach (var exchange in exchanges)
        {
            var path = exchange.OperationPath;
            if (exchange.RequestBody is { } requestBody)
                AssertValid(schema.Validate(schema.RequestSchemaName(exchange.Method, path), requestBody), exchange, "request");

            var declared = schema.QueryParameters(exchange.Method, path);
            foreach (var name in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(exchange.Uri.Query).Keys)
                Assert.True(declared.Contains(name), $"{exchange}: query parameter '{name}' is not in the spec ({string.Join(", ", declared)}).");

            var responseSchema = schema.ResponseSchemaName(exchange.Method, path, exchange.Status);
            if (exchange.ResponseBody is { } responseBody)
            {
                Assert.True(responseSchema is not null, $"{exchange}: the spec declares no body for {exchange.Status}, but one was sent.");
                AssertValid(schema.Validate(responseSchema!, responseBody), exchange, "response");
            }
            else
            {
                Assert.True(responseSchema is null, $"{exchange}: the spec declares a {responseSchema} body, but none was sent.");
            }
        }
    }

    /// <summary>Every operation in <paramref name="operations"/> ("POST /payments 200") was exercised.</summary>
    public static void AssertCovered(IReadOnlyCollection<AdyenExchange> exchanges, params string[] operations)
    {
        var seen = exchanges.Select(e => $"{e.Method} {Normalise(e.OperationPath)} {e.Status}").ToHashSet();
        foreach (var operation in operations)
            Assert.True(seen.Contains(operation), $"Expected {operation}; saw {string.Join("; ", seen)}.");
    }

    private static string Normalise(string path)
    {
        var segments = path.Split('/');
        if (segments is [_, "payments", _, "refunds" or "cancels" or "reversals"])
            segments[2] = "{psp}";
        if (segments is [_, "storedPaymentMethods", _])
            segments[2] = "{id}";
        return string.Join('/', segments);
    }

    private static void AssertValid(SchemaVerdict verdict, AdyenExchange exchange, string what) =>
        Assert.True(verdict.IsValid, $"{exchange} {what}: {verdict}");
}
