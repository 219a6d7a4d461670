using Microsoft.Extensions.Localization;
using Storefront.Notifications;
using Storefront.Orders;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Admin;

/// <summary>
/// The words the merchandiser reads for the states and events the code stores as enum names and constants
/// (<c>AwaitingPayment</c>, <c>RefundRequested</c> …), in the request's language
/// (<c>Resources/Admin/AdminWords.resx</c> and <c>.ko.resx</c>); order and payment statuses come from
/// <see cref="StatusWords"/>. Data attributes and filter links keep the names.
/// </summary>
public sealed class AdminWords(IStringLocalizer<AdminWords> localizer, StatusWords statusWords)
{
    /// <summary>An order's status in the words the shopper reads too (<see cref="StatusWords"/>, their one home).</summary>
    public string Status(OrderStatus status) => statusWords.Of(status);

    /// <summary>A payment's status, in the shopper's words as well, so the two never tell a different story.</summary>
    public string Payment(PaymentStatus status) => statusWords.Of(status);

    public string Attempt(AttemptStatus status) => status switch
    {
        AttemptStatus.Created => localizer["Created"],
        AttemptStatus.RedirectShopper => localizer["Shopper sent to pay"],
        AttemptStatus.Pending => localizer["Pending"],
        AttemptStatus.Authorised => localizer["Authorised"],
        AttemptStatus.Refused => localizer["Refused"],
        AttemptStatus.Cancelled => localizer["Cancelled"],
        AttemptStatus.Error => localizer["Error"],
        AttemptStatus.Expired => localizer["Expired"],
        _ => status.ToString(),
    };

    /// <summary>A timeline entry's kind (<see cref="OrderEventKinds"/>); a kind this version does not know shows as stored.</summary>
    public string Event(string kind) => kind switch
    {
        OrderEventKinds.OrderPlaced => localizer["Order placed"],
        OrderEventKinds.Reordered => localizer["Reordered"],
        OrderEventKinds.PaymentStarted => localizer["Payment started"],
        OrderEventKinds.PaymentRetry => localizer["Payment tried again"],
        OrderEventKinds.PaymentPending => localizer["Payment pending"],
        OrderEventKinds.PaymentAuthorised => localizer["Payment authorised"],
        OrderEventKinds.PaymentRefused => localizer["Payment refused"],
        OrderEventKinds.PaymentCancelled => localizer["Payment cancelled"],
        OrderEventKinds.PaymentError => localizer["Payment error"],
        OrderEventKinds.PaymentExpired => localizer["Payment expired"],
        OrderEventKinds.OrderPaid => localizer["Order paid"],
        OrderEventKinds.OrderPaymentFailed => localizer["Payment failed"],
        OrderEventKinds.OrderExpired => localizer["Order expired"],
        OrderEventKinds.OrderCancelled => localizer["Order cancelled"],
        OrderEventKinds.OrderFulfilled => localizer["Order fulfilled"],
        OrderEventKinds.RefundRequested => localizer["Refund requested"],
        OrderEventKinds.RefundConfirmed => localizer["Refund confirmed"],
        OrderEventKinds.RefundFailed => localizer["Refund failed"],
        OrderEventKinds.RefundRejected => localizer["Refund rejected by Adyen"],
        OrderEventKinds.CancellationRequested => localizer["Cancellation requested"],
        OrderEventKinds.ReversalConfirmed => localizer["Reversal confirmed"],
        OrderEventKinds.ReversalFailed => localizer["Reversal failed"],
        OrderEventKinds.ReversalRejected => localizer["Reversal rejected by Adyen"],
        OrderEventKinds.Flagged => localizer["Flagged for review"],
        OrderEventKinds.ReviewCleared => localizer["Review cleared"],
        OrderEventKinds.Note => localizer["Note"],
        OrderEventKinds.EmailSentAgain => localizer["E-mail sent again"],
        _ => kind,
    };

    /// <summary>Who or what wrote a timeline entry.</summary>
    public string Source(OrderEventSource source) => source switch
    {
        OrderEventSource.Shopper => localizer["Shopper"],
        OrderEventSource.Return => localizer["Payment return"],
        OrderEventSource.Webhook => localizer["Webhook"],
        OrderEventSource.Merchandiser => localizer["Merchandiser"],
        OrderEventSource.System => localizer["System"],
        _ => source.ToString(),
    };

    public string Kind(ModificationKind kind) => kind switch
    {
        ModificationKind.Refund => localizer["Refund"],
        ModificationKind.Reversal => localizer["Reversal"],
        _ => kind.ToString(),
    };

    /// <summary>Where a refund or reversal stands: requested until Adyen's webhook confirms or rejects it.</summary>
    public string Modification(PaymentModification modification) => Modification(modification.Status, modification.Kind);

    public string Modification(ModificationStatus status, ModificationKind kind) => status switch
    {
        ModificationStatus.Requested => localizer["requested"],
        ModificationStatus.Confirmed => kind == ModificationKind.Refund ? localizer["refunded"] : localizer["reversed"],
        _ => localizer["failed (a refund or cancellation)"],
    };

    public string Webhook(WebhookStatus status) => status switch
    {
        WebhookStatus.Pending => localizer["Pending"],
        WebhookStatus.Processed => localizer["Processed"],
        WebhookStatus.Failed => localizer["Failed"],
        WebhookStatus.Poisoned => localizer["Poisoned"],
        WebhookStatus.Unmatched => localizer["Unmatched"],
        _ => status.ToString(),
    };

    public string Email(EmailKind kind) => kind switch
    {
        EmailKind.OrderConfirmed => localizer["order confirmation"],
        EmailKind.AwaitingPayment => localizer["awaiting payment"],
        EmailKind.OrderShipped => localizer["shipping notice"],
        EmailKind.RefundIssued => localizer["refund notice"],
        EmailKind.OrderLink => localizer["order link"],
        EmailKind.Account => localizer["account"],
        _ => kind.ToString(),
    };

    public string Email(EmailStatus status) => status switch
    {
        EmailStatus.Pending => localizer["Pending"],
        EmailStatus.Sent => localizer["Sent"],
        EmailStatus.Failed => localizer["Failed"],
        _ => status.ToString(),
    };
}
