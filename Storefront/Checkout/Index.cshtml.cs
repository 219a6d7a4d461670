using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Account;
using Storefront.Cart;
using Storefront.Data;
using Storefront.Legal;
using Storefront.Localization;
using Storefront.Orders;
using Storefront.PaymentMethods;
using Storefront.Shared;

namespace Storefront.Checkout;

public sealed class CheckoutModel(
    StorefrontDbContext db, CartService carts, OrderPlacement placement, PaymentMethodsQuery paymentMethods, OrderLinks links, ShopperMarket shopperMarket,
    UserManager<Shopper> users, LegalTexts legalTexts, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private ShoppingCart? _cart;

    [BindProperty]
    public CheckoutForm Form { get; set; } = new();

    public PricedCart Cart { get; private set; } = null!;

    public PaymentMethodsResult PaymentMethods { get; private set; } = PaymentMethodsResult.None;

    /// <summary>
    /// False when the cart could be bought but Adyen offers no way to pay it (none configured for the market, the amount
    /// outside every method's limits, Adyen not answering): the page then shows why instead of a form.
    /// </summary>
    public bool HasWayToPay => !Cart.CanCheckout || PaymentMethods.CanPay;

    /// <summary>The texts the agreements refer to, in the versions an order records.</summary>
    public LegalTexts LegalTexts => legalTexts;

    /// <summary>Why the shopper is back here after KakaoPay (refused, cancelled …).</summary>
    public string? PaymentMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? payment, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
            return new SeeOtherResult("/cart");
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { Email: { } email })
            Form.Email = email;
        await FillFromUnpaidOrderAsync(cancellationToken);
        Form.SubmitKey = SubmitKeys.New();
        PaymentMessage = payment switch
        {
            nameof(AttemptStatus.Refused) => localizer["Your payment was refused by KakaoPay. You have not been charged. You can try again."].Value,
            nameof(AttemptStatus.Cancelled) => localizer["You cancelled the payment. You have not been charged. You can try again."].Value,
            nameof(AttemptStatus.Error) or nameof(AttemptStatus.Expired) =>
                localizer["The payment could not be completed. You have not been charged. You can try again."].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var market = shopperMarket.Current;
        // The country is the cart's, never the form's.
        Form.Country = market.Country;
        ModelState.Remove($"{nameof(Form)}.{nameof(CheckoutForm.Country)}");
        foreach (var (field, message) in Form.CheckForMarket(localizer))
            ModelState.AddModelError($"{nameof(Form)}.{field}", message);
        // Korea's form has no city: it comes from the address (CheckoutForm.KoreanCity).
        if (Form.IsKorean)
            ModelState.Remove($"{nameof(Form)}.{nameof(CheckoutForm.City)}");
        if (!ModelState.IsValid)
            return await RedisplayAsync(cancellationToken);

        var cart = await carts.FindAsync(cancellationToken);
        var agreements = Form.IsKorean ? new OrderAgreements(legalTexts.TermsVersion, legalTexts.PrivacyVersion) : null;
        var outcome = await placement.PlaceAsync(new OrderSource.Cart(cart?.Id, Form, market, agreements), Form.PaymentMethod, Form.SubmitKey,
            Payer.Of(HttpContext, links), cancellationToken);
        switch (outcome)
        {
            case CheckoutOutcome.SavedMethodFailed:
                // The order is kept: paying again from this form (by redirect) is another attempt at the same order.
                ModelState.AddModelError(string.Empty,
                    localizer["Your saved KakaoPay could not be charged, and you have not been charged. Pay with KakaoPay instead."]);
                RenewSubmitKey();
                Form.PaymentMethod = PaymentMethodsQuery.SavableMethod;
                return await RedisplayAsync(cancellationToken);
            case CheckoutOutcome.NotFound:
                // A submit key that started someone else's payment: nothing about it is shown.
                ModelState.AddModelError(string.Empty, localizer["This form has already been used. Check your details and pay again."]);
                RenewSubmitKey();
                return await RedisplayAsync(cancellationToken);
            case CheckoutOutcome.Problem problem:
                ModelState.AddModelError(string.Empty, problem.Message);
                RenewSubmitKey();
                return await RedisplayAsync(cancellationToken);
            default:
                return this.Navigate(outcome)!;
        }
    }

    /// <summary>
    /// The redisplayed form is a new submit: it must not replay the one that just failed. The posted key is dropped
    /// from ModelState too, which the hidden field would otherwise echo.
    /// </summary>
    private void RenewSubmitKey()
    {
        ModelState.Remove($"{nameof(Form)}.{nameof(CheckoutForm.SubmitKey)}");
        Form.SubmitKey = SubmitKeys.New();
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
            return new SeeOtherResult("/cart");
        return Page();
    }

    /// <summary>
    /// Back from a refused or cancelled payment (or the browser's back button), the shopper finds the form as they
    /// filled it: the details of the order this cart placed and has not paid, when it was for this cart's country.
    /// The agreements are asked again: consent is given for each payment.
    /// </summary>
    private async Task FillFromUnpaidOrderAsync(CancellationToken cancellationToken)
    {
        if (_cart?.PendingOrderId is not { } orderId)
            return;
        var country = shopperMarket.Current.Country;
        var unpaid = await db.Orders.AsNoTracking()
            .Where(o => o.Id == orderId && o.ShippingAddress.Country == country
                && (o.Status == OrderStatus.PaymentFailed || o.Status == OrderStatus.AwaitingPayment || o.Status == OrderStatus.Expired))
            .Select(o => new { o.Contact, o.ShippingAddress, o.PaymentMethod })
            .FirstOrDefaultAsync(cancellationToken);
        if (unpaid is null)
            return;
        Form.Email = unpaid.Contact.Email;
        Form.Name = unpaid.Contact.Name;
        Form.Phone = ContactPhone.Display(unpaid.Contact.Phone, country);
        Form.PostalCode = unpaid.ShippingAddress.PostalCode;
        Form.AddressLine1 = unpaid.ShippingAddress.Line1;
        Form.AddressLine2 = unpaid.ShippingAddress.Line2;
        Form.City = unpaid.ShippingAddress.City;
        if (unpaid.PaymentMethod is { } method && PaymentMethods.Methods.Any(m => m.Type == method))
            Form.PaymentMethod = method;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        _cart = await carts.FindAsync(cancellationToken);
        Cart = await carts.PriceAsync(_cart, shopperMarket.Current, cancellationToken);
        if (Cart.IsEmpty)
            return false;
        if (Cart.CanCheckout)
            PaymentMethods = await paymentMethods.ForAsync(Cart.Market, Cart.Total, CartService.UserId(User), cancellationToken);
        return true;
    }
}
