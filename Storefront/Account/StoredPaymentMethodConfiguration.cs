using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Storefront.Account;

internal sealed class StoredPaymentMethodConfiguration : IEntityTypeConfiguration<StoredPaymentMethod>
{
    public void Configure(EntityTypeBuilder<StoredPaymentMethod> builder)
    {
        builder.Property(m => m.ShopperId).HasMaxLength(450).IsRequired();
        builder.HasOne<Shopper>().WithMany().HasForeignKey(m => m.ShopperId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.ShopperReference).HasMaxLength(64).IsRequired();
        builder.HasIndex(m => m.ShopperReference);
        builder.Property(m => m.StoredPaymentMethodId).HasMaxLength(64).IsRequired();
        builder.HasIndex(m => m.StoredPaymentMethodId).IsUnique();
        builder.Property(m => m.PaymentMethodType).HasMaxLength(64).IsRequired();
        builder.Property(m => m.DisplayName).HasMaxLength(100).IsRequired();
        builder.Property(m => m.FirstPspReference).HasMaxLength(64);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.IsUsable);
    }
}
