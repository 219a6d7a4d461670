using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;
using Storefront.E2E.Pages;
using Storefront.Tests.Infrastructure;

namespace Storefront.E2E.Shopping;

public sealed partial class CountryTests(ChromiumFixture chromium, StorefrontFactory app)
    : StorefrontJourney(chromium, app), IClassFixture<StorefrontFactory>
{
    [Fact]
    public Task Choosing_South_Korea_shows_prices_in_KRW() => JourneyAsync(async page =>
    {
        var home = await HomePage.OpenAsync(page);
        await Expect(page).ToHaveTitleAsync("Home · Storefront");
        await Expect(home.Footer).ToContainTextAsync("Prices shown in USD");

        await home.ChooseCountryAsync("KR");

        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/").ToString());
        await Expect(home.CountryPicker).ToHaveValueAsync("KR");
        await Expect(home.Footer).ToContainTextAsync("Prices shown in KRW");
    });

    [Fact]
    public Task The_country_picker_works_without_JavaScript() => JourneyAsync(async page =>
    {
        var home = await HomePage.OpenAsync(page);

        await home.ChooseCountryWithButtonAsync("JP");

        await Expect(home.CountryPicker).ToHaveValueAsync("JP");
        await Expect(home.Footer).ToContainTextAsync("Prices shown in JPY");
    }, javaScriptEnabled: false);

    [Fact]
    public Task A_product_is_priced_in_won_after_choosing_South_Korea() => JourneyAsync(async page =>
    {
        var home = await HomePage.OpenAsync(page);
        await Expect(home.ProductCards.First).ToBeVisibleAsync();
        var (product, name) = await home.OpenFirstProductAsync();
        await Expect(product.Heading).ToHaveTextAsync(name);
        await Expect(product.Price).Not.ToContainTextAsync("₩");
        var productUrl = page.Url;

        await product.ChooseCountryAsync("KR");

        await Expect(page).ToHaveURLAsync(productUrl);
        await Expect(product.Heading).ToHaveTextAsync(name);
        await Expect(product.Price).ToHaveTextAsync(WholeWon());
    });

    // Won has no minor unit: "₩12,000", never "₩12,000.00".
    [GeneratedRegex(@"₩\s?\d{1,3}(,\d{3})*(?![.\d])")]
    private static partial Regex WholeWon();
}
