using Microsoft.EntityFrameworkCore;
using Storefront.Cart;
using Storefront.Data;
using Storefront.Tests.Infrastructure;

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

/// <summary><see cref="StorefrontDbContext.OnSaved"/> on a real database: what follows a save runs once it is saved, once.</summary>
public sealed class AfterSaveTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task An_after_save_action_of_a_unit_that_lost_a_race_runs_once_after_the_save_that_won()
    {
        var cartId = await NewCartAsync();
        var runs = new List<int>();
        var tries = 0;

        await app.WithDbAsync(db => db.UnitOfWorkAsync(async () =>
        {
            var attempt = ++tries;
            var cart = await db.Carts.SingleAsync(c => c.Id == cartId);
            db.OnSaved(() => runs.Add(attempt));
            db.Entry(cart).Property(c => c.UpdatedAt).CurrentValue = DateTime.UtcNow;
            if (attempt == 1)
            {
                // Another request saves the cart between this unit's read and its save.
                await app.WithDbAsync(other => other.Carts.Where(c => c.Id == cartId)
                    .ExecuteUpdateAsync(c => c.SetProperty(x => x.Version, x => x.Version + 1)));
            }
            await db.SaveChangesAsync();
        }));

        Assert.Equal(2, tries);
        Assert.Equal([2], runs);
    }

    [Fact]
    public async Task An_after_save_action_never_runs_when_its_save_fails()
    {
        var cartId = await NewCartAsync();
        var runs = 0;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => app.WithDbAsync(db => db.UnitOfWorkAsync(async () =>
        {
            var cart = await db.Carts.SingleAsync(c => c.Id == cartId);
            db.OnSaved(() => runs++);
            db.Entry(cart).Property(c => c.UpdatedAt).CurrentValue = DateTime.UtcNow;
            await app.WithDbAsync(other => other.Carts.Where(c => c.Id == cartId)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Version, x => x.Version + 1)));
            await db.SaveChangesAsync();
        }, RetryOn.Never)));

        Assert.Equal(0, runs);
    }

    private async Task<Guid> NewCartAsync()
    {
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.Add(new ShoppingCart(id, null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        return id;
    }
}
