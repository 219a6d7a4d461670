using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Payments.Sandbox;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>
/// Adyen takes a payment with a saved token, but its answer never reaches us (the connection drops on the way back).
/// No retries, so the client reports Adyen as unavailable.
/// </summary>
public sealed class LostTokenAnswerFactory : SandboxFactory
{
    public LostTokenAnswerFactory() => Settings["Adyen:MaxRetries"] = "0";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new LoseTokenPaymentAnswers())));
    }

    private sealed class LoseTokenPaymentAnswers : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/payments", StringComparison.Ordinal) && body.Contains("storedPaymentMethodId", StringComparison.Ordinal))
                throw new HttpRequestException("The connection was reset while reading the answer.");
            return response;
        }
    }
}

public sealed class LostTokenPaymentAnswerTests(LostTokenAnswerFactory app) : IClassFixture<LostTokenAnswerFactory>
{
    [Fact]
    public async Task A_token_payment_whose_answer_is_lost_waits_for_adyens_word_instead_of_failing()
    {
        using var browser = app.CreateBrowser();
        var slug = await app.StockedProductAsync();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, slug);
        var rowId = await app.StoreTokenAsWebhookWouldAsync(saved);
        var stockBefore = await app.StockOfAsync(slug);

        var response = await browser.PayWithSavedAsync(await browser.OpenReorderAsync(saved.FirstOrderNumber));

        // Adyen may well have taken the money (here it did): the order holds its stock and says it is being confirmed.
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var order = await app.LatestOrderOfAsync(saved.UserId);
        Assert.StartsWith($"/orders/{order.Number}", response.Headers.Location!.OriginalString);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(PaymentStatus.Confirming, order.PaymentStatus);
        Assert.Equal(AttemptStatus.Pending, Assert.Single(order.Attempts).Status);
        Assert.True(order.HoldsStock);
        Assert.Equal(stockBefore - 1, await app.StockOfAsync(slug));
        Assert.Equal(SandboxOutcome.Authorised, Assert.Single(app.Sandbox.PaymentsFor(order.Attempts.Single().Reference)).Outcome);
        Assert.Equal(StoredPaymentMethodStatus.Active, (await app.SavedMethodAsync(rowId)).Status);
        var page = await browser.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("being confirmed", page.Document.QuerySelector("[data-testid=order-status]")?.TextContent);
    }
}
