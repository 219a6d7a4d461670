using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Background;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Notifications;
using Storefront.Orders;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Data;

/// <summary>
/// The one DbContext, used directly by feature services. Each provider has its own subclass so that
/// each keeps its own migrations; the model itself stays provider-neutral.
/// </summary>
public abstract class StorefrontDbContext(DbContextOptions options)
    : IdentityDbContext<Shopper>(options), IDataProtectionKeyContext
{
    /// <summary>Data Protection keys live in the database so that every web node can read every cookie.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<CategoryEvent> CategoryEvents => Set<CategoryEvent>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductPrice> ProductPrices => Set<ProductPrice>();

    public DbSet<ProductEvent> ProductEvents => Set<ProductEvent>();

    public DbSet<ProductPicture> ProductPictures => Set<ProductPicture>();

    public DbSet<ProductPictureFile> ProductPictureFiles => Set<ProductPictureFile>();

    public DbSet<ProductSlugRedirect> ProductSlugRedirects => Set<ProductSlugRedirect>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<PaymentAttempt> PaymentAttempts => Set<PaymentAttempt>();

    public DbSet<ShoppingCart> Carts => Set<ShoppingCart>();

    public DbSet<PaymentModification> PaymentModifications => Set<PaymentModification>();

    public DbSet<StoredPaymentMethod> StoredPaymentMethods => Set<StoredPaymentMethod>();

    public DbSet<WebhookMessage> WebhookMessages => Set<WebhookMessage>();

    public DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();

    public DbSet<WorkerHeartbeat> WorkerHeartbeats => Set<WorkerHeartbeat>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StorefrontDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    private readonly List<Action> _afterSave = [];

    /// <summary>
    /// Runs <paramref name="action"/> once the next save has succeeded (each save is its own transaction: committed),
    /// for what must follow the data and never run ahead of it, such as a counter of confirmed refunds. A unit of work
    /// that starts over forgets it with its unsaved changes (<see cref="ForgetUnsaved"/>), so a retried unit counts once.
    /// </summary>
    public void OnSaved(Action action) => _afterSave.Add(action);

    /// <summary>Drops the tracked entities and the <see cref="OnSaved"/> actions of a unit of work that did not save.</summary>
    public void ForgetUnsaved()
    {
        ChangeTracker.Clear();
        _afterSave.Clear();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        RunAfterSave();
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        RunAfterSave();
        return saved;
    }

    private void RunAfterSave()
    {
        var actions = _afterSave.ToArray();
        _afterSave.Clear();
        foreach (var action in actions)
            action();
    }

    // Optimistic concurrency that works the same on SQLite and SQL Server: the application, not the
    // database, moves the version, and EF compares the original value in the UPDATE's WHERE clause.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && WritesHistory(entry.Entity)))
                entry.Property(e => e.Version).CurrentValue = entry.Property(e => e.Version).OriginalValue + 1;
        }
    }

    // A product edit that changed only its prices (rows of their own) leaves the product row as it was, but it writes
    // a line on the product's history: the version moves with it, so a form opened before is refused, not obeyed.
    private bool WritesHistory(IVersioned entity) =>
        entity is Product product && product.History.Any(line => Entry(line).State == EntityState.Added);
}

public sealed class SqliteStorefrontDbContext(DbContextOptions<SqliteStorefrontDbContext> options)
    : StorefrontDbContext(options);

public sealed class SqlServerStorefrontDbContext(DbContextOptions<SqlServerStorefrontDbContext> options)
    : StorefrontDbContext(options);
