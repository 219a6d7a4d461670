using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Checkout;

/// <summary>What Adyen's return page does with requests that are not the real shopper's return: nothing, at once.</summary>
public sealed class ReturnPageTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task Broken_or_oversized_return_forms_are_400_and_the_real_return_still_pays()
    {
        using var browser = app.CreateBrowser();
        var returnUrl = await ApprovedAtKakaoPayAsync(browser, skip: 3);
        var returnPath = returnUrl.PathAndQuery[..returnUrl.PathAndQuery.IndexOf("&redirectResult", StringComparison.Ordinal)];

        var tooManyFields = new FormUrlEncodedContent(Enumerable.Range(0, 1025).Select(i => new KeyValuePair<string, string>($"f{i}", "x")));
        var hugeValue = new StringContent("redirectResult=" + new string('A', 5 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");
        var brokenMultipart = new StringContent("--nope\r\nContent-Disposition: form-data; na", Encoding.ASCII);
        brokenMultipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=nope");
        foreach (var body in new HttpContent[] { tooManyFields, hugeValue, brokenMultipart })
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.PostAsync(returnPath, body)).StatusCode);

        var real = await browser.Client.GetAsync(returnUrl);
        Assert.Equal(HttpStatusCode.SeeOther, real.StatusCode);
        var number = AdminSteps.NumberFrom(real.Headers.Location!);
        Assert.Equal(OrderStatus.Paid, await app.WithDbAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_forged_redirect_result_shows_the_attempt_as_it_is_at_once_and_the_real_return_still_pays()
    {
        using var browser = app.CreateBrowser();
        var returnUrl = (await ApprovedAtKakaoPayAsync(browser, skip: 4)).AbsoluteUri;
        var forgedUrl = returnUrl[..returnUrl.IndexOf("&redirectResult=", StringComparison.Ordinal)] + "&redirectResult=forged-by-someone";

        using var attacker = app.CreateBrowser();
        var forged = await attacker.Client.GetAsync(forgedUrl);
        Assert.Equal(HttpStatusCode.SeeOther, forged.StatusCode);
        var orderPage = await attacker.GetAsync(forged.Headers.Location!.OriginalString);
        Assert.Equal("AwaitingPayment", orderPage.Document.QuerySelector("[data-testid=order-status]")?.GetAttribute("data-status"));
        Assert.Contains("waiting for your payment", orderPage.Document.QuerySelector("[data-testid=order-status]")?.TextContent);

        var real = await browser.Client.GetAsync(returnUrl);
        Assert.Equal(HttpStatusCode.SeeOther, real.StatusCode);
        var paid = await browser.GetAsync(real.Headers.Location!.OriginalString);
        Assert.Equal("Paid", paid.Document.QuerySelector("[data-testid=order-status]")?.GetAttribute("data-status"));
    }

    /// <summary>Checks out a product and approves at the sandbox's KakaoPay; the return URL the shopper is sent back to, not yet opened.</summary>
    private async Task<Uri> ApprovedAtKakaoPayAsync(Browser browser, int skip)
    {
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: skip));
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        var approval = await browser.GetAsync(toKakaoPay.Headers.Location!.ToString());
        var back = await browser.SubmitAsync(approval, "#approve-form");
        return back.Headers.Location!;
    }
}
