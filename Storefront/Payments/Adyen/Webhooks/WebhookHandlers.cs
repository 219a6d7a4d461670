namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// What Adyen's webhooks say about payments, handed over by the inbox (<see cref="WebhookProcessor"/>); Orders
/// implements it. The inbox stores, authenticates and dispatches Adyen's messages but knows nothing of orders or
/// accounts, so that Orders can depend on Payments and not the other way round. A handler tracks its changes on the
/// scope's StorefrontDbContext and never saves: the processor saves them with the inbox row in one transaction, guarded
/// by the row's lease, and runs the handler again from a fresh read when that save loses an optimistic-concurrency race.
/// Matching (F20, docs/payment-failure-modes.md): Adyen's references (pspReference, originalReference) first, then
/// ours.
/// </summary>
public interface IPaymentWebhooks
{
    /// <summary>AUTHORISATION, and a successful OFFER_CLOSED or EXPIRE: the outcome of a payment attempt.</summary>
    Task<WebhookOutcome> PaymentOutcomeAsync(NotificationRequestItem item, string payload, DateTime now, CancellationToken cancellationToken);

    /// <summary>REFUND, REFUND_FAILED, CANCELLATION, CANCEL_OR_REFUND: the outcome of a modification, the shop's or one made elsewhere.</summary>
    Task<WebhookOutcome> ModificationOutcomeAsync(NotificationRequestItem item, string payload, DateTime now, CancellationToken cancellationToken);

    /// <summary>Any other event about a payment: CAPTURE, CAPTURE_FAILED, disputes, and codes this build does not act on.</summary>
    Task<WebhookOutcome> NoticeAsync(NotificationRequestItem item, string payload, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// The work an applied outcome left for after its commit (<see cref="WebhookOutcome.NeedsFollowUp"/>), e.g. sending an
    /// automatic refund to Adyen. It throws to have the row retried with backoff; the retry runs only the follow-up.
    /// </summary>
    Task FollowUpAsync(NotificationRequestItem item, CancellationToken cancellationToken);
}

/// <summary>
/// What Adyen's webhooks say about stored payment methods (RECURRING_CONTRACT, <c>recurring.token.*</c>), handed over
/// by the inbox as for <see cref="IPaymentWebhooks"/>; Account implements it.
/// </summary>
public interface ITokenWebhooks
{
    Task<WebhookOutcome> TokenChangedAsync(TokenChange change, DateTime now, CancellationToken cancellationToken);
}

/// <summary>A token's news from Adyen, whichever webhook brought it.</summary>
/// <param name="FirstPspReference">The payment that created the token, when the webhook names it (RECURRING_CONTRACT).</param>
public sealed record TokenChange(TokenChangeKind Kind, string? ShopperReference, string StoredPaymentMethodId, string? PaymentMethodType,
    string? FirstPspReference);

public enum TokenChangeKind
{
    /// <summary>RECURRING_CONTRACT or recurring.token.created: stored once.</summary>
    Created,

    /// <summary>recurring.token.updated or alreadyExisting: stored if missing, active again if disabled.</summary>
    Confirmed,

    Disabled,
}

/// <summary>What a handler made of a webhook, for its inbox row.</summary>
public sealed record WebhookOutcome
{
    /// <summary>Applied: the row is Processed.</summary>
    public static readonly WebhookOutcome Applied = new();

    /// <summary>Applied, with work left for after the commit: the row stays applied but not Processed until the follow-up is done.</summary>
    public static readonly WebhookOutcome AppliedWithFollowUp = new() { NeedsFollowUp = true };

    private WebhookOutcome()
    {
    }

    /// <summary>
    /// Why the message names nothing we know; such a row is kept Unmatched for review, never dropped
    /// (F20, docs/payment-failure-modes.md).
    /// </summary>
    public string? UnmatchedReason { get; private init; }

    public bool NeedsFollowUp { get; private init; }

    public static WebhookOutcome Unmatched(string reason) => new() { UnmatchedReason = reason };
}
