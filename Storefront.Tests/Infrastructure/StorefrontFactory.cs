using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// The real application on a real loopback port (Kestrel) and its own SQLite file, so that every test
/// goes through HTTP exactly as a browser or Adyen would. Extra configuration goes in through
/// <see cref="Settings"/> before the first request.
/// </summary>
public class StorefrontFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"storefront-test-{Guid.NewGuid():N}.db");

    public StorefrontFactory() => UseKestrel(0);

    public const string MerchandiserEmail = "merch@test.local";
    public const string MerchandiserPassword = "Merch-Test-Pass-1";

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The app's real address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal) + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Storefront", $"Data Source={_databasePath}");
        builder.UseSetting("Admin:Email", MerchandiserEmail);
        builder.UseSetting("Admin:Password", MerchandiserPassword);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    /// <summary>A client that keeps cookies like a browser and shows redirects instead of following them.</summary>
    public Browser CreateBrowser(bool followRedirects = false)
    {
        // Our own handler: over Kestrel, WebApplicationFactory's client sits on a handler that follows
        // redirects whatever WebApplicationFactoryClientOptions.AllowAutoRedirect says.
        return new Browser(new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            UseCookies = true,
            CookieContainer = new System.Net.CookieContainer(),
        })
        {
            BaseAddress = BaseAddress,
        });
    }

    /// <summary>A fresh scope with the app's DbContext, for arranging and asserting on the database.</summary>
    public async Task<T> WithDbAsync<T>(Func<StorefrontDbContext, Task<T>> action)
    {
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StorefrontDbContext>());
    }

    public Task WithDbAsync(Func<StorefrontDbContext, Task> action) =>
        WithDbAsync(async db => { await action(db); return true; });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
    }
}
