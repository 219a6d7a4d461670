namespace Storefront.E2E.Pages;

/// <summary>One order in the merchandiser area, with its refund form and its refunds.</summary>
public sealed class AdminOrderPage(IPage page) : StorePage(page)
{
    private ILocator RefundForm => Page.Locator("#refund-form");

    public ILocator RefundAmount => RefundForm.GetByLabel("Amount (KRW)");

    public ILocator RefundReason => RefundForm.GetByLabel("Reason", new() { Exact = true });

    public ILocator ConfirmRefund => RefundForm.GetByLabel("I confirm: give this amount back to the shopper");

    public ILocator RefundButton => RefundForm.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true });

    public ILocator Notice => Page.GetByTestId("notice");

    public ILocator Total => Page.GetByTestId("order-total");

    public ILocator Refundable => Page.GetByTestId("refundable");

    /// <summary>"requested", then "refunded" (or "failed") once Adyen's webhook has been applied.</summary>
    public ILocator ModificationStatus(string reference) =>
        Page.Locator($"[data-testid=modifications] tr[data-reference='{reference}'] [data-testid=modification-status]");

    public async Task RefundAsync(string amount, string reason)
    {
        await RefundAmount.FillAsync(amount);
        await RefundReason.FillAsync(reason);
        await ConfirmRefund.CheckAsync();
        await LoadsNextDocumentAsync(() => RefundButton.ClickAsync());
    }
}
