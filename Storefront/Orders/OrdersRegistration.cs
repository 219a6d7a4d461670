namespace Storefront.Orders;

public static class OrdersRegistration
{
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrderOptions>().BindConfiguration(OrderOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PaymentFinalizer>();
        builder.Services.AddScoped<OrderExpiry>();
        builder.Services.AddHostedService<OrderExpiryWorker>();
        builder.Services.AddScoped<ModificationSender>();
        builder.Services.AddScoped<ModificationResender>();
        builder.Services.AddHostedService<ModificationResendWorker>();
        builder.Services.AddSingleton<OrderLinks>();
        return builder;
    }
}
