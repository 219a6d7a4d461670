using Storefront.Data;

namespace Storefront.Background;

/// <summary>
/// A row of a table that every node works off under leases (the webhook inbox, the e-mail outbox): who holds it and
/// until when, how many tries it has had, when the next one is due and why the last one failed. A claim is an update
/// under optimistic concurrency (<see cref="IVersioned"/>), so of two nodes claiming one row, one wins.
/// </summary>
public abstract class LeasedRow : IVersioned
{
    public const int MaxErrorLength = 2000;

    private int _attempts;
    private DateTime _nextAttemptAt;
    private string? _leaseOwner;
    private DateTime? _leaseExpiresAt;
    private string? _lastError;

    // The lease columns can be set when a row is made (a fixture in a given state); after that only this class's
    // methods move them.

    public long Id { get; private set; }

    /// <summary>How many times a worker took the row for a try.</summary>
    public int Attempts { get => _attempts; init => _attempts = value; }

    public DateTime NextAttemptAt { get => _nextAttemptAt; init => _nextAttemptAt = value; }

    /// <summary>The worker holding the row, until <see cref="LeaseExpiresAt"/>: several nodes share one table.</summary>
    public string? LeaseOwner { get => _leaseOwner; init => _leaseOwner = value; }

    public DateTime? LeaseExpiresAt { get => _leaseExpiresAt; init => _leaseExpiresAt = value; }

    /// <summary>Why the last try failed (or, for some tables, why the row was set aside). Never holds a secret.</summary>
    public string? LastError { get => _lastError; init => _lastError = value; }

    public long Version { get; set; }

    public bool IsLeasedBy(string owner) => LeaseOwner == owner;

    /// <summary>Takes the row for one try; saved under optimistic concurrency, so only one worker wins it.</summary>
    public void Claim(string owner, DateTime now, TimeSpan leaseDuration)
    {
        _leaseOwner = owner;
        _leaseExpiresAt = now + leaseDuration;
        _attempts++;
    }

    /// <summary>Due at <paramref name="at"/>: a new row, or one whose tries a merchandiser starts afresh.</summary>
    protected void DueAt(DateTime at, bool freshTries = false)
    {
        _nextAttemptAt = at;
        if (freshTries)
            _attempts = 0;
    }

    /// <summary>The try failed: tried again after <paramref name="retryDelay"/>. True when it has had its <paramref name="maxAttempts"/>.</summary>
    protected bool RecordFailure(string error, DateTime now, TimeSpan retryDelay, int maxAttempts)
    {
        RecordError(error);
        DueAt(now + retryDelay);
        ReleaseLease();
        return _attempts >= maxAttempts;
    }

    /// <summary>Sets <see cref="LastError"/>, or clears it with null.</summary>
    protected void RecordError(string? error) =>
        _lastError = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;

    protected void ReleaseLease()
    {
        _leaseOwner = null;
        _leaseExpiresAt = null;
    }
}
