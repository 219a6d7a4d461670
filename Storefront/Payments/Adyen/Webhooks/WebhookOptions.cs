using Storefront.Background;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>How the webhook inbox is worked off, from <c>Adyen:Webhooks</c>.</summary>
public sealed class WebhookOptions : LeasedQueueOptions
{
    public const string Section = "Adyen:Webhooks";

    /// <summary>Largest request body a receiver reads; Adyen's notifications are a few kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public WebhookOptions()
    {
        PollInterval = TimeSpan.FromSeconds(5);
        MaxAttempts = 8;
    }

    /// <summary>
    /// False keeps this node from applying the inbox (it still receives and stores): for a node that only takes
    /// traffic, or a test that stops the process between the 2xx and the processing.
    /// </summary>
    public bool ProcessInbox { get; set; } = true;
}
