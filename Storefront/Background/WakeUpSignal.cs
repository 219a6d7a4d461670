using System.Threading.Channels;

namespace Storefront.Background;

/// <summary>
/// Wakes a polling worker on this node as soon as there is work for it (a row it will find in the database), so the
/// work is done in milliseconds instead of at the next poll. Work written by other nodes is still found by polling.
/// </summary>
public abstract class WakeUpSignal
{
    // One pending wake-up is enough: the worker takes every due row when it wakes.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_wakeUps.Reader.TryRead(out _))
            return;
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _wakeUps.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
