namespace Storefront.Checkout;

public static class CheckoutRegistration
{
    public static WebApplicationBuilder AddCheckout(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddScoped<PaymentReturnHandler>();
        return builder;
    }
}
