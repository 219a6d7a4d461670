namespace Storefront.Payments.Adyen;

/// <summary><c>POST /payments/details</c> with what came back on the returnUrl.</summary>
public sealed record PaymentDetailsRequest
{
    public required PaymentCompletionDetails Details { get; init; }

    public static PaymentDetailsRequest ForRedirectResult(string redirectResult) =>
        new() { Details = new PaymentCompletionDetails { RedirectResult = redirectResult } };
}

public sealed record PaymentCompletionDetails
{
    /// <summary>The URL-decoded <c>redirectResult</c> from the returnUrl query or form, passed on unchanged.</summary>
    public string? RedirectResult { get; init; }

    /// <summary>What some older redirect methods append instead of <c>redirectResult</c>.</summary>
    public string? Payload { get; init; }
}

public sealed record PaymentDetailsResponse : PaymentOutcome
{
    public string? ShopperLocale { get; init; }
}
