using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using Storefront.Data;

namespace Storefront.Notifications;

public static class NotificationsRegistration
{
    /// <summary>Where Development mail lands unless Email:From says otherwise.</summary>
    public const string DevelopmentFrom = "Storefront <orders@storefront.local>";

    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var defaultPickupDirectory = DataRegistration.DataFolder(builder.Configuration, environment, "mail");
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .PostConfigure(options =>
            {
                // Development needs no mail server: messages land as .eml files beside the database.
                if (environment.IsDevelopment())
                {
                    options.Delivery ??= nameof(EmailDelivery.PickupDirectory);
                    options.From ??= DevelopmentFrom;
                }
                options.PickupDirectory = string.IsNullOrWhiteSpace(options.PickupDirectory)
                    ? defaultPickupDirectory
                    : Path.GetFullPath(options.PickupDirectory, environment.ContentRootPath);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();

        builder.Services.AddSingleton<IEmailTransport>(services =>
            services.GetRequiredService<IOptions<EmailOptions>>().Value.DeliveryMethod() switch
            {
                EmailDelivery.Smtp => ActivatorUtilities.CreateInstance<SmtpTransport>(services),
                _ => ActivatorUtilities.CreateInstance<PickupDirectoryTransport>(services),
            });
        builder.Services.AddSingleton<EmailSignal>();
        builder.Services.AddSingleton<EmailLinks>();
        builder.Services.AddScoped<EmailQueue>();
        builder.Services.AddScoped<EmailOutbox>();
        builder.Services.AddHostedService<EmailDispatcher>();
        // Replaces Identity UI's no-op sender, which would drop password reset links without a word.
        builder.Services.AddScoped<IEmailSender, OutboxIdentityEmailSender>();
        return builder;
    }
}
