using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Storefront.Shared;

namespace Storefront.Notifications;

/// <summary>A rendered message: what the outbox stores and the sender sends, unchanged.</summary>
public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody);

/// <summary>What an e-mail lists in a table: the lines bought, and their total.</summary>
public sealed record EmailItems(IReadOnlyList<EmailItem> Lines, Money Total);

/// <summary>One line of <see cref="EmailItems"/>: what was bought, how many, for how much.</summary>
public sealed record EmailItem(string Name, int Quantity, Money LineTotal);

/// <summary>
/// The shop's e-mails in plain text and HTML, one layout for all: a greeting, paragraphs, optionally a table of items,
/// and a link, in the current UI culture's language (the caller sets it: the request's, or an order's). Everything the
/// shopper or a merchandiser typed (names, product names, carrier, tracking number) is HTML-encoded; prices are
/// <see cref="Money"/>'s, as on the site. The wording of each e-mail is its feature's.
/// </summary>
public static partial class EmailTemplates
{
    /// <summary>A message Identity wrote in HTML that the shop has no words of its own for; the text part is derived from it.</summary>
    public static RenderedEmail Account(string subject, string htmlMessage) =>
        new(subject, HtmlToText(htmlMessage), Wrap(WebUtility.HtmlEncode(subject), $"<p>{htmlMessage}</p>"));

    /// <summary>
    /// An e-mail in the shop's layout, to <paramref name="name"/> when there is one to greet; <paramref name="items"/>,
    /// when given, in a table. <paramref name="localizer"/> gives the layout's own words.
    /// </summary>
    public static RenderedEmail Render(IStringLocalizer localizer, string subject, string? name, IReadOnlyList<string> paragraphs,
        EmailItems? items, string link, string linkText)
    {
        var text = new StringBuilder();
        var html = new StringBuilder();
        if (name is not null)
        {
            var greeting = localizer["Hello {0},", name].Value;
            text.AppendLine(greeting).AppendLine();
            html.Append("<p>").Append(Encode(greeting)).AppendLine("</p>");
        }
        foreach (var paragraph in paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(Encode(paragraph)).AppendLine("</p>");
        }
        if (items is not null)
        {
            string item = localizer["Item"], quantity = localizer["Quantity"], price = localizer["Price"], total = localizer["Total"];
            html.Append("<table><thead><tr><th scope=\"col\">").Append(Encode(item)).Append("</th><th scope=\"col\">").Append(Encode(quantity))
                .Append("</th><th scope=\"col\">").Append(Encode(price)).AppendLine("</th></tr></thead><tbody>");
            foreach (var line in items.Lines)
            {
                text.Append("  ").Append(line.Quantity).Append(" × ").Append(line.Name).Append("  ").Append(line.LineTotal).AppendLine();
                html.Append("<tr><td>").Append(Encode(line.Name)).Append("</td><td>").Append(line.Quantity)
                    .Append("</td><td>").Append(Encode(line.LineTotal.ToString())).AppendLine("</td></tr>");
            }
            text.Append("  ").Append(total).Append(": ").Append(items.Total).AppendLine().AppendLine();
            html.Append("</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">").Append(Encode(total)).Append("</th><td>")
                .Append(Encode(items.Total.ToString())).AppendLine("</td></tr></tfoot></table>");
        }
        text.Append(linkText).Append(": ").AppendLine(link);
        html.Append("<p><a href=\"").Append(Encode(link)).Append("\">").Append(Encode(linkText)).AppendLine("</a></p>");
        return new RenderedEmail(subject, text.ToString(), Wrap(Encode(subject), html.ToString()));
    }

    private static string Wrap(string encodedTitle, string body) =>
        $"<!DOCTYPE html><html lang=\"{CultureInfo.CurrentUICulture.Name}\"><head><meta charset=\"utf-8\"><title>{encodedTitle}</title></head><body>{body}<p>Storefront</p></body></html>";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    // Identity writes "… <a href='URL'>clicking here</a>.": the text part keeps the URL itself.
    private static string HtmlToText(string html)
    {
        var withUrls = Link().Replace(html, match => $"{match.Groups["text"].Value} ({WebUtility.HtmlDecode(match.Groups["url"].Value)})");
        return WebUtility.HtmlDecode(Tag().Replace(withUrls, ""));
    }

    [GeneratedRegex("""<a\s[^>]*href=['"](?<url>[^'"]*)['"][^>]*>(?<text>.*?)</a>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
