using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Storefront.Payments.Adyen.Webhooks;

internal sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> builder)
    {
        builder.Property(m => m.EventKey).HasMaxLength(300).IsRequired();
        builder.HasIndex(m => m.EventKey).IsUnique();
        builder.Property(m => m.EventCode).HasMaxLength(64).IsRequired();
        builder.Property(m => m.PspReference).HasMaxLength(64);
        builder.Property(m => m.OriginalReference).HasMaxLength(64);
        builder.Property(m => m.MerchantReference).HasMaxLength(80);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(WebhookMessage.MaxErrorLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.MerchantReference);
        builder.HasIndex(m => m.ReceivedAt);
        // The merchandiser's inbox: filtered by status or event code, newest first.
        builder.HasIndex(m => new { m.Status, m.ReceivedAt });
        builder.HasIndex(m => new { m.EventCode, m.ReceivedAt });
        builder.Property(m => m.ReprocessedBy).HasMaxLength(256);
        builder.Property(m => m.TraceParent).HasMaxLength(64);
        builder.Ignore(m => m.CanReprocess);
    }
}
