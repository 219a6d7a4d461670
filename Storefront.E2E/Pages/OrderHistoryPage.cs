namespace Storefront.E2E.Pages;

/// <summary>/account/orders: the signed-in shopper's orders, each with Reorder.</summary>
public sealed class OrderHistoryPage(IPage page) : StorePage(page)
{
    public ILocator MyOrdersLink => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
        .GetByRole(AriaRole.Link, new() { Name = "My orders", Exact = true });

    public ILocator Rows => Page.Locator("tr[data-order]");

    public ILocator ReorderLink(string orderNumber) => Page.GetByRole(AriaRole.Link, new() { Name = $"Reorder {orderNumber}", Exact = true });

    public static async Task<OrderHistoryPage> OpenFromHeaderAsync(IPage page)
    {
        var history = new OrderHistoryPage(page);
        await history.MyOrdersLink.ClickAsync();
        await page.WaitForURLAsync("**/account/orders");
        return history;
    }

    public async Task<ReorderPage> ReorderAsync(string orderNumber)
    {
        await ReorderLink(orderNumber).ClickAsync();
        await Page.WaitForURLAsync($"**/account/orders/{orderNumber}/reorder");
        return new ReorderPage(Page);
    }
}
