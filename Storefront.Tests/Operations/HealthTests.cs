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

/// <summary>The app on a SQLite file in a folder of its own, which a test can take away while the app runs.</summary>
public sealed class RemovableDatabaseFactory : StorefrontFactory
{
    public RemovableDatabaseFactory()
    {
        // No pooling: a pooled connection would keep the removed file open and still answer.
        Settings["ConnectionStrings:Storefront"] = $"Data Source={Path.Combine(DatabaseFolder, "storefront.db")};Pooling=False";
    }

    public string DatabaseFolder { get; } = Path.Combine(Path.GetTempPath(), $"storefront-test-{Guid.NewGuid():N}");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(DatabaseFolder))
            Directory.Delete(DatabaseFolder, recursive: true);
    }
}

public sealed class UnreachableDatabaseHealthTests(RemovableDatabaseFactory app) : IClassFixture<RemovableDatabaseFactory>
{
    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_gone()
    {
        using var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/healthz")).StatusCode);

        // The app's workers keep opening the file (and SQLite its -wal and -shm beside it), so a delete can meet a
        // file made while it ran: it is tried again until the folder is gone.
        await Eventually.ReachesAsync(() => Task.FromResult(TryDelete(app.DatabaseFolder)), gone => gone, "the database folder is removed");

        var response = await browser.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"database\":\"Unhealthy\"", await response.Content.ReadAsStringAsync());
    }

    private static bool TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return !Directory.Exists(folder);
    }
}
