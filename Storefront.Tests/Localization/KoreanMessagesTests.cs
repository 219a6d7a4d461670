using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Cart;
using Storefront.Checkout;
using Storefront.Localization;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Localization;

/// <summary>The messages C# writes for shoppers (services, model binding, validation) read in Korean under ko-KR.</summary>
public sealed class KoreanMessagesTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task Stock_gone_before_paying_is_reported_in_korean_and_nothing_is_ordered()
    {
        using var browser = await KoreanShopperAsync();
        var slug = await app.StockedProductAsync(skip: 3);
        await browser.AddToCartAsync(slug, quantity: 3);
        var checkout = await browser.GetAsync("/checkout");
        var name = await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug).Select(p => p.Names.Ko).SingleAsync());
        await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 1).SetProperty(p => p.Version, p => p.Version + 1)));
        var ordersBefore = await app.WithDbAsync(db => db.Orders.CountAsync());

        // The page was loaded while the stock was there; the server checks again.
        var response = await browser.SubmitAsync(checkout, "#checkout-form",
            new Dictionary<string, string>(CheckoutSteps.KoreanAddress) { ["Form.PaymentMethod"] = "kakaopay" });

        Assert.Contains($"{name}은(는) 1개만 남았습니다. 장바구니를 확인해 주세요.", await response.Content.ReadAsStringAsync());
        Assert.Equal(ordersBefore, await app.WithDbAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task The_cart_says_in_korean_what_it_did()
    {
        using var browser = await KoreanShopperAsync();
        var slug = await app.StockedProductAsync(skip: 4);
        var product = await browser.GetAsync($"/products/{slug}");
        await app.WithDbAsync(db => db.Products.Where(p => p.Slug == slug)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, 1).SetProperty(p => p.Version, p => p.Version + 1)));

        await browser.SubmitAsync(product, "form.product-purchase", new Dictionary<string, string> { ["quantity"] = "3" });
        var cart = await browser.GetAsync("/cart");

        Assert.Equal("남은 재고만큼만 담았습니다.", cart.Document.QuerySelector("p.notice[role=status]")?.TextContent.Trim());
        Assert.Equal("장바구니", cart.Document.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_form_without_messages_of_its_own_is_answered_in_korean()
    {
        using var browser = await KoreanShopperAsync();
        var form = await browser.GetAsync("/orders/link");

        var response = await Browser.Page.LoadAsync(await browser.SubmitAsync(form, "#order-link-form",
            new Dictionary<string, string> { ["Form.OrderNumber"] = new('A', 41), ["Form.Email"] = "" }));

        var errors = response.Document.QuerySelectorAll(".field-validation-error").Select(e => e.Text().Trim()).ToList();
        // [StringLength] gives no message: DataAnnotations' default, in Korean; [Required] gives its own.
        Assert.Contains("주문번호은(는) 최대 40자까지 입력할 수 있습니다.", errors);
        Assert.Contains("주문할 때 입력한 이메일 주소를 입력해 주세요.", errors);
    }

    [Fact]
    public void Model_binding_speaks_the_language_of_the_request()
    {
        var mvc = new MvcOptions();
        ValidationMessages.Localize(mvc, TestLocalizers.Factory);
        var messages = mvc.ModelBindingMessageProvider;

        using (Cultures.Use(Cultures.Korean))
        {
            Assert.Equal("'abc'은(는) 올바르지 않은 값입니다.", messages.ValueIsInvalidAccessor("abc"));
            Assert.Equal("'abc'은(는) 수량에 올바른 값이 아닙니다.", messages.AttemptedValueIsInvalidAccessor("abc", "수량"));
            Assert.Equal("값을 입력해 주세요.", messages.MissingKeyOrValueAccessor());
        }
        using (Cultures.Use(Cultures.English))
            Assert.Equal("The value 'abc' is not valid for Quantity.", messages.AttemptedValueIsInvalidAccessor("abc", "Quantity"));
    }

    [Fact]
    public void Each_service_finds_its_own_korean_words()
    {
        using var korean = Cultures.Use(Cultures.Korean);

        Assert.Equal("결제가 거절되었습니다. 결제된 금액은 없으며, 다시 시도하실 수 있습니다.",
            TestLocalizers.For<PaymentStarter>()["The payment was refused. You have not been charged; you can try again."]);
        Assert.Equal("녹차은(는) 1개만 남았습니다. 장바구니를 확인해 주세요.",
            TestLocalizers.For<OrderPlacement>()["Only {0} of {1} left. {2}", 1, "녹차", "장바구니를 확인해 주세요."]);
        Assert.Equal("죄송합니다. 품절된 상품입니다.", TestLocalizers.For<CartModel>()["Sorry, that product is out of stock."]);
    }

    /// <summary>A shopper in Korea who pressed 한국어 in the header.</summary>
    private async Task<Browser> KoreanShopperAsync()
    {
        var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        var home = await browser.GetAsync("/");
        await browser.SubmitAsync(home, "form.language-switch", new Dictionary<string, string> { ["culture"] = "ko-KR" });
        return browser;
    }
}
