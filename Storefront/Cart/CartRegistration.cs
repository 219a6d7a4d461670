using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Storefront.Orders;

namespace Storefront.Cart;

public static class CartRegistration
{
    public static WebApplicationBuilder AddCart(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CartService>();
        builder.Services.AddScoped<IOrderPaidHandler, CartCompletion>();

        // Whatever signs the shopper in (log-in, registration, external login), the anonymous cart follows.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var signedIn = options.Events.OnSignedIn;
            options.Events.OnSignedIn = async context =>
            {
                await signedIn(context);
                if (context.Principal is { } principal)
                    await context.HttpContext.RequestServices.GetRequiredService<CartService>().MergeAnonymousCartAsync(principal);
            };
        });
        return builder;
    }
}
