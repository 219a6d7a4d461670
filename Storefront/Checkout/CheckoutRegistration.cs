namespace Storefront.Checkout;

public static class CheckoutRegistration
{
    public static WebApplicationBuilder AddCheckout(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CheckoutMetrics>();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddScoped<PaymentStarter>();
        builder.Services.AddScoped<PaymentReturnHandler>();
        return builder;
    }
}
