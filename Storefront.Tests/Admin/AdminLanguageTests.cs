using System.Net;
using Storefront.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>The merchandiser area speaks the merchandiser's language: the words, the status words, the messages and the times.</summary>
public sealed class AdminLanguageTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Theory]
    [InlineData("ko-KR", "관리자 대시보드", "웹훅 수신함", "주문 {0}", "결제 완료", "주문 접수", "먼저 확인란을 선택하세요", "년")]
    [InlineData("en", "Merchandiser dashboard", "Webhook inbox", "Order {0}", "Paid", "Order placed", "Tick the confirmation box first", "2026")]
    public async Task Admin_pages_speak_the_merchandisers_language(string language, string dashboard, string inbox, string orderHeading,
        string paid, string placed, string unconfirmed, string inTime)
    {
        var number = (await app.SeedAsync(new SeededOrder { CreatedAt = new DateTime(2026, 3, 10, 15, 30, 0, DateTimeKind.Utc) }))[0];
        using var merchandiser = app.CreateBrowser(acceptLanguage: language);
        Assert.Equal(HttpStatusCode.Redirect, (await merchandiser.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword)).StatusCode);

        var home = await merchandiser.GetAsync("/admin");
        Assert.Equal(language, home.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(dashboard, home.Document.QuerySelector("h1")?.TextContent);
        Assert.Equal(inbox, (await merchandiser.GetAsync("/admin/webhooks")).Document.QuerySelector("h1")?.TextContent);

        var list = await merchandiser.GetAsync($"/admin/orders?q={number}");
        var row = list.Document.QuerySelector($"tr[data-order='{number}']")!;
        Assert.Equal(paid, row.QuerySelector("[data-testid=status]")?.TextContent);
        Assert.Contains(inTime, row.QuerySelector("time")?.TextContent);

        var order = await merchandiser.GetAsync($"/admin/orders/{number}");
        Assert.Equal(string.Format(orderHeading, number), order.Document.QuerySelector("h1")?.TextContent);
        Assert.Equal(paid, order.Document.QuerySelector("[data-testid=order-status] .badge")?.TextContent);
        Assert.Contains(order.Document.QuerySelectorAll($"[data-testid=timeline] li[data-kind={OrderEventKinds.OrderPlaced}] strong"),
            kind => kind.TextContent == placed);
        // 15:30 UTC is half past midnight on the 11th in Seoul, the merchandiser's zone unless configured.
        Assert.StartsWith("2026-03-11T00:30:00+09:00", order.Document.QuerySelector("[data-testid=timeline] time")?.GetAttribute("datetime"));

        var refused = await merchandiser.ActAsync(number, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = "1000", ["Refund.Reason"] = "Goodwill" }, confirm: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(unconfirmed, (await Browser.Page.LoadAsync(refused)).Document.QuerySelector("#refund-form [role=alert]")?.TextContent);
    }

    [Fact]
    public async Task A_refused_action_says_why_in_korean()
    {
        var number = (await app.SeedAsync(new SeededOrder { Status = OrderStatus.Fulfilled }))[0];
        using var merchandiser = app.CreateBrowser(acceptLanguage: "ko-KR");
        await merchandiser.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword);

        var list = await merchandiser.GetAsync("/admin/orders?status=Nonsense&from=2026-03-02&to=2026-03-01");

        var ignored = list.Document.QuerySelector("[data-testid=ignored-filters]")!.TextContent;
        Assert.Contains("필터 일부가 올바르지 않아", ignored);
        Assert.Contains("상태 \"Nonsense\"은(는) 없습니다.", ignored);
        Assert.Contains("날짜를 서로 바꿨습니다", ignored);
        var note = await merchandiser.ActAsync(number, "#note-form", new Dictionary<string, string> { ["Note.Text"] = "포장 확인" });
        Assert.Equal(HttpStatusCode.SeeOther, note.StatusCode);
        Assert.Contains("메모를 추가했습니다.", (await merchandiser.GetAsync($"/admin/orders/{number}")).Document.QuerySelector("[data-testid=notice]")?.TextContent);
    }

    [Theory]
    [InlineData("ko-KR", "주문 {0}에서 더 환불할 수 있는 금액은 최대 ")]
    [InlineData("en", "At most ")]
    public async Task What_the_order_refuses_is_said_in_the_merchandisers_language(string language, string refusal)
    {
        var number = (await app.SeedAsync(new SeededOrder()))[0];
        using var merchandiser = app.CreateBrowser(acceptLanguage: language);
        await merchandiser.LogInAsync(StorefrontFactory.MerchandiserEmail, StorefrontFactory.MerchandiserPassword);

        // More than was paid: the form takes it, the order refuses it.
        var refused = await merchandiser.ActAsync(number, "#refund-form",
            new Dictionary<string, string> { ["Refund.Amount"] = "99999999", ["Refund.Reason"] = "Goodwill" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var message = (await Browser.Page.LoadAsync(refused)).Document.QuerySelector("#refund-form [role=alert]")?.TextContent;
        Assert.StartsWith(string.Format(refusal, number), message);
        Assert.Empty((await app.LoadOrderAsync(number)).Modifications);
    }
}
