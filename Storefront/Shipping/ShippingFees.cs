using Microsoft.Extensions.Options;
using Storefront.Shared;

namespace Storefront.Shipping;

/// <summary>
/// Today's shipping fee for goods worth a subtotal, from the configured rate of its currency. Orders keep the fee
/// they were placed with (it is one of their lines); only new orders and reorders ask here.
/// </summary>
public sealed class ShippingFees(IOptions<ShippingOptions> options)
{
    public ShippingQuote Quote(Money subtotal)
    {
        var (fee, freeFrom) = RateOf(subtotal.Currency);
        var charged = fee.MinorUnits > 0 && (freeFrom is not { } threshold || subtotal.MinorUnits < threshold.MinorUnits)
            ? fee
            : Money.Zero(subtotal.Currency);
        return new ShippingQuote(subtotal, charged, fee.MinorUnits > 0 ? freeFrom : null);
    }

    /// <summary>The subtotal from which an order in <paramref name="currency"/> ships free; null when every order pays (or none does).</summary>
    public Money? FreeFrom(string currency) => RateOf(currency) is { Fee.MinorUnits: > 0, FreeFrom: { } threshold } ? threshold : null;

    private (Money Fee, Money? FreeFrom) RateOf(string currency)
    {
        if (!options.Value.Rates.TryGetValue(currency, out var rate))
            return (Money.Zero(currency), null);
        return (rate.Fee is { } fee ? Money.FromAmount(fee, currency) : Money.Zero(currency),
            rate.FreeFrom is { } from ? Money.FromAmount(from, currency) : null);
    }
}

/// <summary>
/// What shipping costs on goods worth <see cref="Subtotal"/>: <see cref="Fee"/> (zero when free), and the threshold
/// that would make it free (null when there is none, or shipping is free anyway).
/// </summary>
public sealed record ShippingQuote(Money Subtotal, Money Fee, Money? FreeFrom)
{
    public Money Total => Subtotal + Fee;

    public bool IsFree => Fee.MinorUnits == 0;

    /// <summary>How much more in goods would make shipping free; null when it is free already or cannot be.</summary>
    public Money? MoreForFree => !IsFree && FreeFrom is { } threshold ? threshold - Subtotal : null;
}
