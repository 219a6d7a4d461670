using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Storefront.Data;
using Storefront.Notifications;
using Storefront.Shared;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// The real application on a real loopback port (Kestrel) and its own SQLite file, so that every test
/// goes through HTTP exactly as a browser or Adyen would. Extra configuration goes in through
/// <see cref="Settings"/> before the first request.
/// </summary>
public class StorefrontFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath;
    private readonly bool _ownsDatabase;

    /// <summary>The app on a database file of its own, deleted with the factory.</summary>
    public StorefrontFactory()
        : this(NewDatabasePath(), ownsDatabase: true)
    {
    }

    /// <summary>
    /// The app on <paramref name="databasePath"/>, which outlives the factory: two instances one after the other
    /// (a restart) or side by side (two nodes) share it. The caller deletes it (<see cref="DeleteDatabase"/>).
    /// Protected: xunit wants a single public constructor on a class fixture.
    /// </summary>
    protected StorefrontFactory(string databasePath)
        : this(databasePath, ownsDatabase: false)
    {
    }

    private StorefrontFactory(string databasePath, bool ownsDatabase)
    {
        _databasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        UseKestrel(0);
        // Every test's client comes from 127.0.0.1, so one address stands for all the shoppers of a test class: the
        // per-address limits are lifted far above what a class posts. The rate-limit tests set small ones.
        foreach (var policy in new[] { "SignIn", "Email", "Payment" })
            Settings[$"Security:RateLimits:{policy}:PermitLimit"] = "1000000";
        // Orders ship free unless a test sets a rate (UseShipping), so that the amounts other tests assert stay the
        // goods' own.
        foreach (var currency in Market.Currencies)
            Settings[$"Storefront:Shipping:{currency}:Fee"] = "0";
    }

    /// <summary>Charges <paramref name="fee"/> per order in <paramref name="currency"/>, free from <paramref name="freeFrom"/> (major units).</summary>
    public void UseShipping(string currency, string fee, string? freeFrom)
    {
        Settings[$"Storefront:Shipping:{currency}:Fee"] = fee;
        Settings[$"Storefront:Shipping:{currency}:FreeFrom"] = freeFrom;
    }

    public const string MerchandiserEmail = "merch@test.local";
    public const string MerchandiserPassword = "Merch-Test-Pass-1";

    /// <summary>Webhook secrets for apps in Test or Live mode, where they must be configured (never sent anywhere).</summary>
    public const string TestHmacKey = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
    public const string TestTokenizationHmacKey = "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0";

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>What the app logged (at the levels its configuration lets through), in order.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>When set before start, the app's clock: tests move time with <see cref="FakeTimeProvider.Advance"/>.</summary>
    public FakeTimeProvider? Clock { get; protected init; }

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"storefront-test-{Guid.NewGuid():N}.db");

    /// <summary>Deletes a SQLite file, its WAL companions and the e-mails written beside it once no app uses it.</summary>
    public static void DeleteDatabase(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(databasePath + suffix);
        var mail = Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + "-mail");
        if (Directory.Exists(mail))
            Directory.Delete(mail, recursive: true);
    }

    /// <summary>Where the app writes its e-mails as .eml files (by default beside the database file).</summary>
    public string PickupDirectory
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory!;
        }
    }

    /// <summary>The database file this app runs on.</summary>
    public string DatabasePath => _databasePath;

    /// <summary>HMAC keys and Basic auth for an app in Test or Live mode.</summary>
    public void UseWebhookSecrets()
    {
        Settings["Adyen:HmacKeys:0"] = TestHmacKey;
        Settings["Adyen:TokenizationHmacKeys:0"] = TestTokenizationHmacKey;
        Settings["Adyen:WebhookUsername"] = "adyen-test";
        Settings["Adyen:WebhookPassword"] = "adyen-test-password";
    }

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
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (Clock is { } clock)
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
    }

    /// <summary>
    /// A client that keeps cookies like a browser and shows redirects instead of following them. It speaks English
    /// (<c>Accept-Language: en</c>) unless told another <paramref name="acceptLanguage"/>, or none with null, so that a
    /// test in the Korean market reads the English words it asserts on.
    /// </summary>
    public Browser CreateBrowser(bool followRedirects = false, string? acceptLanguage = "en")
    {
        // A plain socket client, not CreateClient(): on Kestrel the factory's client follows redirects
        // whatever WebApplicationFactoryClientOptions.AllowAutoRedirect says.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (acceptLanguage is not null)
            client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return new Browser(client, this);
    }

    /// <summary>
    /// Starts the app, which must refuse to start, and returns every message of what it threw (inner and aggregated
    /// exceptions included, joined by " | "): the options' messages are nested in the host's exception.
    /// </summary>
    public string StartFailure()
    {
        var thrown = Record.Exception(StartServer);
        Assert.NotNull(thrown);
        return string.Join(" | ", Flatten(thrown).Select(e => e.Message));

        static IEnumerable<Exception> Flatten(Exception? exception)
        {
            for (; exception is not null; exception = exception.InnerException)
            {
                yield return exception;
                if (exception is AggregateException aggregate)
                {
                    foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                        yield return inner;
                }
            }
        }
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
        if (_ownsDatabase)
            DeleteDatabase(_databasePath);
    }
}
