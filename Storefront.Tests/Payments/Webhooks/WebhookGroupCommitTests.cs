using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>
/// Group commit of the inbox (<see cref="WebhookInboxWriter"/>): the receivers' messages that arrive while a commit is
/// under way go in together, each request is answered only once its messages are committed, and a batch turned away
/// by another node's row is stored request by request (F06, docs/payment-failure-modes.md).
/// </summary>
public sealed class WebhookGroupCommitTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly StorefrontFactory _app = new();

    public WebhookGroupCommitTests()
    {
        // Only the receivers write to the inbox here: the worker would take the write gate too.
        _app.Settings["Adyen:Webhooks:ProcessInbox"] = "false";
        _ = _app.Services;
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Requests_arriving_during_a_commit_are_committed_together_and_answered_only_after_it()
    {
        const int Requests = 10;
        var writer = _app.Services.GetRequiredService<WebhookInboxWriter>();
        var gate = _app.Services.GetRequiredService<SqliteWriteGate>();
        var commitsBefore = writer.Commits;

        Task<int>[] stores;
        await using (var holder = Scope())
        {
            var db = holder.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            stores = Enumerable.Range(0, Requests).Select(i => writer.StoreAsync([Message($"GROUP{i}")], CancellationToken.None)).ToArray();
            await Eventually.ReachesAsync(() => Task.FromResult(gate.Waiting), waiting => waiting == 1, "the writer waiting for the database");

            Assert.DoesNotContain(stores, store => store.IsCompleted);
            await transaction.CommitAsync();
        }

        Assert.All(await Task.WhenAll(stores).WaitAsync(Guard), stored => Assert.Equal(1, stored));
        Assert.InRange(writer.Commits - commitsBefore, 1, 2);
        Assert.Equal(Requests, await _app.WithDbAsync(db => db.WebhookMessages.CountAsync(m => m.PspReference!.StartsWith("GROUP"))));
    }

    [Fact]
    public async Task Copies_of_one_notification_in_one_batch_are_stored_once()
    {
        var writer = _app.Services.GetRequiredService<WebhookInboxWriter>();

        var stored = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => writer.StoreAsync([Message("COPY1")], CancellationToken.None)))
            .WaitAsync(Guard);

        Assert.Equal(1, stored.Sum());
        Assert.Equal(1, await _app.WithDbAsync(db => db.WebhookMessages.CountAsync(m => m.PspReference == "COPY1")));
    }

    [Fact]
    public async Task A_batch_turned_away_by_a_row_another_node_stored_meanwhile_is_stored_request_by_request()
    {
        var writer = _app.Services.GetRequiredService<WebhookInboxWriter>();
        var gate = _app.Services.GetRequiredService<SqliteWriteGate>();

        Task<int> collides, other;
        await using (var otherNode = Scope())
        {
            var db = otherNode.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            collides = writer.StoreAsync([Message("RACE1")], CancellationToken.None);
            other = writer.StoreAsync([Message("RACE2")], CancellationToken.None);
            // The writer has looked its keys up (nothing there yet) and waits to commit.
            await Eventually.ReachesAsync(() => Task.FromResult(gate.Waiting), waiting => waiting == 1, "the writer waiting for the database");

            db.WebhookMessages.Add(Message("RACE1"));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal(0, await collides.WaitAsync(Guard));
        Assert.Equal(1, await other.WaitAsync(Guard));
        var stored = await _app.WithDbAsync(db => db.WebhookMessages.Where(m => m.PspReference!.StartsWith("RACE")).Select(m => m.PspReference).ToListAsync());
        Assert.Equal(["RACE1", "RACE2"], stored.Order());
    }

    private AsyncServiceScope Scope() => _app.Services.CreateAsyncScope();

    private static WebhookMessage Message(string pspReference) =>
        WebhookMessage.Standard(new NotificationRequestItem
        {
            EventCode = "AUTHORISATION",
            PspReference = pspReference,
            MerchantReference = "SF-GROUP-1",
            Success = "true",
            MerchantAccountCode = "StorefrontKR_Sandbox",
        }, live: false, rawItem: "{}", receivedAt: DateTime.UtcNow);
}
