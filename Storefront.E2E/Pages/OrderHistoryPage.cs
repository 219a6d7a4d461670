using System.Text.RegularExpressions;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

/// <summary>/account/orders: the signed-in shopper's orders, each with Reorder.</summary>
public sealed partial class OrderHistoryPage(IPage page) : StorePage(page)
{
    public ILocator MyOrdersLink => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
        .GetByRole(AriaRole.Link, new() { Name = "My orders", Exact = true });

    public ILocator Rows => Page.Locator("tr[data-order]");

    public ILocator ReorderLink(string orderNumber) => Page.GetByRole(AriaRole.Link, new() { Name = $"Reorder {orderNumber}", Exact = true });

    public static async Task<OrderHistoryPage> OpenFromHeaderAsync(IPage page)
    {
        var history = new OrderHistoryPage(page);
        await history.MyOrdersLink.ClickAsync();
        await page.ArrivesAtAsync(HistoryUrl());
        return history;
    }

    public async Task<ReorderPage> ReorderAsync(string orderNumber)
    {
        await ReorderLink(orderNumber).ClickAsync();
        await Page.ArrivesAtAsync(new Regex($"/account/orders/{Regex.Escape(orderNumber)}/reorder$"));
        return new ReorderPage(Page);
    }

    [GeneratedRegex("/account/orders$")]
    private static partial Regex HistoryUrl();
}
