using System.ComponentModel.DataAnnotations;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>How the webhook inbox is worked off, from <c>Adyen:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Adyen:Webhooks";

    /// <summary>Largest request body a receiver reads; Adyen's notifications are a few kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// False keeps this node from applying the inbox (it still receives and stores): for a node that only takes
    /// traffic, or a test that stops the process between the 2xx and the processing.
    /// </summary>
    public bool ProcessInbox { get; set; } = true;

    /// <summary>
    /// How often the worker looks for due rows when nothing wakes it: rows stored by other nodes, and retries.
    /// A row stored by this node wakes it at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00",
        ErrorMessage = "Adyen:Webhooks:PollInterval must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed row belongs to one worker; past it, another node may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00",
        ErrorMessage = "Adyen:Webhooks:LeaseDuration must be between 00:00:01 and 01:00:00.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Tries before a row is Poisoned and left for a merchandiser to reprocess.</summary>
    [Range(1, 100, ErrorMessage = "Adyen:Webhooks:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with every further failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00",
        ErrorMessage = "Adyen:Webhooks:RetryDelay must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00",
        ErrorMessage = "Adyen:Webhooks:MaxRetryDelay must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows claimed at once by one worker.</summary>
    [Range(1, 500, ErrorMessage = "Adyen:Webhooks:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 20;

    /// <summary>The wait before try number <paramref name="attempts"/> + 1.</summary>
    public TimeSpan RetryDelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        return TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * Math.Pow(2, exponent), MaxRetryDelay.Ticks));
    }
}
