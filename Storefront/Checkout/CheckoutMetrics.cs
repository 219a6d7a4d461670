using System.Diagnostics.Metrics;
using Storefront.Orders;

namespace Storefront.Checkout;

/// <summary>
/// The checkout's counters, on the meter <see cref="MeterName"/>: payments started by outcome and method, returns from
/// KakaoPay by result, and orders turned away for want of stock. Tags are a handful of fixed values each.
/// </summary>
public sealed class CheckoutMetrics
{
    public const string MeterName = "Storefront.Checkout";

    public const string CheckoutsCounter = "storefront.checkouts";
    public const string ReturnsCounter = "storefront.checkout.returns";
    public const string StockOutsCounter = "storefront.stock_outs";

    private readonly Counter<long> _checkouts;
    private readonly Counter<long> _returns;
    private readonly Counter<long> _stockOuts;

    public CheckoutMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _checkouts = meter.CreateCounter<long>(CheckoutsCounter, "{payment}",
            "Payments started at checkout, by outcome (redirect, authorised, refused, pending, error) and method.");
        _returns = meter.CreateCounter<long>(ReturnsCounter, "{return}",
            "Shoppers back from KakaoPay on the return page, by the payment's result (invalid for a forged or unknown reference).");
        _stockOuts = meter.CreateCounter<long>(StockOutsCounter, "{order}",
            "Orders refused because a product had fewer units left than the shopper wanted.");
    }

    /// <param name="outcome">redirect, or the attempt's status in lower case.</param>
    public void Checkout(string outcome, PaymentAttempt attempt) =>
        _checkouts.Add(1, new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("method", attempt.PaymentMethodType),
            new KeyValuePair<string, object?>("saved", attempt.StoredPaymentMethodId is not null));

    public void Checkout(AttemptStatus status, PaymentAttempt attempt) => Checkout(Lower(status), attempt);

    public void Return(AttemptStatus status) => Return(Lower(status));

    public void Return(string result) => _returns.Add(1, new KeyValuePair<string, object?>("result", result));

    public void StockOut() => _stockOuts.Add(1);

    private static string Lower(AttemptStatus status) => status.ToString().ToLowerInvariant();
}
