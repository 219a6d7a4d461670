namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Waits for what the app does in the background (the webhook worker, the expiry worker, the sandbox's webhooks)
/// by reading the state again on a short timer until it holds or a deadline passes; never a fixed sleep.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>The first value of <paramref name="read"/> that satisfies <paramref name="holds"/>; fails the test with the last one.</summary>
    public static async Task<T> ReachesAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string expectation, TimeSpan? deadline = null,
        Func<T, string>? describe = null)
    {
        var limit = deadline ?? Deadline;
        using var giveUp = new CancellationTokenSource(limit);
        using var poll = new PeriodicTimer(Interval);
        var value = await read();
        while (!holds(value))
        {
            try
            {
                await poll.WaitForNextTickAsync(giveUp.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Still not {expectation} after {limit.TotalSeconds:0} s; last seen: {(describe is null ? value : describe(value))}");
            }
            value = await read();
        }
        return value;
    }
}
