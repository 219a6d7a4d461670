namespace Storefront.Orders;

/// <summary>
/// What happens elsewhere, in the same transaction, when an order has just become paid: the cart it was placed from
/// starts afresh. Cart implements it rather than the finaliser reaching into cart rows: a cart points at the order
/// placed from it, so Cart knows Orders, and Orders must not know Cart back. The handler tracks its changes on the
/// scope's context; <see cref="PaymentFinalizer"/>'s caller saves them with the order.
/// </summary>
public interface IOrderPaidHandler
{
    Task OrderPaidAsync(Order order, DateTime now, CancellationToken cancellationToken);
}
