using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Dom;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Drives the app the way a browser does: GET a page, fill a form found in its HTML (antiforgery token
/// included), submit it. HTML is parsed with AngleSharp, never scraped with regular expressions.
/// </summary>
public sealed class Browser(HttpClient client, StorefrontFactory? app = null) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    /// <summary>The app this browser talks to, when it came from <see cref="StorefrontFactory.CreateBrowser"/>: steps read its mail.</summary>
    public StorefrontFactory? App { get; } = app;

    public async Task<Page> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return await Page.LoadAsync(response);
    }

    /// <summary>Submits the form matched by <paramref name="formSelector"/> on <paramref name="page"/>, with field overrides.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(Page page, string formSelector, IDictionary<string, string>? fields = null)
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Response.RequestMessage?.RequestUri}.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input
                    when input.Type is not ("checkbox" or "radio" or "submit") || input.IsChecked:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    values.Add(new(name, textArea.Value));
                    break;
            }
        }
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        // Like a browser, a relative action is resolved against the page's own address, which may be another
        // site's (the payment page) than the client's base address.
        var pageUrl = page.Response.RequestMessage!.RequestUri!;
        var action = form.GetAttribute("action") is { Length: > 0 } target ? new Uri(pageUrl, target) : pageUrl;
        return await Client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public void Dispose() => Client.Dispose();

    public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document, string Html)
    {
        public HttpStatusCode Status => Response.StatusCode;

        public static async Task<Page> LoadAsync(HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            return new Page(response, await Parser.ParseDocumentAsync(html), html);
        }
    }
}
