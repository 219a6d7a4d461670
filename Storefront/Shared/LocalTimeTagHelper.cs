using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Storefront.Shared;

/// <summary>
/// <c>&lt;time at="@order.CreatedAt" country="@order.Country"&gt;&lt;/time&gt;</c>: a stored UTC moment shown through
/// <see cref="LocalTimes"/> in the shopper's language and a market's zone, with the machine-readable moment (and its
/// offset) in <c>datetime</c>.
/// </summary>
[HtmlTargetElement("time", Attributes = "at")]
public sealed class LocalTimeTagHelper(LocalTimes times) : TagHelper
{
    /// <summary>The moment, as stored (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The market whose zone shows it, such as an order's country; the shopper's market when not given.</summary>
    public string? Country { get; set; }

    /// <summary>A zone given outright (the merchandiser's dashboard zone); it wins over <see cref="Country"/>.</summary>
    public TimeZoneInfo? Zone { get; set; }

    /// <summary>Shows the date without the time of day.</summary>
    [HtmlAttributeName("date-only")]
    public bool DateOnly { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var zone = Zone ?? times.ZoneOf(Country);
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", LocalTimes.InZone(At, zone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        output.Content.SetContent(DateOnly ? times.Date(At, zone) : times.DateAndTime(At, zone));
    }
}
