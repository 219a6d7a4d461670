using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Catalog;

namespace Storefront.Cart;

internal sealed class ShoppingCartConfiguration : IEntityTypeConfiguration<ShoppingCart>
{
    public void Configure(EntityTypeBuilder<ShoppingCart> builder)
    {
        builder.ToTable("Carts");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ShopperId).HasMaxLength(450);
        builder.HasIndex(c => c.ShopperId).IsUnique();
        builder.HasIndex(c => c.UpdatedAt);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsEmpty);
        builder.HasOne(c => c.PendingOrder).WithMany().HasForeignKey(c => c.PendingOrderId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> builder)
    {
        builder.ToTable("CartLines");
        builder.HasIndex(l => new { l.CartId, l.ProductId }).IsUnique();
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
