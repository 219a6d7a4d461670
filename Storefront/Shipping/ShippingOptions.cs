using Microsoft.Extensions.Options;
using Storefront.Shared;

namespace Storefront.Shipping;

/// <summary>
/// The shipping fee per currency (<c>Storefront:Shipping:KRW:Fee = 3000</c>, <c>:FreeFrom = 50000</c>), in major units
/// as people write them. A currency without a rate ships free.
/// </summary>
public sealed class ShippingOptions
{
    public const string Section = "Storefront:Shipping";

    /// <summary>By ISO 4217 currency code.</summary>
    public Dictionary<string, ShippingRate> Rates { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One currency's rate.</summary>
public sealed class ShippingRate
{
    /// <summary>The flat fee per order, in major units (won, dollars); absent or 0: free.</summary>
    public decimal? Fee { get; set; }

    /// <summary>Goods worth at least this (before shipping) ship free; absent: never free.</summary>
    public decimal? FreeFrom { get; set; }
}

/// <summary>
/// Refuses on start a rate the shop could not charge: a currency it does not sell in, a negative amount, or more
/// decimals than the currency's minor units have (₩3,000.50, €4.955).
/// </summary>
internal sealed class ShippingOptionsValidator : IValidateOptions<ShippingOptions>
{
    public ValidateOptionsResult Validate(string? name, ShippingOptions options)
    {
        var errors = new List<string>();
        foreach (var (currency, rate) in options.Rates)
        {
            if (!Market.Currencies.Contains(currency.ToUpperInvariant()))
            {
                errors.Add($"{ShippingOptions.Section}:{currency} names no currency the shop sells in: use one of {string.Join(", ", Market.Currencies)}.");
                continue;
            }
            Check(errors, currency.ToUpperInvariant(), nameof(ShippingRate.Fee), rate.Fee);
            Check(errors, currency.ToUpperInvariant(), nameof(ShippingRate.FreeFrom), rate.FreeFrom);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string currency, string key, decimal? amount)
    {
        if (amount is not { } value)
            return;
        var setting = $"{ShippingOptions.Section}:{currency}:{key} (Storefront__Shipping__{currency}__{key})";
        if (value < 0)
            errors.Add($"{setting} must not be negative, not {value}.");
        else if (!Fits(value, currency))
            errors.Add($"{setting} must be an amount in {currency} with at most {Money.Exponent(currency)} decimal(s), not {value}.");
    }

    private static bool Fits(decimal value, string currency)
    {
        try
        {
            Money.FromAmount(value, currency);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
