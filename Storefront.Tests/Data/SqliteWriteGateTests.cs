using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Data;

/// <summary>
/// One writer at a time in the process (<see cref="SqliteWriteGate"/>): writers queue for it instead of meeting SQLite's
/// lock, and every way a write ends (saved, failed, a lost race, canceled, rolled back, abandoned) lets it go.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly string _path = StorefrontFactory.NewDatabasePath();
    private readonly SqliteWriteGate _gate = new();
    private readonly WriteProbe _probe = new();

    public SqliteWriteGateTests()
    {
        using var db = Context();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    public void Dispose() => StorefrontFactory.DeleteDatabase(_path);

    [Fact]
    public async Task Concurrent_saves_queue_at_the_gate_and_write_one_at_a_time()
    {
        const int Writers = 16;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await using var db = Context();
            db.Notes.Add(new Note { Key = $"note-{i}" });
            await db.SaveChangesAsync();
        })));

        Assert.Equal(Writers, await CountAsync());
        Assert.Equal(1, _probe.MostAtOnce);
        Assert.False(_gate.IsHeld);
    }

    [Fact]
    public async Task A_save_turned_away_by_a_unique_index_lets_the_gate_go()
    {
        await AddAsync("taken");

        await using (var db = Context())
        {
            db.Notes.Add(new Note { Key = "taken" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.False(_gate.IsHeld);
        await AddAsync("next");
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task A_save_that_loses_an_optimistic_concurrency_race_lets_the_gate_go()
    {
        await AddAsync("raced");
        await using var stale = Context();
        var note = await stale.Notes.SingleAsync();
        await using (var winner = Context())
        {
            (await winner.Notes.SingleAsync()).Version++;
            await winner.SaveChangesAsync();
        }

        note.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());

        Assert.False(_gate.IsHeld);
        await AddAsync("after");
    }

    [Fact]
    public async Task A_save_canceled_while_it_waits_for_the_gate_leaves_it_to_the_holder()
    {
        await using var holder = Context();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        using var cancel = new CancellationTokenSource();
        await using var waiter = Context();
        waiter.Notes.Add(new Note { Key = "canceled" });

        var save = waiter.SaveChangesAsync(cancel.Token);
        await Eventually.ReachesAsync(() => Task.FromResult(_gate.Waiting), waiting => waiting == 1, "one writer queued");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save.WaitAsync(Guard));
        Assert.True(_gate.IsHeld);
        await transaction.CommitAsync();
        Assert.False(_gate.IsHeld);
        await AddAsync("after");
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task A_transaction_holds_the_gate_from_begin_to_commit_and_its_own_saves_do_not_wait_for_it()
    {
        await using var owner = Context();
        await using var transaction = await owner.Database.BeginTransactionAsync();
        var queued = AddAsync("queued");
        await Eventually.ReachesAsync(() => Task.FromResult(_gate.Waiting), waiting => waiting == 1, "the other writer queued");

        owner.Notes.Add(new Note { Key = "inside" });
        await owner.SaveChangesAsync().WaitAsync(Guard);
        await owner.Notes.Where(n => n.Key == "inside").ExecuteUpdateAsync(u => u.SetProperty(n => n.Version, 7)).WaitAsync(Guard);
        Assert.False(queued.IsCompleted);

        await transaction.CommitAsync();
        await queued.WaitAsync(Guard);
        Assert.Equal(2, await CountAsync());
        Assert.False(_gate.IsHeld);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_transaction_rolled_back_or_abandoned_lets_the_gate_go(bool rollBack)
    {
        await using (var owner = Context())
        {
            var transaction = await owner.Database.BeginTransactionAsync();
            owner.Notes.Add(new Note { Key = "undone" });
            await owner.SaveChangesAsync();
            Assert.True(_gate.IsHeld);
            if (rollBack)
                await transaction.RollbackAsync();
            await transaction.DisposeAsync();
        }

        Assert.False(_gate.IsHeld);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_transaction_takes_the_databases_write_lock_at_its_begin()
    {
        await using var owner = Context();
        await using var transaction = await owner.Database.BeginTransactionAsync();

        // Another process's writer (no gate of ours) finds the database locked before the transaction wrote anything.
        await using var other = new SqliteConnection($"Data Source={_path}");
        await other.OpenAsync();
        await using var begin = other.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.CommandTimeout = 1;
        var busy = await Assert.ThrowsAsync<SqliteException>(() => begin.ExecuteNonQueryAsync());
        Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY
    }

    [Fact]
    public async Task Bulk_updates_deletes_and_raw_sql_queue_at_the_gate_too_and_a_failing_one_lets_it_go()
    {
        await AddAsync("bulk");
        await using var owner = Context();
        var transaction = await owner.Database.BeginTransactionAsync();
        await using var other = Context();

        var update = other.Notes.ExecuteUpdateAsync(u => u.SetProperty(n => n.Version, 3));
        await Eventually.ReachesAsync(() => Task.FromResult(_gate.Waiting), waiting => waiting == 1, "the update queued");
        Assert.False(update.IsCompleted);
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        Assert.Equal(1, await update.WaitAsync(Guard));

        await Assert.ThrowsAsync<SqliteException>(() => other.Database.ExecuteSqlRawAsync("UPDATE NoSuchTable SET x = 1"));
        Assert.False(_gate.IsHeld);
        Assert.Equal(1, await other.Notes.ExecuteDeleteAsync());
        Assert.False(_gate.IsHeld);
    }

    [Fact]
    public void Synchronous_saves_take_and_let_go_of_the_gate_as_well()
    {
        using (var db = Context())
        {
            db.Notes.Add(new Note { Key = "sync" });
            db.SaveChanges();
            db.Notes.Add(new Note { Key = "sync" });
            Assert.Throws<DbUpdateException>(() => db.SaveChanges());
        }

        Assert.False(_gate.IsHeld);
        Assert.Equal(1, _probe.MostAtOnce);
    }

    [Fact]
    public void The_store_on_sqlite_writes_through_the_gate()
    {
        using var app = new StorefrontFactory();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();

        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!;
        Assert.All(gate.Interceptors, interceptor => Assert.Contains(interceptor, interceptors));
    }

    private GateContext Context() =>
        new(new DbContextOptionsBuilder<GateContext>()
            .UseSqlite($"Data Source={_path}")
            .AddInterceptors(_gate.Interceptors)
            .AddInterceptors(_probe)
            .Options);

    private async Task AddAsync(string key)
    {
        await using var db = Context();
        db.Notes.Add(new Note { Key = key });
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = Context();
        return await db.Notes.CountAsync();
    }

    public sealed class Note
    {
        public long Id { get; set; }

        public required string Key { get; set; }

        public long Version { get; set; }
    }

    private sealed class GateContext(DbContextOptions<GateContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder builder)
        {
            builder.Entity<Note>().HasIndex(n => n.Key).IsUnique();
            builder.Entity<Note>().Property(n => n.Version).IsConcurrencyToken();
        }
    }

    /// <summary>Counts the write commands running at once (every INSERT, UPDATE or DELETE, whatever runs it).</summary>
    private sealed class WriteProbe : DbCommandInterceptor
    {
        private int _running;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Start(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Start(command);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            End(command);
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            End(command);
            return result;
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => End(command);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            End(command);
            return Task.CompletedTask;
        }

        private static bool Writes(DbCommand command) =>
            command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase)
            || command.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase)
            || command.CommandText.Contains("DELETE", StringComparison.OrdinalIgnoreCase);

        private void Start(DbCommand command)
        {
            if (!Writes(command))
                return;
            var running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, running, most) != most)
            {
            }
        }

        private void End(DbCommand command)
        {
            if (Writes(command))
                Interlocked.Decrement(ref _running);
        }
    }
}
