using System.Threading.Channels;

namespace Storefront.Payments.Adyen.Webhooks;

/// <summary>
/// Group commit for the inbox: the receivers of this node hand their messages to one writer, which takes whatever has
/// arrived (up to <see cref="MaxRequestsPerCommit"/> requests) and commits it in one transaction, then answers each
/// request with its count. So a burst costs one look-up and one commit (one write lock, one sync of the log) per batch
/// instead of per notification, and a receiver still acknowledges only what is committed
/// (F06, docs/payment-failure-modes.md). A request the writer could not store gets the exception, so its receiver
/// answers 500 and Adyen sends it again.
/// </summary>
public sealed partial class WebhookInboxWriter(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    ILogger<WebhookInboxWriter> logger) : BackgroundService
{
    /// <summary>Requests committed together at most; a node seldom has more than a few dozen in flight.</summary>
    public const int MaxRequestsPerCommit = 256;

    private long _commits;

    /// <summary>Batches committed since the start (for tests and diagnostics).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private readonly Channel<PendingStore> _pending = System.Threading.Channels.Channel.CreateUnbounded<PendingStore>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>How many of <paramref name="messages"/> were new, once they are committed.</summary>
    public async Task<int> StoreAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        var store = new PendingStore(messages, cancellationToken);
        if (!_pending.Writer.TryWrite(store))
            throw new OperationCanceledException("The application is stopping: the webhook is not stored.");
        // Once handed over the messages may be committed whatever the caller does; an abandoned request just stops waiting.
        return await store.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingStore>(MaxRequestsPerCommit);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxRequestsPerCommit && _pending.Reader.TryRead(out var store))
                {
                    if (!store.RequestAborted.IsCancellationRequested)
                        batch.Add(store);
                    else
                        store.Stored.TrySetCanceled(store.RequestAborted);
                }
                if (batch.Count > 0)
                    await CommitAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is still waiting is refused below.
        }
        finally
        {
            _pending.Writer.TryComplete();
            foreach (var waiting in batch)
                waiting.Stored.TrySetCanceled(stoppingToken);
            while (_pending.Reader.TryRead(out var store))
                store.Stored.TrySetCanceled(stoppingToken);
        }
    }

    private async Task CommitAsync(IReadOnlyList<PendingStore> batch, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<WebhookInbox>();
        try
        {
            var stored = await inbox.StoreTogetherAsync(batch.Select(store => store.Messages).ToList(), stoppingToken);
            Interlocked.Increment(ref _commits);
            for (var i = 0; i < batch.Count; i++)
                batch[i].Stored.TrySetResult(stored[i]);
            if (stored.Any(count => count > 0))
                signal.Notify();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Nothing of the batch is stored (one transaction). Most often another node stored one of its keys between
            // our look-up and our commit: each request on its own then keeps one failure from refusing the others.
            LogBatchFailed(logger, ex, batch.Count);
            await StoreEachAsync(inbox, batch, stoppingToken);
        }
    }

    private async Task StoreEachAsync(WebhookInbox inbox, IReadOnlyList<PendingStore> batch, CancellationToken stoppingToken)
    {
        foreach (var store in batch)
        {
            try
            {
                var stored = await inbox.StoreEachAsync(store.Messages, stoppingToken);
                store.Stored.TrySetResult(stored);
                if (stored > 0)
                    signal.Notify();
            }
            catch (Exception ex)
            {
                store.Stored.TrySetException(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing {Requests} webhook request(s) together failed: storing each on its own")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int requests);

    private sealed class PendingStore(IReadOnlyList<WebhookMessage> messages, CancellationToken requestAborted)
    {
        public IReadOnlyList<WebhookMessage> Messages { get; } = messages;

        public CancellationToken RequestAborted { get; } = requestAborted;

        public TaskCompletionSource<int> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
