using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Storefront.Shared;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// The sandbox's state: payments, tokens, idempotent replies, the events it sends as webhooks and every delivery
/// attempt. It lives in process memory (one singleton): fine for a simulator used in development and tests, lost
/// on restart and not shared between nodes, which is why Sandbox mode is refused in Production.
/// </summary>
public sealed class AdyenSandbox(TimeProvider timeProvider)
{
    private const string ReferenceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly Lock _gate = new();
    private readonly List<SandboxPayment> _payments = [];
    private readonly Dictionary<string, SandboxPayment> _bySession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxPayment> _byRedirectResult = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxPayment> _byPspReference = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SandboxToken>> _tokensByShopper = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdempotentEntry> _idempotency = new(StringComparer.Ordinal);
    private readonly Channel<SandboxEvent> _events = Channel.CreateUnbounded<SandboxEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<SandboxEvent> _eventHistory = [];
    private readonly HashSet<string> _refundsFailingLater = new(StringComparer.Ordinal);
    private readonly List<SandboxDelivery> _deliveries = [];
    private TaskCompletionSource _deliveryRecorded = NewSignal();

    /// <summary>Events waiting to be delivered as webhooks, in the order they happened; read by <see cref="SandboxWebhookDelivery"/>.</summary>
    internal ChannelReader<SandboxEvent> Events => _events.Reader;

    /// <summary>Every event recorded so far, delivered or not.</summary>
    public IReadOnlyList<SandboxEvent> EventHistory
    {
        get { lock (_gate) return _eventHistory.ToArray(); }
    }

    /// <summary>The payments made with this merchant reference, e.g. to assert that a retry did not pay twice.</summary>
    public IReadOnlyList<SandboxPayment> PaymentsFor(string merchantReference)
    {
        lock (_gate) return _payments.Where(p => p.MerchantReference == merchantReference).ToArray();
    }

    public IReadOnlyList<SandboxToken> TokensOf(string shopperReference)
    {
        lock (_gate) return _tokensByShopper.TryGetValue(shopperReference, out var tokens) ? tokens.ToArray() : [];
    }

    /// <summary>Every webhook delivery attempt so far, in the order they ended.</summary>
    public IReadOnlyList<SandboxDelivery> Deliveries
    {
        get { lock (_gate) return _deliveries.ToArray(); }
    }

    /// <summary>
    /// The first delivery attempt, past or future, that matches: lets a test wait for a webhook without polling.
    /// Cancel <paramref name="cancellationToken"/> (e.g. after a deadline) to stop waiting.
    /// </summary>
    public async Task<SandboxDelivery> WaitForDeliveryAsync(Func<SandboxDelivery, bool> match, CancellationToken cancellationToken)
    {
        var seen = 0;
        while (true)
        {
            Task recorded;
            lock (_gate)
            {
                for (; seen < _deliveries.Count; seen++)
                {
                    if (match(_deliveries[seen]))
                        return _deliveries[seen];
                }
                recorded = _deliveryRecorded.Task;
            }
            await recorded.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Starts a redirect payment. If the shopper has not decided after <paramref name="offerLifetime"/>, the offer
    /// is closed (OFFER_CLOSED), as Adyen closes an abandoned KakaoPay payment.
    /// </summary>
    internal SandboxPayment StartRedirect(
        string merchantAccount, string merchantReference, Money amount, SandboxMethod method, string returnUrl,
        string? shopperReference, bool storePaymentMethod, TimeSpan offerLifetime)
    {
        var payment = new SandboxPayment(
            RandomUrlToken(), merchantAccount, merchantReference, amount, method, returnUrl, shopperReference, storePaymentMethod);
        lock (_gate)
        {
            _payments.Add(payment);
            _bySession.Add(payment.SessionId, payment);
            payment.OfferTimer = timeProvider.CreateTimer(_ => CloseOffer(payment), null, offerLifetime, Timeout.InfiniteTimeSpan);
        }
        return payment;
    }

    internal SandboxPayment? FindBySession(string? sessionId)
    {
        if (sessionId is null)
            return null;
        lock (_gate) return _bySession.GetValueOrDefault(sessionId);
    }

    /// <summary>The shopper's answer on the approval page. Deciding twice keeps the first answer.</summary>
    internal void Decide(SandboxPayment payment, ShopperDecision decision, bool consentToStore)
    {
        lock (_gate)
        {
            if (payment.Outcome != SandboxOutcome.AwaitingShopper)
                return;
            payment.OfferTimer?.Dispose();
            var pspReference = NewPspReference();
            var redirectResult = "Ab02b4c0!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            var outcome = decision switch
            {
                ShopperDecision.Approve => SandboxOutcome.Authorised,
                ShopperDecision.Decline => SandboxOutcome.Refused,
                _ => SandboxOutcome.Cancelled,
            };
            payment.Finish(outcome, pspReference, redirectResult);
            _byPspReference.Add(pspReference, payment);
            _byRedirectResult.Add(redirectResult, payment);
            Record(new SandboxEvent(
                SandboxEventCodes.Authorisation, outcome == SandboxOutcome.Authorised, pspReference, null, payment.MerchantAccount,
                payment.MerchantReference, payment.Amount, payment.Method.Type, payment.ShopperReference,
                outcome switch { SandboxOutcome.Refused => "Refused", SandboxOutcome.Cancelled => "Cancelled", _ => null },
                timeProvider.GetUtcNow()));

            if (outcome == SandboxOutcome.Authorised && payment.StorePaymentMethod && consentToStore && payment.ShopperReference is { } shopper)
                StoreToken(payment, shopper);
        }
    }

    /// <summary>A <c>/payments/details</c> call for the payment behind a redirectResult; every call is counted.</summary>
    internal SandboxPayment? FindForDetails(string redirectResult)
    {
        lock (_gate)
        {
            var payment = _byRedirectResult.GetValueOrDefault(redirectResult);
            payment?.CountDetailsCall();
            return payment;
        }
    }

    internal SandboxToken? FindToken(string shopperReference, string storedPaymentMethodId)
    {
        lock (_gate) return _tokensByShopper.GetValueOrDefault(shopperReference)?.FirstOrDefault(t => t.Id == storedPaymentMethodId);
    }

    /// <summary>A payment with a stored token: decided at once, no shopper redirect.</summary>
    internal SandboxPayment PayWithToken(
        string merchantAccount, string merchantReference, Money amount, SandboxToken token, string returnUrl, bool refuse)
    {
        lock (_gate)
        {
            var method = SandboxMethod.Find(token.Type)!;
            var payment = new SandboxPayment(
                RandomUrlToken(), merchantAccount, merchantReference, amount, method, returnUrl, token.ShopperReference, storePaymentMethod: false);
            var pspReference = NewPspReference();
            payment.Finish(refuse ? SandboxOutcome.Refused : SandboxOutcome.Authorised, pspReference, redirectResult: null);
            _payments.Add(payment);
            _byPspReference.Add(pspReference, payment);
            Record(new SandboxEvent(
                SandboxEventCodes.Authorisation, !refuse, pspReference, null, merchantAccount, merchantReference, amount,
                method.Type, token.ShopperReference, refuse ? "Refused" : null, timeProvider.GetUtcNow()));
            return payment;
        }
    }

    internal bool DeleteToken(string merchantAccount, string shopperReference, string storedPaymentMethodId)
    {
        lock (_gate)
        {
            if (_tokensByShopper.GetValueOrDefault(shopperReference)?.FirstOrDefault(t => t.Id == storedPaymentMethodId) is not { } token)
                return false;
            _tokensByShopper[shopperReference].Remove(token);
            Record(new SandboxEvent(
                SandboxEventCodes.TokenDisabled, true, storedPaymentMethodId, null, merchantAccount, null, null, token.Type,
                shopperReference, null, timeProvider.GetUtcNow(), EventId: NewPspReference()));
            return true;
        }
    }

    /// <summary>
    /// A refund, cancel or reversal: always "received" (a new pspReference); whether it worked is only told by
    /// the event, as Adyen only tells it by webhook. Without a <paramref name="reference"/> of its own, the
    /// modification carries the payment's.
    /// </summary>
    internal string Modify(
        string eventCode, string paymentPspReference, string merchantAccount, string? reference, Money? amount,
        SandboxRefundFailure failRefunds = SandboxRefundFailure.Never)
    {
        lock (_gate)
        {
            var pspReference = NewPspReference();
            var payment = _byPspReference.GetValueOrDefault(paymentPspReference);
            var failure = payment switch
            {
                null => "Original pspReference not found",
                { Outcome: not SandboxOutcome.Authorised } => "Payment was not authorised",
                _ when eventCode == SandboxEventCodes.Cancellation => "Payment is already captured: refund it instead",
                _ when amount is { } a && a.Currency != payment.Amount.Currency => "Currency does not match the payment",
                _ when amount is { } a && a.MinorUnits > payment.Amount.MinorUnits - payment.RefundedMinorUnits => "Amount exceeds what is left to refund",
                _ when payment.RefundedMinorUnits >= payment.Amount.MinorUnits => "Payment is already fully refunded",
                _ when eventCode == SandboxEventCodes.Refund && failRefunds == SandboxRefundFailure.Refused => "Refund refused (Adyen:Sandbox:FailRefunds)",
                _ => null,
            };
            var effective = amount ?? (payment is null ? null : new Money(payment.Amount.MinorUnits - payment.RefundedMinorUnits, payment.Amount.Currency));
            if (failure is null && effective is { } refunded)
                payment!.Refund(refunded.MinorUnits);
            if (failure is null && eventCode == SandboxEventCodes.Refund && failRefunds == SandboxRefundFailure.AfterSuccess)
                _refundsFailingLater.Add(pspReference);
            Record(new SandboxEvent(
                eventCode, failure is null, pspReference, paymentPspReference, merchantAccount, reference ?? payment?.MerchantReference,
                effective, payment?.Method.Type, payment?.ShopperReference, failure, timeProvider.GetUtcNow(),
                // Sandbox payments are captured at once, so a reversal is always a refund.
                ModificationAction: eventCode == SandboxEventCodes.CancelOrRefund && failure is null ? "refund" : null));
            return pspReference;
        }
    }

    /// <summary>Called once the store has accepted an event's webhook: some outcomes only follow that one.</summary>
    internal void Delivered(SandboxEvent accepted)
    {
        lock (_gate)
        {
            if (accepted.EventCode != SandboxEventCodes.Refund || !_refundsFailingLater.Remove(accepted.PspReference))
                return;
            // The refund went through at first, then the payment method sent the money back (FailRefunds=AfterSuccess).
            _byPspReference.GetValueOrDefault(accepted.OriginalReference!)?.Refund(-accepted.Amount!.Value.MinorUnits);
            Record(accepted with
            {
                EventCode = SandboxEventCodes.RefundFailed,
                Success = true,
                Reason = "Refund Failed",
                EventDate = timeProvider.GetUtcNow(),
            });
        }
    }

    internal void RecordDelivery(SandboxDelivery delivery)
    {
        TaskCompletionSource recorded;
        lock (_gate)
        {
            _deliveries.Add(delivery);
            recorded = _deliveryRecorded;
            _deliveryRecorded = NewSignal();
        }
        recorded.SetResult();
    }

    /// <summary>The shopper never decided: Adyen closes the offer once and says so with OFFER_CLOSED.</summary>
    private void CloseOffer(SandboxPayment payment)
    {
        lock (_gate)
        {
            payment.OfferTimer?.Dispose();
            if (payment.Outcome != SandboxOutcome.AwaitingShopper)
                return;
            var pspReference = NewPspReference();
            payment.Finish(SandboxOutcome.Expired, pspReference, redirectResult: null);
            _byPspReference.Add(pspReference, payment);
            Record(new SandboxEvent(
                SandboxEventCodes.OfferClosed, true, pspReference, null, payment.MerchantAccount, payment.MerchantReference,
                payment.Amount, payment.Method.Type, null, null, timeProvider.GetUtcNow()));
        }
    }

    /// <summary>Claims an idempotency key: null when this request is the first; else the stored reply or "in progress".</summary>
    internal IdempotentEntry? Claim(string key, out IdempotentEntry claimed)
    {
        claimed = new IdempotentEntry();
        var existing = _idempotency.GetOrAdd(key, claimed);
        return ReferenceEquals(existing, claimed) ? null : existing;
    }

    /// <summary>Keeps a success for replays; forgets a failure so that a retry with the same key can succeed.</summary>
    internal void Settle(string key, IdempotentEntry entry, SandboxReply reply)
    {
        if (reply.Status is >= 200 and < 300)
            entry.Reply = reply;
        else
            _idempotency.TryRemove(new KeyValuePair<string, IdempotentEntry>(key, entry));
    }

    private void StoreToken(SandboxPayment payment, string shopperReference)
    {
        var token = new SandboxToken(NewPspReference(), payment.Method.Type, payment.Method.Name, shopperReference, payment.PspReference!, timeProvider.GetUtcNow());
        if (!_tokensByShopper.TryGetValue(shopperReference, out var tokens))
            _tokensByShopper[shopperReference] = tokens = [];
        tokens.Add(token);
        // Adyen tells it twice: a RECURRING_CONTRACT standard webhook (amount 0) and a recurring.token.created one.
        Record(new SandboxEvent(
            SandboxEventCodes.RecurringContract, true, token.Id, payment.PspReference, payment.MerchantAccount, payment.MerchantReference,
            new Money(0, payment.Amount.Currency), payment.Method.Type, shopperReference, null, timeProvider.GetUtcNow()));
        Record(new SandboxEvent(
            SandboxEventCodes.TokenCreated, true, token.Id, payment.PspReference, payment.MerchantAccount, payment.MerchantReference, null,
            payment.Method.Type, shopperReference, null, timeProvider.GetUtcNow(), EventId: payment.PspReference));
    }

    private void Record(SandboxEvent sandboxEvent)
    {
        _eventHistory.Add(sandboxEvent);
        _events.Writer.TryWrite(sandboxEvent);
    }

    /// <summary>16 upper-case letters and digits, like Adyen's pspReference.</summary>
    private static string NewPspReference() => RandomNumberGenerator.GetString(ReferenceAlphabet, 16);

    private static string RandomUrlToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A Checkout API answer as sent, kept to replay it for the same idempotency key.</summary>
internal sealed record SandboxReply(int Status, byte[]? Body);

internal sealed class IdempotentEntry
{
    private SandboxReply? _reply;

    /// <summary>Null while the first request with the key is still being processed.</summary>
    public SandboxReply? Reply
    {
        get => Volatile.Read(ref _reply);
        set => Volatile.Write(ref _reply, value);
    }
}
