namespace Storefront.Tests.Admin;

/// <summary>Polls a condition until it holds or the deadline passes: for outcomes that arrive asynchronously (webhooks).</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var last = await read();
        while (!holds(last))
        {
            try
            {
                await poll.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds} s.");
            }
            last = await read();
        }
        return last;
    }
}
