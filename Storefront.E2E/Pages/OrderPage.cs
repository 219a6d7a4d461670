using System.Text.RegularExpressions;

namespace Storefront.E2E.Pages;

/// <summary>/orders/{number}: the order's status and what was bought.</summary>
public sealed partial class OrderPage(IPage page) : StorePage(page)
{
    public static readonly Regex Url = OrderUrl();

    public ILocator Status => Page.GetByTestId("order-status");

    public ILocator Total => Page.GetByTestId("order-total");

    public ILocator Items => Page.GetByRole(AriaRole.Table, new() { Name = "Items" });

    /// <summary>The order number, from the page's address.</summary>
    public string Number => OrderNumber().Match(Page.Url).Value;

    [GeneratedRegex("SF-[0-9A-Z]{8}")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"/orders/SF-[0-9A-Z]{8}(\?|$)")]
    private static partial Regex OrderUrl();
}
