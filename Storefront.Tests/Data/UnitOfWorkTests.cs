using Microsoft.EntityFrameworkCore;
using Storefront.Cart;
using Storefront.Data;

namespace Storefront.Tests.Data;

/// <summary>The one retry helper: a unit of work starts from an empty tracker, and only the races it was told to retry run it again.</summary>
public sealed class UnitOfWorkTests
{
    [Fact]
    public async Task A_lost_race_runs_the_unit_again_from_an_empty_tracker()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.Sqlite));
        db.Add(new ShoppingCart(Guid.NewGuid(), null, DateTime.UtcNow));
        var tries = 0;
        var trackedAtStart = new List<int>();

        var result = await db.UnitOfWorkAsync(() =>
        {
            trackedAtStart.Add(db.ChangeTracker.Entries().Count());
            db.Add(new ShoppingCart(Guid.NewGuid(), null, DateTime.UtcNow));
            return ++tries < 3 ? throw new DbUpdateConcurrencyException("moved") : Task.FromResult(tries);
        });

        Assert.Equal(3, result);
        Assert.Equal([0, 0, 0], trackedAtStart);
    }

    [Fact]
    public async Task A_unit_that_keeps_losing_gives_up_after_the_documented_limit()
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.Sqlite));
        var tries = 0;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            db.UnitOfWorkAsync(() => ++tries > 0 ? throw new DbUpdateConcurrencyException("moved") : Task.CompletedTask));

        Assert.Equal(UnitOfWork.MaxTries, tries);
    }

    [Theory]
    [InlineData(RetryOn.Never, true, 1)]
    [InlineData(RetryOn.Conflict, false, 1)]
    [InlineData(RetryOn.Conflict, true, UnitOfWork.MaxTries)]
    [InlineData(RetryOn.ConflictOrDuplicate, false, UnitOfWork.MaxTries)]
    public async Task Only_the_failures_asked_for_are_retried(RetryOn retry, bool conflict, int expectedTries)
    {
        using var db = DesignTimeContexts.Create(nameof(DatabaseProvider.Sqlite));
        var tries = 0;
        DbUpdateException Failure() => conflict ? new DbUpdateConcurrencyException("moved") : new DbUpdateException("duplicate key");

        var thrown = await Record.ExceptionAsync(() =>
            db.UnitOfWorkAsync(() => ++tries > 0 ? throw Failure() : Task.CompletedTask, retry));

        Assert.IsAssignableFrom<DbUpdateException>(thrown);
        Assert.Equal(expectedTries, tries);
    }
}
