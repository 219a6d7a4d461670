using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Account;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Account;

/// <summary>/account/payment-methods: the list (Adyen is the source of truth) and Remove.</summary>
public sealed class ManageSavedKakaoPayTests(SandboxFactory app) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task The_page_is_for_signed_in_shoppers_only()
    {
        using var guest = app.CreateBrowser();

        var response = await guest.Client.GetAsync(AccountPaths.PaymentMethods);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Removing_deletes_the_token_at_adyen_and_disables_it_here()
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 1));
        var rowId = await app.StoreTokenAsWebhookWouldAsync(saved);
        var page = await browser.GetAsync(AccountPaths.PaymentMethods);
        var exchangesBefore = app.Exchanges.Count;

        var removed = await browser.SubmitAsync(page, $"[data-method-id='{rowId}'] form");

        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        var delete = Assert.Single(app.Exchanges.Skip(exchangesBefore), e => e.Method == HttpMethod.Delete);
        Assert.Equal($"/storedPaymentMethods/{saved.Token.Id}", delete.OperationPath);
        var query = QueryHelpers.ParseQuery(delete.Uri.Query);
        Assert.Equal(saved.ShopperReference, query["shopperReference"].Single());
        Assert.Equal(Storefront.Payments.Adyen.AdyenOptions.SandboxMerchantAccount, query["merchantAccount"].Single());
        Assert.Equal(204, delete.Status);
        ContractAssertions.AssertMatchesCheckoutV71(app.Exchanges.Skip(exchangesBefore));
        Assert.Empty(app.Sandbox.TokensOf(saved.ShopperReference));
        Assert.Equal(StoredPaymentMethodStatus.Disabled, (await app.SavedMethodAsync(rowId)).Status);

        var after = await browser.GetAsync(removed.Headers.Location!.OriginalString);
        Assert.Contains("Removed", after.Document.QuerySelector(".notice.success")?.TextContent);
        Assert.Empty(after.Document.QuerySelectorAll("[data-testid=saved-method]"));
        await browser.AddToCartAsync(await app.StockedProductAsync(skip: 2));
        var checkout = await browser.GetAsync("/checkout");
        Assert.Null(checkout.Document.QuerySelector("input[value^='saved:']"));
        Assert.NotNull(checkout.Document.QuerySelector("input[type=radio][value=kakaopay]:checked"));
    }

    [Fact]
    public async Task Removing_again_or_a_removed_method_changes_nothing()
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 3));
        var rowId = await app.StoreTokenAsWebhookWouldAsync(saved);
        var page = await browser.GetAsync(AccountPaths.PaymentMethods);
        var form = $"[data-method-id='{rowId}'] form";
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.SubmitAsync(page, form)).StatusCode);
        var exchangesBefore = app.Exchanges.Count;

        var again = await browser.SubmitAsync(page, form);

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain(app.Exchanges.Skip(exchangesBefore), e => e.Method == HttpMethod.Delete);
    }

    [Fact]
    public async Task Removing_a_method_adyen_no_longer_has_removes_it_here_too()
    {
        using var browser = app.CreateBrowser();
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 5));
        var rowId = await app.StoreTokenAsWebhookWouldAsync(saved);
        var page = await browser.GetAsync(AccountPaths.PaymentMethods);
        // Gone at Adyen after the page was shown (deleted in the Customer Area, say).
        await app.Adyen.DeleteStoredPaymentMethodAsync(saved.Token.Id, saved.ShopperReference);
        var exchangesBefore = app.Exchanges.Count;

        var removed = await browser.SubmitAsync(page, $"[data-method-id='{rowId}'] form");

        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        Assert.Equal($"{AccountPaths.PaymentMethods}?removed=done", removed.Headers.Location!.OriginalString);
        Assert.Equal("800", Assert.Single(app.Exchanges.Skip(exchangesBefore), e => e.Method == HttpMethod.Delete).ResponseBody switch
        {
            { } body => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString(),
            null => null,
        });
        Assert.Equal(StoredPaymentMethodStatus.Disabled, (await app.SavedMethodAsync(rowId)).Status);
    }

    [Fact]
    public async Task The_list_follows_adyen_a_token_adyen_lacks_is_disabled_and_one_we_lack_is_added()
    {
        using var browser = app.CreateBrowser();
        // Paid and saved at Adyen, but the token webhook has not been processed here.
        var saved = await browser.RegisterAndSaveKakaoPayAsync(app, await app.StockedProductAsync(skip: 4));
        var unknownAtAdyen = await app.WithDbAsync(async db =>
        {
            var stale = new StoredPaymentMethod(saved.UserId, saved.ShopperReference, "STALETOKEN000001", "kakaopay", "KakaoPay", null,
                app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(-30));
            db.StoredPaymentMethods.Add(stale);
            await db.SaveChangesAsync();
            return stale.Id;
        });

        var page = await browser.GetAsync(AccountPaths.PaymentMethods);

        Assert.Equal(StoredPaymentMethodStatus.Disabled, (await app.SavedMethodAsync(unknownAtAdyen)).Status);
        var added = await app.WithDbAsync(db => db.StoredPaymentMethods.AsNoTracking()
            .SingleAsync(m => m.ShopperId == saved.UserId && m.StoredPaymentMethodId == saved.Token.Id));
        Assert.Equal(StoredPaymentMethodStatus.Active, added.Status);
        Assert.Equal(saved.ShopperReference, added.ShopperReference);
        Assert.Equal("kakaopay", added.PaymentMethodType);
        var row = Assert.Single(page.Document.QuerySelectorAll("[data-testid=saved-method]"));
        Assert.Equal(added.Id.ToString(), row.QuerySelector("input[name=id]")?.GetAttribute("value"));

        // Adyen drops it (deleted in the Customer Area, say): the next visit disables it here too.
        await app.Adyen.DeleteStoredPaymentMethodAsync(saved.Token.Id, saved.ShopperReference);
        var after = await browser.GetAsync(AccountPaths.PaymentMethods);
        Assert.Empty(after.Document.QuerySelectorAll("[data-testid=saved-method]"));
        Assert.Equal(StoredPaymentMethodStatus.Disabled, (await app.SavedMethodAsync(added.Id)).Status);
    }
}

public sealed class UnreachableAdyenSavedMethodsTests(UnreachableAdyenFactory app) : IClassFixture<UnreachableAdyenFactory>
{
    [Fact]
    public async Task The_local_list_is_shown_with_a_notice_and_remove_changes_nothing()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        var shopper = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        var rowId = await app.WithDbAsync(async db =>
        {
            var method = new StoredPaymentMethod(shopper.Id, shopper.ShopperReference, "LOCALTOKEN000001", "kakaopay", "KakaoPay", "PSPFIRST00000001",
                app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            db.StoredPaymentMethods.Add(method);
            await db.SaveChangesAsync();
            return method.Id;
        });

        var page = await browser.GetAsync(AccountPaths.PaymentMethods);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("could not check", page.Document.QuerySelector("[data-testid=adyen-unreachable]")?.TextContent);
        Assert.Single(page.Document.QuerySelectorAll("[data-testid=saved-method]"));
        Assert.Equal(StoredPaymentMethodStatus.Active, (await app.SavedMethodAsync(rowId)).Status);

        var removed = await browser.SubmitAsync(page, "[data-testid=saved-method] form");
        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        var after = await browser.GetAsync(removed.Headers.Location!.OriginalString);
        Assert.Contains("could not reach KakaoPay", after.Document.QuerySelector(".notice.error")?.TextContent);
        Assert.Equal(StoredPaymentMethodStatus.Active, (await app.SavedMethodAsync(rowId)).Status);
        Assert.Single(after.Document.QuerySelectorAll("[data-testid=saved-method]"));
    }
}
