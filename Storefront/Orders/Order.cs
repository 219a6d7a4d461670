using System.Globalization;
using Storefront.Data;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Orders;

/// <summary>
/// A cart frozen at checkout, and the aggregate of everything that happens to it. Its state machine only moves
/// forward; every move lands on the timeline. The class is split by concern: payments (Order.Payments.cs: attempts,
/// outcomes, expiry), refunds and reversals (Order.Refunds.cs), the review flag (Order.Review.cs), and here the order
/// itself, fulfilment and the timeline. Payment results from the return page and from webhooks both go through
/// <see cref="ApplyPaymentResult"/>.
/// </summary>
public sealed partial class Order : IVersioned
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<PaymentAttempt> _attempts = [];
    private readonly List<OrderEvent> _events = [];
    private readonly List<PaymentModification> _modifications = [];

    private Order()
    {
    }

    public int Id { get; private set; }

    /// <summary>What the shopper and the merchandiser see, e.g. <c>SF-7KQ2M9XD</c>.</summary>
    public string Number { get; private set; } = "";

    /// <summary>The Identity user's id; null for a guest.</summary>
    public string? ShopperId { get; private set; }

    public ContactDetails Contact { get; private set; } = null!;

    /// <summary>The contact's e-mail for the merchandiser's search (<see cref="OrderSearchKeys.Text"/>).</summary>
    public string SearchEmail { get; private set; } = "";

    /// <summary>The contact's name for the merchandiser's search (<see cref="OrderSearchKeys.Text"/>).</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>The contact's phone digits, reversed, for the merchandiser's search (<see cref="OrderSearchKeys.Phone"/>).</summary>
    public string SearchPhone { get; private set; } = "";

    public ShippingAddress ShippingAddress { get; private set; } = null!;

    /// <summary>The market the order was placed in (KR, US …); it fixed the currency.</summary>
    public string Country { get; private set; } = "";

    public string Currency { get; private set; } = "";

    /// <summary>
    /// The language the shopper placed the order in (<c>ko-KR</c>, <c>en</c>): its e-mails speak it, and its lines'
    /// names were taken in it.
    /// </summary>
    public string Culture { get; private set; } = "";

    /// <summary><see cref="Culture"/>, or the market's language for an order that has none of ours.</summary>
    public CultureInfo Language => Cultures.Find(Culture) ?? Cultures.ForMarket(Country);

    /// <summary>Sum of the lines (the shipping line too), minor units, tax included.</summary>
    public long TotalAmount { get; private set; }

    public Money Total => new(TotalAmount, Currency);

    /// <summary>The products' lines, without the shipping line.</summary>
    public IEnumerable<OrderLine> ProductLines => _lines.Where(l => !l.IsShipping);

    /// <summary>The shipping fee charged, fixed when the order was placed; zero when it shipped free.</summary>
    public Money Shipping => new(_lines.Where(l => l.IsShipping).Sum(l => l.LineTotal), Currency);

    /// <summary>The goods before shipping: what the free-shipping threshold was compared with.</summary>
    public Money Subtotal => Total - Shipping;

    public OrderStatus Status { get; private set; }

    public PaymentStatus PaymentStatus { get; private set; }

    /// <summary>The latest attempt's payment method (<c>kakaopay</c> …); null before the first attempt. Kept on the order to filter on.</summary>
    public string? PaymentMethod { get; private set; }

    /// <summary>True while the order holds (or has sold) its products' stock; released exactly once.</summary>
    public bool HoldsStock { get; private set; }

    /// <summary>Set when something needs a merchandiser's eyes (an amount mismatch, a payment after expiry …).</summary>
    public string? ReviewReason { get; private set; }

    /// <summary>When <see cref="ReviewReason"/> was first set; null while nothing needs review. Indexed for the dashboard.</summary>
    public DateTime? FlaggedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Unpaid past this moment, the order expires and releases its stock.</summary>
    public DateTime PaymentDeadline { get; private set; }

    public DateTime? PaidAt { get; private set; }

    public DateTime? FulfilledAt { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public long Version { get; set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public IReadOnlyList<PaymentAttempt> Attempts => _attempts;

    public IReadOnlyList<OrderEvent> Events => _events;

    public IReadOnlyList<PaymentModification> Modifications => _modifications;

    /// <summary>The merchandisers' notes, newest first.</summary>
    public IEnumerable<OrderEvent> Notes => _events.Where(e => e.Kind == OrderEventKinds.Note).OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    /// <summary>Whether <see cref="MarkFulfilled"/> would be taken: only a paid order ships.</summary>
    public bool CanFulfil => Status == OrderStatus.Paid;

    /// <summary>
    /// Freezes a priced cart into an order. The caller has already reserved the lines' stock in the same
    /// unit of work, so the new order holds it. The order speaks <paramref name="language"/>, by default the language
    /// of the request placing it, in which the caller took the lines' names.
    /// </summary>
    public static Order Place(string number, string? shopperId, ContactDetails contact, ShippingAddress address,
        Market market, IEnumerable<OrderLine> lines, DateTime now, TimeSpan paymentWindow, CultureInfo? language = null)
    {
        var order = new Order
        {
            Number = number,
            ShopperId = shopperId,
            Contact = contact,
            SearchEmail = OrderSearchKeys.Text(contact.Email),
            SearchName = OrderSearchKeys.Text(contact.Name),
            SearchPhone = OrderSearchKeys.Phone(contact.Phone),
            ShippingAddress = address,
            Country = market.Country,
            Currency = market.Currency,
            Culture = (Cultures.Find((language ?? CultureInfo.CurrentUICulture).Name) ?? Cultures.ForMarket(market.Country)).Name,
            Status = OrderStatus.AwaitingPayment,
            PaymentStatus = PaymentStatus.NotStarted,
            HoldsStock = true,
            CreatedAt = now,
            UpdatedAt = now,
            PaymentDeadline = now + paymentWindow,
        };
        order._lines.AddRange(lines);
        if (!order.ProductLines.Any())
            throw new OrderStateException("An order needs at least one line.");
        if (order._lines.Count(l => l.IsShipping) > 1)
            throw new ArgumentException("An order has at most one shipping line.", nameof(lines));
        order.TotalAmount = order._lines.Sum(l => l.LineTotal);
        order.AddEvent(now, OrderEventSource.Shopper, OrderEventKinds.OrderPlaced, order.Shipping.MinorUnits > 0
            ? $"Order placed: {order.Total} for {order.ProductLines.Sum(l => l.Quantity)} item(s), shipping {order.Shipping} included."
            : $"Order placed: {order.Total} for {order.ProductLines.Sum(l => l.Quantity)} item(s).");
        return order;
    }

    /// <summary>A signed-in shopper placed this order again from an earlier one (<paramref name="sourceNumber"/>).</summary>
    public void RecordReorderedFrom(string sourceNumber, DateTime now) =>
        AddEvent(now, OrderEventSource.Shopper, OrderEventKinds.Reordered, $"Reordered from order {sourceNumber}.");

    public void MarkFulfilled(string carrier, string trackingNumber, string fulfilledBy, DateTime now)
    {
        var from = CurrentState;
        if (!CanFulfil)
            throw new OrderStateException("Order {0} is {1}: only a paid order can be fulfilled.", Number, Status);
        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
            throw new OrderStateException("Give the carrier and the tracking number.");
        Status = OrderStatus.Fulfilled;
        Carrier = carrier.Trim();
        TrackingNumber = trackingNumber.Trim();
        FulfilledAt = now;
        Touch(now);
        AddMerchandiserEvent(now, OrderEventKinds.OrderFulfilled, $"Shipped with {Carrier}, tracking {TrackingNumber}.", fulfilledBy, from);
    }

    public void AddNote(string text, string author, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new OrderStateException("A note needs some text.");
        Touch(now);
        AddMerchandiserEvent(now, OrderEventKinds.Note, text.Trim(), author, CurrentState);
    }

    /// <summary>A merchandiser sent one of the order's e-mails again after it had failed: on the timeline, who and when.</summary>
    public void RecordEmailSentAgain(string emailKind, string actor, DateTime now)
    {
        Touch(now);
        AddMerchandiserEvent(now, OrderEventKinds.EmailSentAgain,
            $"The {emailKind} e-mail, which had failed, was queued to be sent again.", actor, CurrentState);
    }

    /// <summary>A webhook that changed nothing (a replay, news of an attempt already final): kept on the timeline with its payload.</summary>
    public void RecordWebhook(string eventCode, string summary, string payload, DateTime now)
    {
        Touch(now);
        AddEvent(now, OrderEventSource.Webhook, eventCode, summary, payload: payload);
    }

    internal void Touch(DateTime now) => UpdatedAt = now;

    private (OrderStatus Status, PaymentStatus PaymentStatus) CurrentState => (Status, PaymentStatus);

    private void AddEvent(DateTime at, OrderEventSource source, string kind, string summary, string? actor = null, string? payload = null) =>
        _events.Add(new OrderEvent(at, source, kind, summary, actor, payload));

    /// <summary>A merchandiser's action, with the state the order was in when they took it (the audit trail).</summary>
    private void AddMerchandiserEvent(DateTime at, string kind, string summary, string actor,
        (OrderStatus Status, PaymentStatus PaymentStatus) from) =>
        _events.Add(new OrderEvent(at, OrderEventSource.Merchandiser, kind, summary, actor, fromStatus: from.Status, fromPaymentStatus: from.PaymentStatus));
}
