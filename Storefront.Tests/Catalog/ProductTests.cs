using System.Globalization;
using Storefront.Catalog;
using Storefront.Localization;
using Storefront.Shared;
using Storefront.Tests.Localization;

namespace Storefront.Tests.Catalog;

public sealed class ProductTests
{
    private static Product NewProduct(int stock) =>
        new("green-tea", new LocalizedText("녹차", "Green Tea"), new LocalizedText("덖은 잎.", "Pan-fired leaves."), Tea, stock);

    private static readonly Category Tea = new("tea", new LocalizedText("차", "Tea"), 1);

    private const string OrderNumber = "SF-TEST0001";

    private static readonly DateTime Now = new(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Reserving_takes_units_out_of_stock_down_to_zero()
    {
        var product = NewProduct(stock: 5);
        product.ReserveStock(3, OrderNumber, Now);
        Assert.Equal(2, product.Stock);
        product.ReserveStock(2, OrderNumber, Now);
        Assert.Equal(0, product.Stock);
    }

    [Fact]
    public void Reserving_more_than_is_in_stock_is_refused_and_leaves_stock_alone()
    {
        var product = NewProduct(stock: 2);
        var refused = Assert.Throws<InsufficientStockException>(() => product.ReserveStock(3, OrderNumber, Now));
        Assert.Equal((3, 2), (refused.Requested, refused.Available));
        Assert.Equal(2, product.Stock);
    }

    [Fact]
    public void Nothing_can_be_reserved_from_an_empty_shelf()
    {
        var product = NewProduct(stock: 0);
        Assert.Throws<InsufficientStockException>(() => product.ReserveStock(1, OrderNumber, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Reserving_a_non_positive_quantity_is_refused(int quantity)
    {
        var product = NewProduct(stock: 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => product.ReserveStock(quantity, OrderNumber, Now));
        Assert.Equal(10, product.Stock);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Releasing_a_non_positive_quantity_is_refused(int quantity)
    {
        var product = NewProduct(stock: 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => product.ReleaseStock(quantity, OrderNumber, "Expired", Now));
        Assert.Equal(10, product.Stock);
    }

    [Fact]
    public void Releasing_puts_units_back()
    {
        var product = NewProduct(stock: 4);
        product.ReserveStock(4, OrderNumber, Now);
        product.ReleaseStock(3, OrderNumber, "Expired", Now);
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
        Assert.Throws<ArgumentException>(() => new Product(slug, new LocalizedText(null, "Green Tea"), new LocalizedText(null, "Leaves."), Tea, 1));

    [Fact]
    public void Stock_is_described_to_the_shopper_in_their_language()
    {
        var localizer = TestLocalizers.Shared;
        using (Cultures.Use(Cultures.English))
        {
            Assert.Equal("In stock", StockStatus.Of(StockStatus.LowStockThreshold + 1, localizer).Label);
            Assert.Equal($"Only {StockStatus.LowStockThreshold} left", StockStatus.Of(StockStatus.LowStockThreshold, localizer).Label);
            Assert.Equal("Only 1 left", StockStatus.Of(1, localizer).Label);
            Assert.Equal("Out of stock", StockStatus.Of(0, localizer).Label);
        }
        using (Cultures.Use(Cultures.Korean))
        {
            Assert.Equal("재고 있음", StockStatus.Of(StockStatus.LowStockThreshold + 1, localizer).Label);
            Assert.Equal("1개 남음", StockStatus.Of(1, localizer).Label);
            Assert.Equal("품절", StockStatus.Of(0, localizer).Label);
        }
    }

    [Fact]
    public void A_name_is_shown_in_the_readers_language_and_else_in_the_other()
    {
        var both = new LocalizedText("녹차", "Green Tea");
        var englishOnly = new LocalizedText(null, "Green Tea");
        var koreanOnly = new LocalizedText(" 녹차 ", "   ");

        Assert.Equal(("녹차", "Green Tea"), (both.In(Cultures.Korean), both.In(Cultures.English)));
        Assert.Equal(("Green Tea", "Green Tea"), (englishOnly.In(Cultures.Korean), englishOnly.In(Cultures.English)));
        Assert.Equal(("녹차", "녹차", (string?)null), (koreanOnly.In(Cultures.Korean), koreanOnly.In(CultureInfo.GetCultureInfo("fr-FR")), (string?)koreanOnly.En));
        using (Cultures.Use(Cultures.Korean))
            Assert.Equal("녹차", NewProduct(stock: 1).Name);
        using (Cultures.Use(Cultures.English))
            Assert.Equal("Pan-fired leaves.", NewProduct(stock: 1).Description);
    }

    [Fact]
    public void A_text_needs_one_language_at_least_and_fits_its_column_in_each()
    {
        Assert.Throws<ArgumentException>(() => new LocalizedText(null, " "));
        Assert.Throws<ArgumentException>(() => new Category("tea", new LocalizedText(new string('차', Category.NameMaxLength + 1), "Tea"), 1));
        Assert.Throws<ArgumentException>(() =>
            new Product("tea", new LocalizedText("녹차", new string('a', Product.NameMaxLength + 1)), new LocalizedText(null, "Leaves."), Tea, 1));
    }
}
