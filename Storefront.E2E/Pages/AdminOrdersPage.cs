namespace Storefront.E2E.Pages;

/// <summary>The merchandiser's order list: search, filters, the result table and the CSV export.</summary>
public sealed class AdminOrdersPage(IPage page) : StorePage(page)
{
    public ILocator Search => Page.GetByLabel("Search", new() { Exact = true });

    public ILocator Status => Page.GetByLabel("Status", new() { Exact = true });

    public ILocator PaymentMethod => Page.GetByLabel("Payment method", new() { Exact = true });

    public ILocator FilterButton => Page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true });

    public ILocator Count => Page.GetByTestId("order-count");

    public ILocator Rows => Page.GetByTestId("orders").Locator("tbody tr");

    public ILocator ExportLink => Page.GetByRole(AriaRole.Link, new() { Name = "Export these orders as CSV" });

    public static async Task<AdminOrdersPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/admin/orders");
        return new AdminOrdersPage(page);
    }

    public async Task FilterAsync(string? search = null, string? status = null, string? paymentMethod = null)
    {
        if (search is not null)
            await Search.FillAsync(search);
        if (status is not null)
            await Status.SelectOptionAsync(status);
        if (paymentMethod is not null)
            await PaymentMethod.SelectOptionAsync(paymentMethod);
        await LoadsNextDocumentAsync(() => FilterButton.ClickAsync());
    }

    public async Task<AdminOrderPage> OpenOrderAsync(string number)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        return new AdminOrderPage(Page);
    }
}
