using Microsoft.Extensions.Options;
using Storefront.Payments.Adyen;

namespace Storefront.Payments.Sandbox;

/// <summary>
/// Mounts the Adyen-compatible simulator, only when <c>Adyen:Mode</c> is Sandbox (never in Production: the Adyen
/// options refuse it). The store's own code reaches it only through IAdyenCheckout, over HTTP.
/// </summary>
public static class SandboxRegistration
{
    public static WebApplicationBuilder AddAdyenSandbox(this WebApplicationBuilder builder)
    {
        if (AdyenRegistration.Mode(builder) != AdyenMode.Sandbox)
            return builder;
        builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section)
            .Validate(o => o.ResponseDelay >= TimeSpan.Zero && o.ResponseDelay <= TimeSpan.FromMinutes(5),
                "Adyen:Sandbox:ResponseDelay must be between 00:00:00 and 00:05:00.")
            .Validate(o => o.PaymentsErrorStatus is null or (>= 400 and <= 599),
                "Adyen:Sandbox:PaymentsErrorStatus must be an HTTP error status (400–599), or empty.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AdyenSandbox>();
        return builder;
    }

    public static WebApplication MapAdyenSandbox(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AdyenOptions>>().Value.Mode != AdyenMode.Sandbox)
            return app;
        if (app.Services.GetService<AdyenSandbox>() is null)
            throw new InvalidOperationException("Adyen:Mode is Sandbox: call builder.AddAdyenSandbox() before mapping the sandbox.");
        SandboxCheckoutApi.Map(app);
        SandboxApprovalPage.Map(app);
        return app;
    }
}
