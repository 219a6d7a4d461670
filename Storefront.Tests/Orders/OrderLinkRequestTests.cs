using System.Net;
using Microsoft.Extensions.Time.Testing;
using Storefront.Notifications;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Notifications;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Orders;

/// <summary>The sandbox app with order links that last a day, on a clock the test moves.</summary>
public sealed class ShortOrderLinksFactory : SandboxFactory
{
    public ShortOrderLinksFactory()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Settings["Orders:LinkLifetime"] = "1.00:00:00";
    }

    public FakeTimeProvider Time => Clock!;
}

/// <summary>A guest's order link expires after <c>Orders:LinkLifetime</c>; a fresh one is e-mailed on request, to the order's address only.</summary>
public sealed class OrderLinkRequestTests(ShortOrderLinksFactory app) : IClassFixture<ShortOrderLinksFactory>
{
    private static readonly string OrderEmail = CheckoutSteps.KoreanAddress["Form.Email"];

    [Fact]
    public async Task An_expired_link_leads_to_asking_for_a_fresh_one_which_opens_the_order()
    {
        var (number, link) = await PaidOrderAsync();
        using var guest = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync(link)).Status);

        app.Time.Advance(TimeSpan.FromDays(1));
        var expired = await guest.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.SeeOther, expired.StatusCode);
        var form = await guest.GetAsync(expired.Headers.Location!.OriginalString);
        Assert.NotNull(form.Document.QuerySelector("[data-testid=order-link-expired]"));
        Assert.Equal(number, form.Document.QuerySelector("input[name='Form.OrderNumber']")?.GetAttribute("value"));
        var asked = await guest.SubmitAsync(form, "#order-link-form", new Dictionary<string, string> { ["Form.Email"] = OrderEmail.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.SeeOther, asked.StatusCode);
        Assert.NotNull((await guest.GetAsync(asked.Headers.Location!.OriginalString)).Document.QuerySelector("[data-testid=order-link-sent]"));

        var sent = Assert.Single(await app.EmailsOfOrderAsync(number), e => e.Kind == EmailKind.OrderLink);
        Assert.Equal(OrderEmail, sent.Recipient);
        var fresh = Mailbox.LinkIn(sent.TextBody, app.BaseAddress);
        var order = await guest.GetAsync(fresh.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, order.Status);
        Assert.Equal("Paid", order.Document.QuerySelector("[data-testid=order-status]")?.GetAttribute("data-status"));
    }

    [Fact]
    public async Task A_wrong_address_or_number_gets_the_same_answer_and_sends_nothing()
    {
        var (number, _) = await PaidOrderAsync();
        using var stranger = app.CreateBrowser();

        var answers = new List<string?>();
        foreach (var (orderNumber, email) in new[] { (number, "someone-else@example.kr"), ("SF-00000000", OrderEmail), ("not a number", OrderEmail) })
        {
            var page = await stranger.GetAsync("/orders/link");
            var response = await stranger.SubmitAsync(page, "#order-link-form",
                new Dictionary<string, string> { ["Form.OrderNumber"] = orderNumber, ["Form.Email"] = email });
            answers.Add($"{(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.Single(answers.Distinct());
        Assert.Equal("303 /orders/link?sent=true", answers[0]);
        Assert.DoesNotContain(await app.EmailsOfOrderAsync(number), e => e.Kind == EmailKind.OrderLink);
    }

    [Fact]
    public async Task A_link_signed_for_one_order_and_used_for_another_is_not_found_not_expired()
    {
        var (_, link) = await PaidOrderAsync();
        var (other, _) = await PaidOrderAsync();
        using var stranger = app.CreateBrowser();

        var borrowed = await stranger.Client.GetAsync($"/orders/{other}?{link.Split('?')[1]}");

        Assert.Equal(HttpStatusCode.NotFound, borrowed.StatusCode);
    }

    private async Task<(string Number, string Link)> PaidOrderAsync()
    {
        using var shopper = app.CreateBrowser();
        await shopper.ChooseCountryAsync("KR");
        await shopper.AddToCartAsync(await app.StockedProductAsync());
        var back = await shopper.PayWithKakaoPayAsync();
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        return (AdminSteps.NumberFrom(back.Headers.Location!), back.Headers.Location!.OriginalString);
    }
}
