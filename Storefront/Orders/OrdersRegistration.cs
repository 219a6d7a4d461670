using Storefront.Background;
using Storefront.Payments.Adyen.Webhooks;

namespace Storefront.Orders;

public static class OrdersRegistration
{
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrderOptions>().BindConfiguration(OrderOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OrderMetrics>();
        builder.Services.AddScoped<PaymentFinalizer>();
        builder.Services.AddScoped<OrderEmails>();
        builder.Services.AddScoped<OrderEmailTemplates>();
        builder.Services.AddScoped<OrderManagement>();
        builder.Services.AddScoped<IPaymentWebhooks, OrderWebhooks>();
        builder.Services.AddPeriodicJob<OrderExpiry>();
        builder.Services.AddScoped<ModificationSender>();
        builder.Services.AddPeriodicJob<ModificationResender>();
        builder.Services.AddSingleton<OrderLinks>();
        builder.Services.AddSingleton<StatusWords>();
        return builder;
    }
}
