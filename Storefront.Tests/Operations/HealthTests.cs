using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Operations;

public sealed class HealthTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task Healthz_reports_the_database_healthy()
    {
        using var browser = app.CreateBrowser();
        var response = await browser.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", await response.Content.ReadAsStringAsync());
    }
}
