using System.Net;
using System.Text;
using System.Text.RegularExpressions;
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
/// and a link. Everything the shopper or a merchandiser typed (names, product names, carrier, tracking number) is
/// HTML-encoded; prices are <see cref="Money"/>'s, as on the site. The wording of each e-mail is its feature's.
/// </summary>
public static partial class EmailTemplates
{
    /// <summary>Identity's messages (password reset, e-mail confirmation) arrive as HTML; the text part is derived from it.</summary>
    public static RenderedEmail Account(string subject, string htmlMessage) =>
        new(subject, HtmlToText(htmlMessage), Wrap(WebUtility.HtmlEncode(subject), $"<p>{htmlMessage}</p>"));

    /// <summary>An e-mail to <paramref name="name"/> in the shop's layout; <paramref name="items"/>, when given, in a table.</summary>
    public static RenderedEmail Render(string subject, string name, IReadOnlyList<string> paragraphs, EmailItems? items,
        string link, string linkText)
    {
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append("Hello ").Append(name).AppendLine(",").AppendLine();
        html.Append("<p>Hello ").Append(Encode(name)).AppendLine(",</p>");
        foreach (var paragraph in paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
            html.Append("<p>").Append(Encode(paragraph)).AppendLine("</p>");
        }
        if (items is not null)
        {
            html.AppendLine("<table><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Quantity</th><th scope=\"col\">Price</th></tr></thead><tbody>");
            foreach (var item in items.Lines)
            {
                text.Append("  ").Append(item.Quantity).Append(" × ").Append(item.Name).Append("  ").Append(item.LineTotal).AppendLine();
                html.Append("<tr><td>").Append(Encode(item.Name)).Append("</td><td>").Append(item.Quantity)
                    .Append("</td><td>").Append(Encode(item.LineTotal.ToString())).AppendLine("</td></tr>");
            }
            text.Append("  Total: ").Append(items.Total).AppendLine().AppendLine();
            html.Append("</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">Total</th><td>").Append(Encode(items.Total.ToString()))
                .AppendLine("</td></tr></tfoot></table>");
        }
        text.Append(linkText).Append(": ").AppendLine(link);
        html.Append("<p><a href=\"").Append(Encode(link)).Append("\">").Append(Encode(linkText)).AppendLine("</a></p>");
        return new RenderedEmail(subject, text.ToString(), Wrap(Encode(subject), html.ToString()));
    }

    private static string Wrap(string encodedTitle, string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{encodedTitle}</title></head><body>{body}<p>Storefront</p></body></html>";

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
