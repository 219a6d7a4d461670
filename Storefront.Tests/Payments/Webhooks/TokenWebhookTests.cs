using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments.Webhooks;

/// <summary>
/// Tokens only ever arrive by webhook, in either shape: the classic RECURRING_CONTRACT notification or the
/// tokenization webhooks (<c>recurring.token.*</c>). Each lands on the account that owns the shopperReference
/// (F09, docs/payment-failure-modes.md).
/// </summary>
public sealed class TokenWebhookTests(SandboxFactory app) : IClassFixture<SandboxFactory>, IDisposable
{
    private readonly AdyenWebhooks _adyen = new(app);

    [Fact]
    public async Task A_recurring_contract_saves_kakaopay_for_the_account_that_owns_the_shopper_reference()
    {
        var (shopperId, shopperReference) = await RegisteredShopperAsync();
        var token = "TK" + AdyenWebhooks.NewPspReference()[..14];
        var firstPayment = AdyenWebhooks.NewPspReference();
        var item = _adyen.Item("RECURRING_CONTRACT", token, "SF-TOKENS-1", new Amount("KRW", 0), originalReference: firstPayment,
            additionalData: new Dictionary<string, string>
            {
                ["recurring.shopperReference"] = shopperReference,
                ["recurring.recurringDetailReference"] = token,
            });

        await _adyen.SendAsync(item);

        await _adyen.ProcessedAsync(item);
        var saved = Assert.Single(await StoredMethodsAsync(shopperReference));
        Assert.Equal((shopperId, token, "kakaopay", "KakaoPay", firstPayment, StoredPaymentMethodStatus.Active),
            (saved.ShopperId, saved.StoredPaymentMethodId, saved.PaymentMethodType, saved.DisplayName, saved.FirstPspReference, saved.Status));
    }

    [Fact]
    public async Task Both_shapes_for_the_same_token_save_it_once()
    {
        var (_, shopperReference) = await RegisteredShopperAsync();
        var token = "TK" + AdyenWebhooks.NewPspReference()[..14];
        var contract = _adyen.Item("RECURRING_CONTRACT", token, "SF-TOKENS-2", new Amount("KRW", 0), originalReference: AdyenWebhooks.NewPspReference(),
            additionalData: new Dictionary<string, string> { ["shopperReference"] = shopperReference });
        var eventId = AdyenWebhooks.NewPspReference();

        await _adyen.PostTokenizationAsync(_adyen.TokenBody("recurring.token.created", shopperReference, token, eventId, operation: "created"));
        await _adyen.SendAsync(contract);

        await _adyen.RowReachesAsync(AdyenWebhooks.TokenKey(eventId, "recurring.token.created"));
        await _adyen.ProcessedAsync(contract);
        Assert.Equal(token, Assert.Single(await StoredMethodsAsync(shopperReference)).StoredPaymentMethodId);
    }

    [Fact]
    public async Task A_token_created_disabled_and_confirmed_again_follows_adyen()
    {
        var (shopperId, shopperReference) = await RegisteredShopperAsync();
        var token = "TK" + AdyenWebhooks.NewPspReference()[..14];

        await SendTokenAsync("recurring.token.created", shopperReference, token, "created");
        var created = Assert.Single(await StoredMethodsAsync(shopperReference));
        Assert.Equal((shopperId, StoredPaymentMethodStatus.Active), (created.ShopperId, created.Status));

        await SendTokenAsync("recurring.token.disabled", shopperReference, token, operation: null);
        Assert.Equal(StoredPaymentMethodStatus.Disabled, Assert.Single(await StoredMethodsAsync(shopperReference)).Status);

        await SendTokenAsync("recurring.token.alreadyExisting", shopperReference, token, "alreadyExisting");
        Assert.Equal(StoredPaymentMethodStatus.Active, Assert.Single(await StoredMethodsAsync(shopperReference)).Status);

        var other = "TK" + AdyenWebhooks.NewPspReference()[..14];
        await SendTokenAsync("recurring.token.updated", shopperReference, other, "updated");
        Assert.Equal([StoredPaymentMethodStatus.Active, StoredPaymentMethodStatus.Active], (await StoredMethodsAsync(shopperReference)).Select(m => m.Status));
    }

    [Fact]
    public async Task A_token_for_a_shopper_reference_nobody_owns_is_kept_unmatched()
    {
        var token = "TK" + AdyenWebhooks.NewPspReference()[..14];
        var eventId = AdyenWebhooks.NewPspReference();
        var contract = _adyen.Item("RECURRING_CONTRACT", token, "SF-TOKENS-3", new Amount("KRW", 0),
            additionalData: new Dictionary<string, string> { ["shopperReference"] = "shp_nobody" });

        await _adyen.PostTokenizationAsync(_adyen.TokenBody("recurring.token.created", "shp_nobody", token, eventId, operation: "created"));
        await _adyen.SendAsync(contract);

        var tokenRow = await _adyen.RowReachesAsync(AdyenWebhooks.TokenKey(eventId, "recurring.token.created"), WebhookStatus.Unmatched);
        Assert.Contains("shp_nobody", tokenRow.LastError, StringComparison.Ordinal);
        await _adyen.ProcessedAsync(contract, WebhookStatus.Unmatched);
        Assert.Empty(await app.WithDbAsync(db => db.StoredPaymentMethods.Where(m => m.StoredPaymentMethodId == token).ToListAsync()));
    }

    [Fact]
    public async Task A_token_webhook_cannot_move_a_token_to_another_account_or_disable_someone_elses()
    {
        var (ownerId, ownerReference) = await RegisteredShopperAsync();
        var (_, otherReference) = await RegisteredShopperAsync();
        var token = "TK" + AdyenWebhooks.NewPspReference()[..14];
        await SendTokenAsync("recurring.token.created", ownerReference, token, "created");

        var eventId = AdyenWebhooks.NewPspReference();
        await _adyen.PostTokenizationAsync(_adyen.TokenBody("recurring.token.disabled", otherReference, token, eventId));

        await _adyen.RowReachesAsync(AdyenWebhooks.TokenKey(eventId, "recurring.token.disabled"), WebhookStatus.Unmatched);
        var saved = Assert.Single(await StoredMethodsAsync(ownerReference));
        Assert.Equal((ownerId, StoredPaymentMethodStatus.Active), (saved.ShopperId, saved.Status));
        Assert.Empty(await StoredMethodsAsync(otherReference));
    }

    public void Dispose() => _adyen.Dispose();

    private async Task SendTokenAsync(string type, string shopperReference, string token, string? operation)
    {
        var eventId = AdyenWebhooks.NewPspReference();
        await _adyen.PostTokenizationAsync(_adyen.TokenBody(type, shopperReference, token, eventId, operation: operation));
        await _adyen.RowReachesAsync(AdyenWebhooks.TokenKey(eventId, type));
    }

    private async Task<(string ShopperId, string ShopperReference)> RegisteredShopperAsync()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        return await app.WithDbAsync(db => db.Users.Where(u => u.Email == email)
            .Select(u => new ValueTuple<string, string>(u.Id, u.ShopperReference)).SingleAsync());
    }

    private Task<List<Storefront.Account.StoredPaymentMethod>> StoredMethodsAsync(string shopperReference) =>
        app.WithDbAsync(db => db.StoredPaymentMethods.AsNoTracking().Where(m => m.ShopperReference == shopperReference).OrderBy(m => m.Id).ToListAsync());
}
