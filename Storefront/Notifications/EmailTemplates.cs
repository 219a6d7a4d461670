using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Notifications;

/// <summary>A rendered message: what the outbox stores and the sender sends, unchanged.</summary>
public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// The shopper's e-mails, in plain text and HTML. Everything the shopper or a merchandiser typed (names, product
/// names, carrier, tracking number) is HTML-encoded; prices are <see cref="Money"/>'s, as on the site.
/// </summary>
public static partial class EmailTemplates
{
    public static RenderedEmail OrderConfirmed(Order order, string orderUrl) =>
        Render($"Order {order.Number} confirmed", order.Contact.Name,
            [$"Thank you for your order. We have received your payment of {order.Total} for order {order.Number}."],
            order, orderUrl, "View your order");

    public static RenderedEmail AwaitingPayment(Order order, string orderUrl) =>
        Render($"We're waiting for your payment for order {order.Number}", order.Contact.Name,
            [
                $"KakaoPay has not confirmed your payment of {order.Total} for order {order.Number} yet.",
                "We will e-mail you again as soon as it is confirmed. There is nothing you need to do now.",
            ],
            order, orderUrl, "Check your order");

    public static RenderedEmail OrderShipped(Order order, string orderUrl) =>
        Render($"Order {order.Number} has shipped", order.Contact.Name,
            [$"Your order {order.Number} is on its way with {order.Carrier}, tracking number {order.TrackingNumber}."],
            order, orderUrl, "View your order");

    public static RenderedEmail RefundIssued(Order order, PaymentModification refund, string orderUrl) =>
        Render($"Refund of {refund.Total} for order {order.Number}", order.Contact.Name,
            [$"We have refunded {refund.Total} for order {order.Number}. Depending on your bank it may take a few days to appear."],
            itemized: null, orderUrl, "View your order");

    public static RenderedEmail OrderLink(Order order, string orderUrl) =>
        Render($"Your link to order {order.Number}", order.Contact.Name,
            [$"Here is a new link to your order {order.Number}, as you asked. Keep this e-mail: the link opens your order without an account."],
            itemized: null, orderUrl, "View your order");

    /// <summary>Identity's messages (password reset, e-mail confirmation) arrive as HTML; the text part is derived from it.</summary>
    public static RenderedEmail Account(string subject, string htmlMessage) =>
        new(subject, HtmlToText(htmlMessage), Wrap(WebUtility.HtmlEncode(subject), $"<p>{htmlMessage}</p>"));

    private static RenderedEmail Render(string subject, string name, IReadOnlyList<string> paragraphs, Order? itemized, string orderUrl, string linkText)
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
        if (itemized is not null)
        {
            html.AppendLine("<table><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Quantity</th><th scope=\"col\">Price</th></tr></thead><tbody>");
            foreach (var line in itemized.Lines)
            {
                var lineTotal = new Money(line.LineTotal, itemized.Currency);
                text.Append("  ").Append(line.Quantity).Append(" × ").Append(line.Name).Append("  ").Append(lineTotal).AppendLine();
                html.Append("<tr><td>").Append(Encode(line.Name)).Append("</td><td>").Append(line.Quantity)
                    .Append("</td><td>").Append(Encode(lineTotal.ToString())).AppendLine("</td></tr>");
            }
            text.Append("  Total: ").Append(itemized.Total).AppendLine().AppendLine();
            html.Append("</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">Total</th><td>").Append(Encode(itemized.Total.ToString()))
                .AppendLine("</td></tr></tfoot></table>");
        }
        text.Append(linkText).Append(": ").AppendLine(orderUrl);
        html.Append("<p><a href=\"").Append(Encode(orderUrl)).Append("\">").Append(Encode(linkText)).AppendLine("</a></p>");
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
