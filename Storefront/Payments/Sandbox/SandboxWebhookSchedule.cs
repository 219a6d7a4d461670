namespace Storefront.Payments.Sandbox;

/// <summary>
/// When Adyen tries a webhook again after a failure (no 2xx in time): three immediate retries, then a queue at
/// 2 min, 5 min, 10 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h and every 8 h after that, for up to 30 days.
/// <c>Adyen:Sandbox:WebhookRetryScale</c> compresses it all; <c>Adyen:Sandbox:WebhookRetryDelays</c> replaces it.
/// </summary>
internal static class SandboxWebhookSchedule
{
    public const int ImmediateRetries = 3;

    public static readonly IReadOnlyList<TimeSpan> Queue =
    [
        TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
    ];

    public static readonly TimeSpan Repeat = TimeSpan.FromHours(8);

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(30);

    /// <summary>The wait before each retry, in order; when the sequence ends, delivery gives up.</summary>
    public static IEnumerable<TimeSpan> RetryDelays(SandboxOptions options)
    {
        if (options.WebhookRetryDelays.Length > 0)
        {
            foreach (var delay in options.WebhookRetryDelays)
                yield return delay;
            yield break;
        }

        var scale = options.WebhookRetryScale;
        for (var i = 0; i < ImmediateRetries; i++)
            yield return TimeSpan.Zero;
        var limit = GiveUpAfter * scale;
        var waited = TimeSpan.Zero;
        foreach (var delay in Queue.Concat(Forever(Repeat)))
        {
            var scaled = delay * scale;
            waited += scaled;
            if (waited > limit)
                yield break;
            yield return scaled;
        }
    }

    private static IEnumerable<TimeSpan> Forever(TimeSpan delay)
    {
        while (true)
            yield return delay;
    }
}
