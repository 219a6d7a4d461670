using System.Threading.Channels;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// Wakes this node's inbox worker when a receiver has stored a row, so a webhook is applied in milliseconds
/// instead of at the next poll. Rows stored by other nodes are found by polling.
/// </summary>
public sealed class WebhookSignal
{
    // One pending wake-up is enough: the worker takes every due row when it wakes.
    private readonly Channel<bool> _wakeUps = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
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
