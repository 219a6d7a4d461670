using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Localization;

namespace Storefront.Catalog;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.Property(c => c.Slug).HasMaxLength(Category.SlugMaxLength).IsRequired();
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.ComplexProperty(c => c.Names, names => names.HasLanguageColumns("Name", Category.NameMaxLength));
        builder.Ignore(c => c.Name);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(Product.SlugMaxLength).IsRequired();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.ComplexProperty(p => p.Names, names => names.HasLanguageColumns("Name", Product.NameMaxLength));
        builder.ComplexProperty(p => p.Descriptions, descriptions => descriptions.HasLanguageColumns("Description", Product.DescriptionMaxLength));
        builder.Ignore(p => p.Name);
        builder.Ignore(p => p.Description);
        builder.Ignore(p => p.ImagePath);
        builder.Ignore(p => p.ThumbnailPath);
        builder.Ignore(p => p.PagePicturePath);
        builder.Property(p => p.CoverHash).HasMaxLength(ProductPicture.HashLength);
        builder.HasMany(p => p.Pictures).WithOne().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Pictures).HasField("_pictures");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Prices).WithOne().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Prices).HasField("_prices");
        builder.HasIndex(p => new { p.IsPublished, p.IsFeatured });
        builder.Property(p => p.Sku).HasMaxLength(Product.SkuMaxLength);
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.HasIndex(p => p.Stock);
        builder.HasMany(p => p.History).WithOne().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.History).HasField("_history");
    }
}

internal sealed class ProductEventConfiguration : IEntityTypeConfiguration<ProductEvent>
{
    public void Configure(EntityTypeBuilder<ProductEvent> builder)
    {
        builder.Property(e => e.Actor).HasMaxLength(ProductEvent.ActorMaxLength).IsRequired();
        builder.Property(e => e.OrderNumber).HasMaxLength(40);
        builder.Property(e => e.Note).HasMaxLength(ProductEvent.NoteMaxLength);
        builder.HasIndex(e => new { e.ProductId, e.At });
    }
}

internal sealed class ProductSlugRedirectConfiguration : IEntityTypeConfiguration<ProductSlugRedirect>
{
    public void Configure(EntityTypeBuilder<ProductSlugRedirect> builder)
    {
        builder.Property(r => r.Slug).HasMaxLength(Product.SlugMaxLength).IsRequired();
        builder.HasIndex(r => r.Slug).IsUnique();
        builder.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductPriceConfiguration : IEntityTypeConfiguration<ProductPrice>
{
    public void Configure(EntityTypeBuilder<ProductPrice> builder)
    {
        builder.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        builder.HasIndex(p => new { p.ProductId, p.Currency }).IsUnique();
    }
}

internal sealed class CategoryEventConfiguration : IEntityTypeConfiguration<CategoryEvent>
{
    public void Configure(EntityTypeBuilder<CategoryEvent> builder)
    {
        builder.Property(e => e.Slug).HasMaxLength(Category.SlugMaxLength).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(ProductEvent.ActorMaxLength).IsRequired();
        builder.Property(e => e.Note).HasMaxLength(CategoryEvent.NoteMaxLength);
        builder.HasIndex(e => new { e.CategoryId, e.Version });
        builder.HasIndex(e => e.At);
    }
}

internal sealed class ProductPictureConfiguration : IEntityTypeConfiguration<ProductPicture>
{
    public void Configure(EntityTypeBuilder<ProductPicture> builder)
    {
        builder.ComplexProperty(p => p.Alt, alt => alt.HasLanguageColumns("Alt", ProductPicture.AltMaxLength));
        builder.Property(p => p.Hash).HasMaxLength(ProductPicture.HashLength).IsRequired();
        builder.HasIndex(p => p.Hash);
        builder.HasIndex(p => new { p.ProductId, p.Position });
        builder.HasMany(p => p.Files).WithOne().HasForeignKey(f => f.PictureId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Files).HasField("_files");
    }
}

internal sealed class ProductPictureFileConfiguration : IEntityTypeConfiguration<ProductPictureFile>
{
    public void Configure(EntityTypeBuilder<ProductPictureFile> builder)
    {
        builder.HasKey(f => new { f.PictureId, f.Size });
        builder.Property(f => f.Bytes).IsRequired();
    }
}
