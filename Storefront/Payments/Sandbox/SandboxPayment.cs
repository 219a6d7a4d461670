using Storefront.Shared;

namespace Storefront.Payments.Sandbox;

public enum SandboxOutcome
{
    AwaitingShopper,
    Authorised,
    Refused,
    Cancelled,

    /// <summary>The shopper did not decide within <c>Adyen:Sandbox:OfferLifetime</c>: the offer was closed.</summary>
    Expired,
}

internal enum ShopperDecision
{
    Approve,
    Decline,
    Cancel,
}

/// <summary>One payment as the sandbox sees it.</summary>
public sealed class SandboxPayment
{
    private int _detailsCalls;

    internal SandboxPayment(
        string sessionId, string merchantAccount, string merchantReference, Money amount, SandboxMethod method, string returnUrl,
        string? shopperReference, bool storePaymentMethod)
    {
        SessionId = sessionId;
        MerchantAccount = merchantAccount;
        MerchantReference = merchantReference;
        Amount = amount;
        Method = method;
        ReturnUrl = returnUrl;
        ShopperReference = shopperReference;
        StorePaymentMethod = storePaymentMethod;
    }

    public string MerchantAccount { get; }

    public string MerchantReference { get; }

    public Money Amount { get; }

    public string PaymentMethodType => Method.Type;

    public string? ShopperReference { get; }

    public bool StorePaymentMethod { get; }

    public SandboxOutcome Outcome { get; private set; }

    /// <summary>Given once the shopper has decided (for a token payment, at once).</summary>
    public string? PspReference { get; private set; }

    /// <summary>How many <c>/payments/details</c> calls named this payment, replays included.</summary>
    public int DetailsCalls => Volatile.Read(ref _detailsCalls);

    public long RefundedMinorUnits { get; private set; }

    internal string SessionId { get; }

    internal SandboxMethod Method { get; }

    internal string ReturnUrl { get; }

    internal string? RedirectResult { get; private set; }

    /// <summary>Closes the offer if the shopper has not decided in time; disposed once the payment is decided.</summary>
    internal ITimer? OfferTimer { get; set; }

    internal void Finish(SandboxOutcome outcome, string pspReference, string? redirectResult)
    {
        Outcome = outcome;
        PspReference = pspReference;
        RedirectResult = redirectResult;
    }

    internal void CountDetailsCall() => Interlocked.Increment(ref _detailsCalls);

    internal void Refund(long minorUnits) => RefundedMinorUnits += minorUnits;
}

/// <summary>A stored payment method (Adyen's recurringDetailReference / storedPaymentMethodId).</summary>
public sealed record SandboxToken(
    string Id, string Type, string Name, string ShopperReference, string FirstPspReference, DateTimeOffset CreatedAt);
