using Storefront.Catalog;
using Storefront.Shared;

namespace Storefront.Tests.Catalog;

public sealed class ProductTests
{
    private static Product NewProduct(int stock) =>
        new("green-tea", "Green Tea", "Pan-fired leaves.", new Category("tea", "Tea", 1), stock);

    [Fact]
    public void Reserving_takes_units_out_of_stock_down_to_zero()
    {
        var product = NewProduct(stock: 5);
        product.ReserveStock(3);
        Assert.Equal(2, product.Stock);
        product.ReserveStock(2);
        Assert.Equal(0, product.Stock);
    }

    [Fact]
    public void Reserving_more_than_is_in_stock_is_refused_and_leaves_stock_alone()
    {
        var product = NewProduct(stock: 2);
        var refused = Assert.Throws<InsufficientStockException>(() => product.ReserveStock(3));
        Assert.Equal((3, 2), (refused.Requested, refused.Available));
        Assert.Equal(2, product.Stock);
    }

    [Fact]
    public void Nothing_can_be_reserved_from_an_empty_shelf()
    {
        var product = NewProduct(stock: 0);
        Assert.Throws<InsufficientStockException>(() => product.ReserveStock(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Reserving_a_non_positive_quantity_is_refused(int quantity)
    {
        var product = NewProduct(stock: 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => product.ReserveStock(quantity));
        Assert.Equal(10, product.Stock);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Releasing_a_non_positive_quantity_is_refused(int quantity)
    {
        var product = NewProduct(stock: 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => product.ReleaseStock(quantity));
        Assert.Equal(10, product.Stock);
    }

    [Fact]
    public void Releasing_puts_units_back()
    {
        var product = NewProduct(stock: 4);
        product.ReserveStock(4);
        product.ReleaseStock(3);
        Assert.Equal(3, product.Stock);
    }

    [Fact]
    public void Price_is_read_per_currency_and_missing_currencies_have_none()
    {
        var product = NewProduct(stock: 1);
        product.SetPrice(new Money(18_000, "KRW"));
        product.SetPrice(new Money(1_400, "USD"));
        product.SetPrice(new Money(1_450, "USD"));

        Assert.Equal("₩18,000", product.PriceIn("KRW")?.ToString());
        Assert.Equal("$14.50", product.PriceIn("USD")?.ToString());
        Assert.Null(product.PriceIn("JPY"));
        Assert.Equal(2, product.Prices.Count);
    }

    [Fact]
    public void A_price_must_be_more_than_zero() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NewProduct(stock: 1).SetPrice(Money.Zero("USD")));

    [Fact]
    public void The_image_path_follows_the_slug() =>
        Assert.Equal("/images/products/green-tea.svg", NewProduct(stock: 1).ImagePath);

    [Theory]
    [InlineData("Green-Tea")]
    [InlineData("green tea")]
    [InlineData("green--tea")]
    [InlineData("-green")]
    [InlineData("../etc")]
    [InlineData("")]
    public void Slugs_that_do_not_belong_in_a_url_are_refused(string slug) =>
        Assert.Throws<ArgumentException>(() => new Product(slug, "Green Tea", "Leaves.", new Category("tea", "Tea", 1), 1));

    [Fact]
    public void Stock_is_described_to_the_shopper()
    {
        Assert.Equal("In stock", StockStatus.Of(StockStatus.LowStockThreshold + 1).Label);
        Assert.Equal($"Only {StockStatus.LowStockThreshold} left", StockStatus.Of(StockStatus.LowStockThreshold).Label);
        Assert.Equal("Only 1 left", StockStatus.Of(1).Label);
        Assert.Equal("Out of stock", StockStatus.Of(0).Label);
    }
}
