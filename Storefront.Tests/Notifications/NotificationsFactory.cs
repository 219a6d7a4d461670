using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Notifications;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Notifications;

/// <summary>The sandbox app with its real pickup-directory transport.</summary>
public sealed class NotificationsFactory : SandboxFactory;

/// <summary>The app with a transport the test controls, quick retries and a short poll.</summary>
public class ControlledTransportFactory : StorefrontFactory
{
    public ControlledTransportFactory()
    {
        UseFastRetries();
    }

    protected ControlledTransportFactory(string databasePath)
        : base(databasePath)
    {
        UseFastRetries();
    }

    public RecordingTransport Transport { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IEmailTransport>(Transport));
    }

    private void UseFastRetries()
    {
        Settings["Email:PollInterval"] = "00:00:00.020";
        Settings["Email:RetryDelay"] = "00:00:00.100";
        Settings["Email:MaxRetryDelay"] = "00:00:01";
        Settings["Email:MaxAttempts"] = "5";
        Settings["Email:BatchSize"] = "5";
    }
}

/// <summary>One of several app instances on one database file.</summary>
public sealed class EmailNodeFactory(string databasePath) : ControlledTransportFactory(databasePath);
