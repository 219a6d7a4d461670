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

    /// <summary>
    /// Method types the merchant account has not enabled, as when the Customer Area lacks them: <c>/paymentMethods</c>
    /// leaves them out and <c>/payments</c> refuses them (905), so a market can have no way to pay.
    /// </summary>
    public string[] DisabledMethods { get; set; } = [];

    /// <summary>Token (stored payment method) payments come back Refused.</summary>
    public bool RefuseTokenPayments { get; set; }

    /// <summary>Every Checkout API answer is held back this long, for timeout tests.</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>When set (400–599), <c>/payments</c> answers this status with a ServiceError.</summary>
    public int? PaymentsErrorStatus { get; set; }

    /// <summary>The errorCode of that forced error, e.g. <c>704</c>; <c>sandbox_forced</c> when empty.</summary>
    public string? PaymentsErrorCode { get; set; }

    /// <summary>A redirect payment still awaiting the shopper this long after <c>/payments</c> is closed (OFFER_CLOSED).</summary>
    public TimeSpan OfferLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Makes refunds fail, as Adyen tells it: at once (REFUND success false) or later (REFUND_FAILED).</summary>
    public SandboxRefundFailure FailRefunds { get; set; }

    /// <summary>False stops webhook delivery; events are still recorded in <see cref="AdyenSandbox.EventHistory"/>.</summary>
    public bool DeliverWebhooks { get; set; } = true;

    /// <summary>Where standard webhooks go; by default this app's own <c>/webhooks/adyen</c>.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Where tokenization webhooks go; by default this app's own <c>/webhooks/adyen/tokens</c>.</summary>
    public string? TokenWebhookUrl { get; set; }

    /// <summary>A delivery not answered with a 2xx within this time has failed and is retried, as at Adyen.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Multiplies every delay of Adyen's retry schedule and its 30-day limit, e.g. 0.001 in tests.</summary>
    public double WebhookRetryScale { get; set; } = 1;

    /// <summary>When set, replaces Adyen's schedule: the wait before each retry; after the last one, delivery gives up.</summary>
    public TimeSpan[] WebhookRetryDelays { get; set; } = [];

    /// <summary>
    /// How long after answering "received" the outcome of a refund or cancellation is reported (REFUND, CANCELLATION …).
    /// Adyen takes a while too; a few seconds let a page show the modification as "requested" first.
    /// </summary>
    public TimeSpan ModificationWebhookDelay { get; set; } = TimeSpan.Zero;
}

public enum SandboxRefundFailure
{
    /// <summary>Refunds succeed (unless they are invalid, e.g. more than is left to refund).</summary>
    Never,

    /// <summary>REFUND with success false, and nothing after it: the refund did not happen.</summary>
    Refused,

    /// <summary>REFUND with success true, then, once that webhook is accepted, REFUND_FAILED: the money came back.</summary>
    AfterSuccess,
}

public enum SandboxHttpMethod
{
    Get,
    Post,
}
