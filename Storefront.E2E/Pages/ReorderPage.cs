using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

/// <summary>/account/orders/{number}/reorder: today's prices and stock, and how to pay.</summary>
public sealed partial class ReorderPage(IPage page) : StorePage(page)
{
    public ILocator Total => Page.GetByTestId("reorder-total");

    public ILocator PayWithSavedKakaoPay => Page.GetByRole(AriaRole.Button, new() { NameRegex = WithSavedKakaoPay() });

    /// <summary>Pays in one step with the saved KakaoPay: no redirect, straight to the new order.</summary>
    public async Task<OrderPage> PayWithSavedKakaoPayAsync()
    {
        // In Korea the form asks for the two agreements first; elsewhere it has none.
        var agreements = Page.Locator("form[data-testid=pay-with-saved] [data-testid=agreements] input[type=checkbox]");
        for (var i = 0; i < await agreements.CountAsync(); i++)
            await agreements.Nth(i).CheckAsync();
        await PayWithSavedKakaoPay.ClickAsync();
        await Page.ArrivesAtAsync(OrderPage.Url);
        return new OrderPage(Page);
    }

    [GeneratedRegex("^Pay .+ with saved KakaoPay$")]
    private static partial Regex WithSavedKakaoPay();
}
