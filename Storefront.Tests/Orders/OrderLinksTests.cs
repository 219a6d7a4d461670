using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Tests.Orders;

/// <summary>The signed returnUrl Adyen sends the shopper back to, and the guest order link.</summary>
public sealed class OrderLinksTests
{
    private const string LongPublicBaseUrl = "https://shop.example.co.kr";

    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_return_url_carries_a_reference_that_reads_back()
    {
        var links = Links(LongPublicBaseUrl + "/");
        var attempt = OrderBuilder.KakaoPayOrder().StartAttempt("kakaopay", "submit-key-0000000001", OrderBuilder.Now);

        var returnUrl = links.ReturnUrl(attempt, links.BaseUrl(LocalRequest()));

        Assert.StartsWith($"{LongPublicBaseUrl}/checkout/return?ref=", returnUrl);
        Assert.Equal(attempt.Reference, links.ReadReturnReference(RefOf(returnUrl)));
    }

    [Fact]
    public void Without_a_public_base_url_the_return_url_points_at_the_requests_host()
    {
        var links = Links(publicBaseUrl: null);
        var attempt = OrderBuilder.KakaoPayOrder().StartAttempt("kakaopay", "submit-key-0000000001", OrderBuilder.Now);

        var returnUrl = links.ReturnUrl(attempt, links.BaseUrl(LocalRequest()));

        Assert.StartsWith("http://127.0.0.1:5123/checkout/return?ref=", returnUrl);
        Assert.Equal(attempt.Reference, links.ReadReturnReference(RefOf(returnUrl)));
    }

    [Fact]
    public void Tampered_truncated_or_foreign_tokens_are_refused()
    {
        var links = Links(LongPublicBaseUrl);
        var order = OrderBuilder.KakaoPayOrder();
        var token = RefOf(links.ReturnUrl(order.StartAttempt("kakaopay", "submit-key-0000000001", OrderBuilder.Now), links.BaseUrl(LocalRequest())));
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        var guestLinkKey = KeyOf(links.OrderPath(order.Number));
        var otherKeys = new OrderLinks(new EphemeralDataProtectionProvider(), Options.Create(new StorefrontOptions()), Options.Create(new OrderOptions()), _clock);

        Assert.Null(links.ReadReturnReference(tampered));
        Assert.Null(links.ReadReturnReference(token[..^4]));
        Assert.Null(links.ReadReturnReference(token[..^1]));
        // Signed by us, but for the guest order link: a purpose cannot stand in for another.
        Assert.True(links.IsGuestKeyFor(order.Number, guestLinkKey));
        Assert.Null(links.ReadReturnReference(guestLinkKey));
        Assert.False(links.IsGuestKeyFor(order.Number, token));
        // Signed with keys this shop does not have.
        Assert.Null(otherKeys.ReadReturnReference(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("SF-TEST0001-1")]
    [InlineData("!!!!")]
    [InlineData("CfDJ8")]
    [InlineData("%00%FF")]
    public void Garbage_is_refused(string? token) =>
        Assert.Null(Links(LongPublicBaseUrl).ReadReturnReference(token));

    [Fact]
    public void An_over_long_token_is_refused_before_it_is_decrypted_even_when_genuine()
    {
        var genuine = _keys.CreateProtector("Storefront.Checkout.Return.v1").Protect(new string('x', 600));
        Assert.True(genuine.Length > 512);

        Assert.Null(Links(LongPublicBaseUrl).ReadReturnReference(genuine));
        Assert.Null(Links(LongPublicBaseUrl).ReadReturnReference(new string('A', 100_000)));
    }

    [Fact]
    public void The_longest_return_url_we_can_produce_stays_under_1024_characters_and_reads_back()
    {
        var links = Links(LongPublicBaseUrl);
        // The longest order number the schema stores, with the highest attempt number there can be.
        var order = Order.Place(new string('9', 32), shopperId: null, OrderBuilder.KakaoPayOrder().Contact,
            OrderBuilder.KakaoPayOrder().ShippingAddress, Market.Find("KR")!, OrderBuilder.KakaoPayOrder().Lines, OrderBuilder.Now,
            TimeSpan.FromMinutes(90));
        var attempt = new PaymentAttempt(order, int.MaxValue, "kakaopay", "submit-key-0000000001", OrderBuilder.Now,
            storePaymentMethod: false, storedPaymentMethodId: null);
        Assert.Equal(43, attempt.Reference.Length);

        var returnUrl = links.ReturnUrl(attempt, links.BaseUrl(LocalRequest()));

        Assert.True(returnUrl.Length < 1024, $"The returnUrl is {returnUrl.Length} characters: {returnUrl}");
        Assert.Equal(attempt.Reference, links.ReadReturnReference(RefOf(returnUrl)));
    }

    [Fact]
    public void A_guest_link_opens_its_order_for_the_configured_lifetime_then_reads_as_expired()
    {
        var links = Links(LongPublicBaseUrl, linkLifetime: TimeSpan.FromDays(90));
        var number = OrderBuilder.KakaoPayOrder().Number;
        var key = KeyOf(links.OrderPath(number));

        _clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromSeconds(1));
        Assert.Equal(GuestKey.Valid, links.CheckGuestKey(number, key));
        Assert.Equal(GuestKey.Invalid, links.CheckGuestKey("SF-00000000", key));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(GuestKey.Expired, links.CheckGuestKey(number, key));
        Assert.False(links.IsGuestKeyFor(number, key));
        // A fresh link made now lasts the whole lifetime again.
        Assert.True(links.IsGuestKeyFor(number, KeyOf(links.OrderPath(number))));
    }

    [Fact]
    public void A_guest_link_of_the_old_kind_which_never_expired_is_refused()
    {
        var number = OrderBuilder.KakaoPayOrder().Number;
        var neverExpiring = _keys.CreateProtector("Storefront.Orders.GuestLink.v1").Protect(number);

        Assert.Equal(GuestKey.Invalid, Links(LongPublicBaseUrl).CheckGuestKey(number, neverExpiring));
    }

    private OrderLinks Links(string? publicBaseUrl, TimeSpan? linkLifetime = null) =>
        new(_keys, Options.Create(new StorefrontOptions { PublicBaseUrl = publicBaseUrl }),
            Options.Create(new OrderOptions { LinkLifetime = linkLifetime ?? TimeSpan.FromDays(90) }), _clock);

    private static string KeyOf(string orderPath) => QueryHelpers.ParseQuery(new Uri("https://x" + orderPath).Query)["key"].Single()!;

    private static HttpRequest LocalRequest()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:5123");
        return context.Request;
    }

    private static string RefOf(string returnUrl) => QueryHelpers.ParseQuery(new Uri(returnUrl).Query)["ref"].Single()!;
}
