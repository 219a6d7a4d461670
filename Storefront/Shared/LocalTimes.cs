using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Storefront.Localization;

namespace Storefront.Shared;

/// <summary>
/// Times as people read them: in a market's time zone (KR: Asia/Seoul, or <c>Storefront:Markets:{country}:TimeZone</c>),
/// in the words and order of the language being written (<c>2026년 12월 2일 오후 6:57</c>, <c>December 2, 2026 6:57 PM</c>),
/// never as UTC. Every shopper page, the e-mails and the merchandiser's dashboard format times here, on pages through
/// <see cref="LocalTimeTagHelper"/>. The patterns are resources, so each language brings its own.
/// </summary>
public sealed class LocalTimes(IOptions<StorefrontOptions> options, ShopperMarket shopperMarket, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Where each market's shoppers are when the configuration names no zone: the capital's zone.</summary>
    private static readonly Dictionary<string, string> DefaultZones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KR"] = "Asia/Seoul",
        ["US"] = "America/New_York",
        ["JP"] = "Asia/Tokyo",
        ["GB"] = "Europe/London",
        ["DE"] = "Europe/Berlin",
        ["FR"] = "Europe/Paris",
        ["NL"] = "Europe/Amsterdam",
    };

    /// <summary>The time zone of <paramref name="country"/>'s market, or of the shopper's market when none is given.</summary>
    public TimeZoneInfo ZoneOf(string? country = null)
    {
        country ??= shopperMarket.Current.Country;
        var configured = options.Value.Markets.TryGetValue(country, out var settings) ? settings.TimeZone : null;
        return TimeZoneInfo.FindSystemTimeZoneById(configured ?? DefaultZones.GetValueOrDefault(country, "UTC"));
    }

    /// <summary>A stored (UTC) moment as the clock on the wall in <paramref name="zone"/> showed it.</summary>
    public static DateTimeOffset InZone(DateTime utc, TimeZoneInfo zone)
    {
        var moment = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return TimeZoneInfo.ConvertTime(moment, zone);
    }

    /// <summary>Date and time in <paramref name="zone"/> (the shopper's market's when null), in the current language.</summary>
    public string DateAndTime(DateTime utc, TimeZoneInfo? zone = null) =>
        Format(utc, zone, localizer["MMMM d, yyyy h:mm tt"]);

    /// <summary>The date alone in <paramref name="zone"/> (the shopper's market's when null), in the current language.</summary>
    public string Date(DateTime utc, TimeZoneInfo? zone = null) =>
        Format(utc, zone, localizer["MMMM d, yyyy"]);

    private string Format(DateTime utc, TimeZoneInfo? zone, string pattern) =>
        InZone(utc, zone ?? ZoneOf()).ToString(pattern, CultureInfo.CurrentCulture);
}

public static class LocalTimesRegistration
{
    public static WebApplicationBuilder AddLocalTimes(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LocalTimes>();
        return builder;
    }
}
