namespace Storefront.PaymentMethods;

public static class PaymentMethodsRegistration
{
    public static WebApplicationBuilder AddPaymentMethods(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PaymentMethodsQuery>();
        return builder;
    }
}
