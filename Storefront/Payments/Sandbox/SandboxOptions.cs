namespace Storefront.Payments.Sandbox;

/// <summary>
/// How the sandbox behaves, from <c>Adyen:Sandbox</c>. Read through IOptionsMonitor at every request, so each app
/// instance (and each test host) can set its own.
/// </summary>
public sealed class SandboxOptions
{
    public const string Section = "Adyen:Sandbox";

    /// <summary>The redirect action's method: GET (a link) or POST (a form of <c>action.data</c>).</summary>
    public SandboxHttpMethod RedirectMethod { get; set; } = SandboxHttpMethod.Get;

    /// <summary>How the approval page sends the shopper back: a 303 GET, or an auto-submitted POST form.</summary>
    public SandboxHttpMethod ReturnMethod { get; set; } = SandboxHttpMethod.Get;

    /// <summary>Token (stored payment method) payments come back Refused.</summary>
    public bool RefuseTokenPayments { get; set; }

    /// <summary>Every Checkout API answer is held back this long, for timeout tests.</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>When set (400–599), <c>/payments</c> answers this status with a ServiceError.</summary>
    public int? PaymentsErrorStatus { get; set; }

    /// <summary>The errorCode of that forced error, e.g. <c>704</c>; <c>sandbox_forced</c> when empty.</summary>
    public string? PaymentsErrorCode { get; set; }
}

public enum SandboxHttpMethod
{
    Get,
    Post,
}
