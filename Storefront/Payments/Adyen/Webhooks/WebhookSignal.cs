using Storefront.Background;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>Wakes this node's inbox worker when a receiver has stored a row.</summary>
public sealed class WebhookSignal : WakeUpSignal;
