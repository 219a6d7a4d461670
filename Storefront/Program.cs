using Storefront.Account;
using Storefront.Admin;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Checkout;
using Storefront.Data;
using Storefront.Legal;
using Storefront.Localization;
using Storefront.Notifications;
using Storefront.Operations;
using Storefront.Orders;
using Storefront.PaymentMethods;
using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Payments.Sandbox;
using Storefront.Security;
using Storefront.Shared;
using Storefront.Shipping;

var builder = WebApplication.CreateBuilder(args);

builder.AddStorefrontData();
builder.AddStorefrontWeb();
builder.AddStorefrontTelemetry();
builder.AddKeyProtection();
builder.AddStorefrontLocalization();
builder.AddLocalTimes();
builder.AddStorefrontSecurity();
builder.AddAccounts();
builder.AddAdyen();
builder.AddAdyenWebhooks();
builder.AddAdyenSandbox();
builder.AddCatalog();
builder.AddCart();
builder.AddOrders();
builder.AddShipping();
builder.AddPaymentMethods();
builder.AddCheckout();
builder.AddAdmin();
builder.AddNotifications();
builder.AddLegal();
builder.AddReadiness();

var app = builder.Build();

app.UseStorefrontSecurity();
app.UseStorefrontLocalization();
app.UseStorefrontWeb();
app.MapStorefrontWeb();
app.MapSitemap();
app.MapPictures();
app.MapOperations();
app.MapAdyenWebhooks();
app.MapAdyenSandbox();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
