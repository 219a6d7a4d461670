using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Storefront.Benchmarks;

/// <summary>
/// One shopper's browser (or the merchandiser's): its own cookies over a connection pool shared by every shopper (so
/// that a thousand shoppers do not hold a thousand idle connections), redirects shown rather than followed, HTML read
/// with AngleSharp.
/// </summary>
public sealed class ShopperSession(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    private readonly CookieContainer _cookies = new();

    /// <summary>A client for <see cref="ShopperSession"/>s: no cookies of its own, no redirects followed.</summary>
    public static HttpClient CreateSharedClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseAddress,
        };

    /// <summary>
    /// Sends with this shopper's cookies and keeps the ones the store sets. With
    /// <see cref="HttpCompletionOption.ResponseHeadersRead"/> it returns at the headers and the caller reads the body
    /// as it streams in (an export), instead of the whole body first.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, HttpContent? content, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var absolute = new Uri(http.BaseAddress!, url);
        using var request = new HttpRequestMessage(method, absolute) { Content = content };
        var cookies = _cookies.GetCookieHeader(absolute);
        if (cookies.Length > 0)
            request.Headers.Add("Cookie", cookies);
        var response = await http.SendAsync(request, completion, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
                _cookies.SetCookies(absolute, setCookie);
        }
        return response;
    }

    /// <summary>GETs a page and parses it; anything but 200 is a failed preparation.</summary>
    public async Task<HtmlPage> GetPageAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, new Uri(path, UriKind.Relative), null, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}, not 200.");
        return new HtmlPage(response.RequestMessage!.RequestUri!, await Parser.ParseDocumentAsync(html, cancellationToken));
    }

    /// <summary>Signs in through the Identity login form, as a shopper or the merchandiser does; anything but its redirect fails.</summary>
    public async Task LogInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var login = await GetPageAsync("/Identity/Account/Login", cancellationToken);
        using var response = await PostFormAsync(login.Form("form#account", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}, not a redirect: check the e-mail and password.");
    }

    /// <summary>Posts a form's fields (antiforgery token included) as a browser would.</summary>
    public Task<HttpResponseMessage> PostFormAsync(HtmlForm form, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, form.Action, new FormUrlEncodedContent(form.Fields), cancellationToken);
}

public sealed record HtmlPage(Uri Url, IHtmlDocument Document)
{
    /// <summary>The form matched by <paramref name="selector"/>, with <paramref name="overrides"/> replacing or adding fields.</summary>
    public HtmlForm Form(string selector, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var form = Document.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{selector}' on {Url}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input
                    when input.Type is not ("checkbox" or "radio" or "submit") || input.IsChecked:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        var action = form.GetAttribute("action") is { Length: > 0 } target ? new Uri(Url, target) : Url;
        return new HtmlForm(action, fields);
    }
}

/// <summary>A form ready to post: where, and every field a browser would send.</summary>
public sealed record HtmlForm(Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string? this[string name] => Fields.LastOrDefault(f => f.Key == name).Value;
}
