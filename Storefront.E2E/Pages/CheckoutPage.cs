using System.Text.Json;
using Storefront.E2E.Infrastructure;

namespace Storefront.E2E.Pages;

/// <summary>/checkout: contact, delivery address, the payment methods Adyen offers and the pay button.</summary>
public sealed class CheckoutPage(IPage page) : StorePage(page)
{
    public ILocator Email => Field("Email");

    public ILocator FullName => Field("Full name");

    public ILocator Phone => Field("Phone");

    public ILocator Address => Field("Address");

    public ILocator City => Field("City");

    public ILocator PostalCode => Field("Postal code");

    public ILocator PaymentMethods => Page.GetByRole(AriaRole.Region, new() { Name = "Payment method" });

    public ILocator KakaoPayOption => PaymentMethods.GetByRole(AriaRole.Radio, new() { Name = "KakaoPay" });

    /// <summary>Decoration beside the name KakaoPay (alt=""), so found by its file rather than by a role.</summary>
    public ILocator KakaoPayLogo => PaymentMethods.Locator("img[src='/images/payment-methods/kakaopay.svg']");

    /// <summary>The form's one button; found by its place, because its name changes to "Processing…" once pressed.</summary>
    public ILocator PayButton => Page.Locator("#checkout-form").GetByRole(AriaRole.Button);

    public ILocator Total => Page.GetByTestId("checkout-total");

    /// <summary>Offered to signed-in shoppers in Korea only.</summary>
    public ILocator SaveKakaoPay => Page.GetByRole(AriaRole.Checkbox, new() { Name = "Save KakaoPay for faster checkout" });

    public static async Task<CheckoutPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/checkout");
        return new CheckoutPage(page);
    }

    /// <summary>Why the shopper is back from KakaoPay (refused, cancelled …).</summary>
    public ILocator PaymentNotice => Page.Locator(".notice.error[role=alert]");

    public async Task FillAsync(Shopper shopper)
    {
        await Email.FillAsync(shopper.Email);
        await FullName.FillAsync(shopper.Name);
        await Phone.FillAsync(shopper.Phone);
        await Address.FillAsync(shopper.Address);
        // Korea's form has no city (the address begins with it).
        if (shopper.City is not null)
            await City.FillAsync(shopper.City);
        await PostalCode.FillAsync(shopper.PostalCode);
        // Korea's checkout requires its two agreements (구매조건 확인 및 결제진행, 개인정보 수집·이용).
        if (await Agreements.CountAsync() > 0)
        {
            await AgreeToTerms.CheckAsync();
            await AgreeToPrivacy.CheckAsync();
        }
    }

    public ILocator Agreements => Page.GetByTestId("agreements");

    public ILocator AgreeToTerms => Page.Locator("#agree-terms");

    public ILocator AgreeToPrivacy => Page.Locator("#agree-privacy");

    /// <summary>Presses Pay and follows the store's redirect to KakaoPay.</summary>
    public async Task<KakaoPayPage> PayAsync()
    {
        await PayButton.ClickAsync();
        await Page.ArrivesAtAsync(KakaoPayPage.Url);
        return new KakaoPayPage(Page);
    }

    /// <summary>
    /// Has the page itself report the pay button's first change. While the checkout POST is in flight, Chromium
    /// holds every DevTools command to the page until the next page arrives, so no locator or assertion can
    /// look at it then; the page can still call out to the test.
    /// </summary>
    public async Task<Task<PayButtonState>> WatchPayButtonAsync()
    {
        var firstChange = new TaskCompletionSource<PayButtonState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var binding = $"reportPayButton{Guid.NewGuid():N}";
        await Page.ExposeFunctionAsync(binding, (string state) => firstChange.TrySetResult(JsonSerializer.Deserialize<PayButtonState>(state)!));
        await PayButton.EvaluateAsync(
            """
            (button, binding) => new MutationObserver((_, observer) => {
                observer.disconnect();
                window[binding](JSON.stringify({ Disabled: button.disabled, AriaBusy: button.getAttribute('aria-busy'), Text: button.textContent.trim() }));
            }).observe(button, { attributes: true, childList: true, characterData: true, subtree: true })
            """, binding);
        return firstChange.Task;
    }

    private ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });

    public sealed record PayButtonState(bool Disabled, string? AriaBusy, string Text);

    public sealed record Shopper(string Email, string Name, string Phone, string Address, string? City, string PostalCode)
    {
        public static Shopper InSeoul { get; } = new("minji@example.kr", "Kim Minji", "+82 10 1234 5678", "12 Sejong-daero, Jung-gu", null, "04524");
    }
}
