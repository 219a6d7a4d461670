using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Notifications;
using Storefront.Payments.Adyen;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Notifications;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.Tests.Operations;

/// <summary>The sandbox app delivering its webhooks and writing its e-mails, logging everything down to Debug.</summary>
public sealed class VerboseJourneyFactory : DeliveringSandboxFactory
{
    public VerboseJourneyFactory()
    {
        Settings["Logging:LogLevel:Default"] = "Debug";
        Settings["Logging:LogLevel:Storefront"] = "Trace";
    }
}

public sealed class LogPrivacyTests(VerboseJourneyFactory app) : IClassFixture<VerboseJourneyFactory>
{
    [Fact]
    public async Task A_whole_journey_logs_no_personal_data_key_or_token()
    {
        using var browser = app.CreateBrowser();
        await browser.ChooseCountryAsync("KR");
        await browser.AddToCartAsync(await app.StockedProductAsync());
        var toKakaoPay = await browser.SubmitCheckoutAsync();
        Assert.Equal(HttpStatusCode.SeeOther, toKakaoPay.StatusCode);
        var approval = await browser.GetAsync(toKakaoPay.Headers.Location!.ToString());
        var back = await browser.SubmitAsync(approval, "#approve-form");
        var redirectResult = QueryValue(back.Headers.Location!, "redirectResult");
        var orderPage = await browser.Client.GetAsync(back.Headers.Location);
        Assert.Equal(HttpStatusCode.SeeOther, orderPage.StatusCode);
        var number = AdminSteps.NumberFrom(orderPage.Headers.Location!);
        var orderKey = QueryValue(orderPage.Headers.Location!, "key");
        // The AUTHORISATION webhook applied, and the confirmation e-mail sent.
        await Eventually.ReachesAsync(() => app.WithDbAsync(db => db.WebhookMessages.CountAsync(m => m.MerchantReference!.StartsWith(number)
                && m.Status == Storefront.Payments.Adyen.Webhooks.WebhookStatus.Processed)),
            count => count > 0, $"the AUTHORISATION of {number} processed");
        var email = Assert.Single(await app.EmailsOfOrderAsync(number));
        await app.EmailReachesAsync(email.Id, e => e.Status == EmailStatus.Sent, "sent");
        var message = await app.MessageAboutAsync(number);
        var emailedLink = Mailbox.LinkIn(message.TextBody ?? "", app.BaseAddress);
        var adyen = app.Services.GetRequiredService<IOptions<AdyenOptions>>().Value;

        Assert.Contains(app.Logs.Entries, e => e.Message.Contains(number, StringComparison.Ordinal));
        var address = CheckoutSteps.KoreanAddress;
        app.Logs.AssertNeverMentions(
            address["Form.Email"], address["Form.Name"], address["Form.Phone"], address["Form.AddressLine1"],
            adyen.ApiKey!, adyen.WebhookPassword!, redirectResult, orderKey, QueryValue(emailedLink, "key"));
        app.Logs.AssertNeverMentions([.. adyen.HmacKeys, .. adyen.TokenizationHmacKeys]);
    }

    [Fact]
    public async Task Successful_adyen_attempts_are_not_logged_above_debug()
    {
        await app.PaidKakaoPayOrderAsync();

        var polly = app.Logs.Entries.Where(e => e.Category.StartsWith("Polly", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(polly, e => e.Level < LogLevel.Warning);
    }

    private static string QueryValue(Uri uri, string name)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery((uri.IsAbsoluteUri ? uri : new Uri(new Uri("http://x"), uri)).Query);
        var value = query[name].ToString();
        Assert.False(string.IsNullOrEmpty(value), $"No {name} in {uri}.");
        return value;
    }
}
