using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Data;

/// <summary>
/// One SQLite writer at a time in this process, queued in memory. SQLite lets one connection write at a time; without
/// this, concurrent writers meet the database's lock and Microsoft.Data.Sqlite retries them after sleeping (on a thread
/// of the pool), so a busy shop's checkouts wait hundreds of milliseconds for a lock that was free most of that time.
/// Here a writer awaits a <see cref="SemaphoreSlim"/> instead and takes the lock the moment the one before it lets go.
/// </summary>
/// <remarks>
/// <para>What holds the gate, each on the connection of one DbContext (a context is used by one flow at a time):</para>
/// <list type="bullet">
/// <item>a <c>SaveChanges</c>, from the moment it starts until it is saved, failed or canceled;</item>
/// <item>a transaction, from its BEGIN to its COMMIT or ROLLBACK (EF's and Microsoft.Data.Sqlite's transactions begin
/// <c>IMMEDIATE</c>, so the database's write lock is taken at the BEGIN too, before the transaction reads);</item>
/// <item>a command run without a result set (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, <c>ExecuteSql</c>), for as long as
/// it runs.</item>
/// </list>
/// <para>Reads outside a transaction never wait for it: WAL lets them read while a writer commits. What a connection
/// already holds it does not wait for again (a save's own transaction and commands, a save inside a transaction), and
/// whatever holds it lets go at the latest when its connection closes, which ends any lock SQLite had for it. A flow
/// holding the gate must not await a write on another context: that one would wait for it forever.</para>
/// <para>Only on SQLite (<see cref="DataRegistration"/>): SQL Server locks rows and lets writers run side by side. Two
/// processes on one SQLite file (the tests' two nodes) each have their own gate and meet at the database's lock as
/// before.</para>
/// </remarks>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, Holder> _holders = new();

    public SqliteWriteGate() =>
        Interceptors = [new SaveChangesGate(this), new TransactionGate(this), new CommandGate(this), new ConnectionGate(this)];

    /// <summary>The interceptors to add to the SQLite contexts' options.</summary>
    public IReadOnlyList<IInterceptor> Interceptors { get; }

    private int _waiting;

    /// <summary>True while some connection holds the gate (for tests and diagnostics).</summary>
    public bool IsHeld => _writer.CurrentCount == 0;

    /// <summary>How many writers are queued for the gate right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private enum Reason
    {
        Save = 1,
        Transaction = 2,
        Command = 4,
    }

    /// <summary>What one connection holds the gate for; the gate is its own while any reason is set.</summary>
    private sealed class Holder
    {
        public Reason Reasons;

        /// <summary>Adds <paramref name="reason"/> when the gate is already this connection's: it does not wait for itself.</summary>
        public bool TryJoin(Reason reason)
        {
            lock (this)
            {
                if (Reasons == 0)
                    return false;
                Reasons |= reason;
                return true;
            }
        }

        public void Take(Reason reason)
        {
            lock (this)
                Reasons |= reason;
        }
    }

    private async ValueTask EnterAsync(DbConnection connection, Reason reason, CancellationToken cancellationToken)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.TryJoin(reason))
            return;
        Interlocked.Increment(ref _waiting);
        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        holder.Take(reason);
    }

    private void Enter(DbConnection connection, Reason reason)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.TryJoin(reason))
            return;
        Interlocked.Increment(ref _waiting);
        try
        {
            _writer.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        holder.Take(reason);
    }

    /// <summary>Lets go of <paramref name="reason"/>; a reason not held is ignored, so a second release changes nothing.</summary>
    private void Exit(DbConnection? connection, Reason reason)
    {
        if (connection is null || !_holders.TryGetValue(connection, out var holder))
            return;
        lock (holder)
        {
            if ((holder.Reasons & reason) == 0)
                return;
            holder.Reasons &= ~reason;
            if (holder.Reasons != 0)
                return;
        }
        _writer.Release();
    }

    private static DbConnection? ConnectionOf(DbContext? context) => context?.Database.GetDbConnection();

    private sealed class SaveChangesGate(SqliteWriteGate gate) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (ConnectionOf(eventData.Context) is { } connection)
                await gate.EnterAsync(connection, Reason.Save, cancellationToken);
            return result;
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (ConnectionOf(eventData.Context) is { } connection)
                gate.Enter(connection, Reason.Save);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            gate.Exit(ConnectionOf(eventData.Context), Reason.Save);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            gate.Exit(ConnectionOf(eventData.Context), Reason.Save);
            return result;
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(ConnectionOf(eventData.Context), Reason.Save);
            return Task.CompletedTask;
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
            gate.Exit(ConnectionOf(eventData.Context), Reason.Save);

        public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(ConnectionOf(eventData.Context), Reason.Save);
            return Task.CompletedTask;
        }

        public override void SaveChangesCanceled(DbContextEventData eventData) =>
            gate.Exit(ConnectionOf(eventData.Context), Reason.Save);

        // A lost optimistic-concurrency race ends the save here; SaveChangesFailed may follow and then changes nothing.
        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            gate.Exit(ConnectionOf(eventData.Context), Reason.Save);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
        {
            gate.Exit(ConnectionOf(eventData.Context), Reason.Save);
            return result;
        }
    }

    private sealed class TransactionGate(SqliteWriteGate gate) : DbTransactionInterceptor
    {
        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await gate.EnterAsync(connection, Reason.Transaction, cancellationToken);
            return result;
        }

        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            gate.Enter(connection, Reason.Transaction);
            return result;
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(transaction.Connection ?? ConnectionOf(eventData.Context), Reason.Transaction);
            return Task.CompletedTask;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
            gate.Exit(transaction.Connection ?? ConnectionOf(eventData.Context), Reason.Transaction);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(transaction.Connection ?? ConnectionOf(eventData.Context), Reason.Transaction);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
            gate.Exit(transaction.Connection ?? ConnectionOf(eventData.Context), Reason.Transaction);

        public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(transaction.Connection ?? ConnectionOf(eventData.Context), Reason.Transaction);
            return Task.CompletedTask;
        }

        public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
            gate.Exit(transaction.Connection ?? ConnectionOf(eventData.Context), Reason.Transaction);
    }

    private sealed class CommandGate(SqliteWriteGate gate) : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.Connection is { } connection)
                await gate.EnterAsync(connection, Reason.Command, cancellationToken);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            if (command.Connection is { } connection)
                gate.Enter(connection, Reason.Command);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            gate.Exit(command.Connection, Reason.Command);
            return ValueTask.FromResult(result);
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            gate.Exit(command.Connection, Reason.Command);
            return result;
        }

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(command.Connection, Reason.Command);
            return Task.CompletedTask;
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
            gate.Exit(command.Connection, Reason.Command);

        public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(command.Connection, Reason.Command);
            return Task.CompletedTask;
        }

        public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) =>
            gate.Exit(command.Connection, Reason.Command);
    }

    /// <summary>A closed connection holds no lock in SQLite: whatever it held the gate for ends with it.</summary>
    private sealed class ConnectionGate(SqliteWriteGate gate) : DbConnectionInterceptor
    {
        public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
        {
            gate.Exit(connection, Reason.Save | Reason.Transaction | Reason.Command);
            return Task.CompletedTask;
        }

        public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) =>
            gate.Exit(connection, Reason.Save | Reason.Transaction | Reason.Command);
    }
}
