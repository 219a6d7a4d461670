using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Net;
using System.Net.Sockets;

using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Operations;

/// <summary>The app listening on its public port and on a metrics port that only Prometheus reaches.</summary>
public sealed class MetricsPortFactory : StorefrontFactory
{
    public MetricsPortFactory()
    {
        Settings["Operations:MetricsScrape"] = "Port";
        Settings["Operations:MetricsPort"] = MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // As Kestrel is told by `urls` in production: the public port first (the tests' base address), then the metrics port.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = builder.Build();
        var addresses = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        addresses.Addresses.Clear();
        addresses.Addresses.Add("http://127.0.0.1:0");
        addresses.Addresses.Add(MetricsUrl.ToString().TrimEnd('/'));
        addresses.PreferHostingUrls = true;
        host.Start();
        return host;
    }

    public int MetricsPort { get; } = FreePort();

    private Uri MetricsUrl => new($"http://127.0.0.1:{MetricsPort}/");

    /// <summary>The metrics port's address, once the app listens on it.</summary>
    public Uri MetricsAddress
    {
        get
        {
            StartServer();
            return MetricsUrl;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class MetricsPortTests(MetricsPortFactory app) : IClassFixture<MetricsPortFactory>
{
    // The product list's requests, as the ASP.NET Core instrument names its route.
    private const string ProductListRequests = "http_route=\"products\"";

    [Fact]
    public async Task Prometheus_scrapes_on_the_metrics_port()
    {
        using var shopper = new HttpClient { BaseAddress = app.BaseAddress };
        using var prometheus = new HttpClient { BaseAddress = app.MetricsAddress };
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync("/products")).StatusCode);

        // The exporter may answer from its short scrape cache at first: scrape until the shopper's request is in.
        var scraped = await Eventually.ReachesAsync(async () =>
            {
                using var response = await prometheus.GetAsync("/metrics");
                return (response.StatusCode, ContentType: response.Content.Headers.ContentType?.MediaType ?? "", Body: await response.Content.ReadAsStringAsync());
            },
            scrape => scrape.StatusCode == HttpStatusCode.OK && scrape.Body.Contains(ProductListRequests, StringComparison.Ordinal),
            "the shopper's request in a scrape of the metrics port", describe: scrape => $"{(int)scrape.StatusCode}");

        Assert.StartsWith("text/plain", scraped.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_port_has_no_metrics_even_when_the_host_header_names_the_metrics_port()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.NotEqual(app.MetricsPort, app.BaseAddress.Port);

        var plain = await client.GetAsync("/metrics");
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{app.MetricsPort}";
        var withHost = await client.SendAsync(spoofed);

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withHost.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", await withHost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
