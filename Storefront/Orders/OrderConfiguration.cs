using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Notifications;

namespace Storefront.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    /// <summary>The longest version of a legal text an order keeps: the 40 characters a merchant's version may have, and room to spare.</summary>
    public const int LegalVersionMaxLength = 64;

    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(32).IsRequired();
        builder.HasIndex(o => o.Number).IsUnique();
        builder.Property(o => o.ShopperId).HasMaxLength(450);
        builder.HasIndex(o => o.ShopperId);
        builder.Property(o => o.Country).HasMaxLength(2).IsRequired();
        builder.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.Culture).HasMaxLength(16).IsRequired();
        builder.Ignore(o => o.Language);
        builder.Property(o => o.ReviewReason).HasMaxLength(Order.MaxReviewReasonLength);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        builder.HasIndex(o => new { o.Status, o.PaymentDeadline });

        // The merchandiser's order list: each filter with the default sort (newest first), the other sorts, and the
        // search keys, which are searched by prefix. Date ranges use CreatedAt; the dashboard's revenue uses PaidAt.
        builder.Property(o => o.PaymentMethod).HasMaxLength(64);
        builder.Property(o => o.SearchEmail).HasMaxLength(OrderSearchKeys.MaxLength).IsRequired();
        builder.Property(o => o.SearchName).HasMaxLength(OrderSearchKeys.MaxLength).IsRequired();
        builder.Property(o => o.SearchPhone).HasMaxLength(OrderSearchKeys.MaxLength).IsRequired();
        builder.HasIndex(o => o.CreatedAt);
        builder.HasIndex(o => new { o.PaymentStatus, o.CreatedAt });
        builder.HasIndex(o => new { o.PaymentMethod, o.CreatedAt });
        builder.HasIndex(o => new { o.Country, o.CreatedAt });
        builder.HasIndex(o => new { o.TotalAmount, o.CreatedAt });
        builder.HasIndex(o => o.SearchEmail);
        builder.HasIndex(o => o.SearchName);
        builder.HasIndex(o => o.SearchPhone);
        builder.HasIndex(o => o.PaidAt);
        builder.HasIndex(o => o.FlaggedAt);
        builder.Ignore(o => o.Total);
        builder.Ignore(o => o.ProductLines);
        builder.Ignore(o => o.Shipping);
        builder.Ignore(o => o.Subtotal);
        builder.Ignore(o => o.CurrentAttempt);

        builder.ComplexProperty(o => o.Contact, contact =>
        {
            contact.Property(c => c.Email).HasColumnName("Email").HasMaxLength(256).IsRequired();
            contact.Property(c => c.Name).HasColumnName("Name").HasMaxLength(200).IsRequired();
            contact.Property(c => c.Phone).HasColumnName("Phone").HasMaxLength(32).IsRequired();
        });
        builder.ComplexProperty(o => o.ShippingAddress, address =>
        {
            address.Property(a => a.Line1).HasColumnName("AddressLine1").HasMaxLength(200).IsRequired();
            address.Property(a => a.Line2).HasColumnName("AddressLine2").HasMaxLength(200);
            address.Property(a => a.City).HasColumnName("City").HasMaxLength(100).IsRequired();
            address.Property(a => a.PostalCode).HasColumnName("PostalCode").HasMaxLength(16).IsRequired();
            address.Property(a => a.Country).HasColumnName("ShippingCountry").HasMaxLength(2).IsRequired();
        });

        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.Attempts).WithOne(a => a.Order).HasForeignKey(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Modifications).WithOne(m => m.Order).HasForeignKey(m => m.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Modifications).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(o => o.TermsVersionAgreed).HasMaxLength(LegalVersionMaxLength);
        builder.Property(o => o.PrivacyVersionAgreed).HasMaxLength(LegalVersionMaxLength);
        builder.Property(o => o.Carrier).HasMaxLength(100);
        builder.Property(o => o.TrackingNumber).HasMaxLength(100);
        builder.Ignore(o => o.Payment);
        builder.Ignore(o => o.RefundableAmount);
        builder.Ignore(o => o.AutomaticRefundsToSubmit);
        builder.Ignore(o => o.Refundable);
        builder.Ignore(o => o.Notes);
        builder.Ignore(o => o.CanRefund);
        builder.Ignore(o => o.CanCancel);
        builder.Ignore(o => o.CanFulfil);
        builder.Navigation(o => o.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The order's e-mails (Notifications' outbox knows an order only by its id).
        builder.HasMany<OutgoingEmail>().WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.Sku).HasMaxLength(100).IsRequired();
        builder.Property(l => l.Name).HasMaxLength(200).IsRequired();
        builder.Property(l => l.ImagePath).HasMaxLength(300).IsRequired();
        builder.Ignore(l => l.LineTotal);
        builder.Ignore(l => l.UnitTax);
        builder.Ignore(l => l.IsShipping);
    }
}

internal sealed class PaymentAttemptConfiguration : IEntityTypeConfiguration<PaymentAttempt>
{
    public void Configure(EntityTypeBuilder<PaymentAttempt> builder)
    {
        builder.Property(a => a.Reference).HasMaxLength(80).IsRequired();
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.SubmitKey).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => a.SubmitKey).IsUnique();
        builder.Property(a => a.IdempotencyKey).HasMaxLength(64).IsRequired();
        builder.Property(a => a.PaymentMethodType).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Currency).HasMaxLength(3).IsRequired();
        builder.Property(a => a.PspReference).HasMaxLength(64);
        builder.HasIndex(a => a.PspReference);
        builder.Property(a => a.StoredPaymentMethodId).HasMaxLength(64);
        builder.Property(a => a.RefusalReason).HasMaxLength(500);
        builder.Property(a => a.ActionJson).HasMaxLength(20_000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Total);
        builder.Ignore(a => a.IsFinal);
        builder.Ignore(a => a.IsActive);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> builder)
    {
        builder.Property(e => e.Kind).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Summary).HasMaxLength(OrderEvent.SummaryMaxLength).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.HasIndex(e => new { e.OrderId, e.At });
    }
}

internal sealed class PaymentModificationConfiguration : IEntityTypeConfiguration<PaymentModification>
{
    public void Configure(EntityTypeBuilder<PaymentModification> builder)
    {
        builder.Property(m => m.Reference).HasMaxLength(80).IsRequired();
        builder.HasIndex(m => m.Reference).IsUnique();
        builder.Property(m => m.PspReference).HasMaxLength(64);
        builder.HasIndex(m => m.PspReference);
        builder.Property(m => m.Currency).HasMaxLength(3).IsRequired();
        builder.Property(m => m.Reason).HasMaxLength(500).IsRequired();
        builder.Property(m => m.RequestedBy).HasMaxLength(256);
        builder.Property(m => m.FailureReason).HasMaxLength(500);
        builder.HasIndex(m => new { m.Status, m.RequestedAt });
        builder.Property(m => m.SubmitKey).HasMaxLength(64);
        builder.HasIndex(m => m.SubmitKey).IsUnique();
        builder.HasOne(m => m.Payment).WithMany().HasForeignKey(m => m.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(m => m.Total);
        builder.Ignore(m => m.IdempotencyKey);
        builder.Ignore(m => m.Holds);
        builder.Ignore(m => m.IsAutomatic);
        builder.Ignore(m => m.CanSendAgain);
    }
}
