namespace Storefront.Orders;

/// <summary>An order was asked to make a move its state machine does not allow.</summary>
public sealed class OrderStateException(string message) : InvalidOperationException(message);
