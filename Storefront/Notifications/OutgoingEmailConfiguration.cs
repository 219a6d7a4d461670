using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Storefront.Notifications;

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> builder)
    {
        builder.Property(e => e.DeduplicationKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(e => e.DeduplicationKey).IsUnique();
        builder.Property(e => e.Recipient).HasMaxLength(320).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(300).IsRequired();
        builder.Property(e => e.TextBody).IsRequired();
        builder.Property(e => e.HtmlBody).IsRequired();
        builder.Property(e => e.LeaseOwner).HasMaxLength(100);
        builder.Property(e => e.LastError).HasMaxLength(OutgoingEmail.MaxErrorLength);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => e.OrderId);
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
    }
}
