namespace Storefront.PaymentMethods;

/// <summary>What the payment-methods partial shows: a list on the cart, radio buttons at checkout.</summary>
public sealed record PaymentMethodsView(PaymentMethodsResult Result, bool Selectable, string? Selected = null);
