using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Storefront.Localization;
using Storefront.Shared;

namespace Storefront.Tests.Localization;

/// <summary>Times as shoppers read them: the market's wall clock, the language's words, never UTC.</summary>
public sealed class LocalTimesTests
{
    /// <summary>09:57 UTC on 2 December 2026: 18:57 in Seoul and Tokyo, 04:57 in New York.</summary>
    private static readonly DateTime Moment = new(2026, 12, 2, 9, 57, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("KR", "ko-KR", "2026년 12월 2일 오후 6:57")]
    [InlineData("KR", "en", "December 2, 2026 6:57 PM")]
    [InlineData("JP", "ko-KR", "2026년 12월 2일 오후 6:57")]
    [InlineData("US", "en", "December 2, 2026 4:57 AM")]
    [InlineData("US", "ko-KR", "2026년 12월 2일 오전 4:57")]
    [InlineData("GB", "en", "December 2, 2026 9:57 AM")]
    public void A_moment_reads_on_the_markets_clock_in_the_languages_words(string country, string culture, string expected)
    {
        var times = Times();

        using (Cultures.Use(CultureInfo.GetCultureInfo(culture)))
            Assert.Equal(expected, times.DateAndTime(Moment, times.ZoneOf(country)));
    }

    [Fact]
    public void A_date_alone_is_the_markets_day_which_may_not_be_utcs()
    {
        var times = Times();
        var lateEvening = new DateTime(2026, 12, 2, 20, 30, 0, DateTimeKind.Utc);

        using (Cultures.Use(Cultures.Korean))
            Assert.Equal("2026년 12월 3일", times.Date(lateEvening, times.ZoneOf("KR")));
        using (Cultures.Use(Cultures.English))
            Assert.Equal("December 2, 2026", times.Date(lateEvening, times.ZoneOf("US")));
    }

    [Fact]
    public void A_markets_zone_can_be_configured_and_the_others_keep_theirs()
    {
        var times = Times(new StorefrontOptions { Markets = { ["US"] = new MarketSettings { TimeZone = "America/Los_Angeles" } } });

        using (Cultures.Use(Cultures.English))
        {
            Assert.Equal("December 2, 2026 1:57 AM", times.DateAndTime(Moment, times.ZoneOf("US")));
            Assert.Equal("December 2, 2026 6:57 PM", times.DateAndTime(Moment, times.ZoneOf("KR")));
        }
    }

    [Fact]
    public void Without_a_market_the_shoppers_market_decides()
    {
        var times = Times(new StorefrontOptions { DefaultCountry = "KR" });

        using (Cultures.Use(Cultures.English))
            Assert.Equal("December 2, 2026 6:57 PM", times.DateAndTime(Moment));
    }

    private static LocalTimes Times(StorefrontOptions? options = null)
    {
        var settings = Options.Create(options ?? new StorefrontOptions());
        return new LocalTimes(settings, new ShopperMarket(new HttpContextAccessor(), settings), TestLocalizers.Shared);
    }
}
