using System.Globalization;
using Microsoft.Extensions.Options;

namespace Storefront.Payments.Adyen;

/// <summary>Refuses a start with Adyen settings that would fail at the first payment, naming the key to set.</summary>
internal sealed class AdyenOptionsValidator(IHostEnvironment environment) : IValidateOptions<AdyenOptions>
{
    public ValidateOptionsResult Validate(string? name, AdyenOptions options)
    {
        var failures = new List<string>();
        switch (options.Mode)
        {
            case null:
                failures.Add("Adyen:Mode is required outside Development: set it to Test or Live (Adyen__Mode).");
                break;
            case AdyenMode.Sandbox when environment.IsProduction():
                failures.Add("Adyen:Mode is Sandbox, which is refused in Production: set Adyen:Mode to Live (or Test) with real credentials.");
                break;
            case AdyenMode.Test or AdyenMode.Live:
                if (string.IsNullOrWhiteSpace(options.ApiKey))
                    failures.Add($"Adyen:ApiKey is required in {options.Mode} mode (Adyen__ApiKey).");
                if (string.IsNullOrWhiteSpace(options.MerchantAccount))
                    failures.Add($"Adyen:MerchantAccount is required in {options.Mode} mode (Adyen__MerchantAccount).");
                break;
        }

        if (options.CheckoutUrl is { Length: > 0 } checkoutUrl)
        {
            if (!Uri.TryCreate(checkoutUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                failures.Add($"Adyen:CheckoutUrl must be an absolute http(s) URL such as {AdyenOptions.TestCheckoutUrl}.");
        }
        else if (options.Mode == AdyenMode.Live)
        {
            if (string.IsNullOrWhiteSpace(options.LiveUrlPrefix))
                failures.Add("Adyen:LiveUrlPrefix is required in Live mode (Customer Area › Developers › API URLs › Prefix), unless Adyen:CheckoutUrl is set.");
            else if (!options.LiveUrlPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                failures.Add("Adyen:LiveUrlPrefix must be the prefix only (letters, digits and dashes), not a URL.");
        }

        ValidateHexKeys("Adyen:HmacKeys", options.HmacKeys, failures);
        ValidateHexKeys("Adyen:TokenizationHmacKeys", options.TokenizationHmacKeys, failures);

        if (string.IsNullOrEmpty(options.WebhookUsername) != string.IsNullOrEmpty(options.WebhookPassword))
            failures.Add("Set both Adyen:WebhookUsername and Adyen:WebhookPassword, or neither.");

        // CardOnFile means the shopper authenticates each payment, which a one-step payment with a saved KakaoPay
        // (shopperInteraction ContAuth) does not do.
        if (options.RecurringProcessingModel is not (RecurringProcessingModel.UnscheduledCardOnFile or RecurringProcessingModel.Subscription))
            failures.Add($"Adyen:RecurringProcessingModel must be UnscheduledCardOnFile (the default) or Subscription, not {options.RecurringProcessingModel} (Adyen__RecurringProcessingModel).");

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
            failures.Add("Adyen:RequestTimeout must be between 00:00:00.001 and 00:05:00.");
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
            failures.Add("Adyen:RetryDelay must be between 00:00:00 and 00:01:00.");
        if (options.MaxRetries is < 0 or > 5)
            failures.Add("Adyen:MaxRetries must be between 0 and 5.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateHexKeys(string key, string[] values, List<string> failures)
    {
        if (values.Length > 2)
            failures.Add($"{key} takes at most two keys: the primary ({key}:0) and the previous one ({key}:1).");
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { Length: > 0 } value || value.Length % 2 != 0 || !value.All(char.IsAsciiHexDigit))
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:{i} must be the HMAC key in hexadecimal, as shown in the Customer Area."));
        }
    }
}
