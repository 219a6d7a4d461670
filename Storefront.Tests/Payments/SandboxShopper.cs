using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.WebUtilities;
using Storefront.Payments.Adyen;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>A shopper in a browser: follows the redirect action to the approval page, decides, comes back.</summary>
public static class SandboxShopper
{
    /// <summary>Opens the approval page the way the store sends the shopper there: a link (GET) or an auto-posted form.</summary>
    public static async Task<Browser.Page> OpenApprovalPageAsync(Browser browser, CheckoutAction action)
    {
        Assert.Equal("redirect", action.Type);
        Assert.NotNull(action.Url);
        if (!action.IsPostRedirect)
            return await browser.GetAsync(action.Url);
        Assert.NotNull(action.Data);
        return await Browser.Page.LoadAsync(await browser.Client.PostAsync(action.Url, new FormUrlEncodedContent(action.Data)));
    }

    /// <summary>Presses Approve, Decline or Cancel and returns how the shopper comes back to the store.</summary>
    public static async Task<ShopperReturn> DecideAsync(Browser browser, Browser.Page approvalPage, string decision, bool consent = false)
    {
        var fields = consent ? new Dictionary<string, string> { ["consent"] = "true" } : null;
        var response = await browser.SubmitAsync(approvalPage, $"#{decision}-form", fields);
        return await ShopperReturn.ReadAsync(response);
    }

    public static async Task<ShopperReturn> PayAsync(Browser browser, CheckoutAction action, string decision, bool consent = false) =>
        await DecideAsync(browser, await OpenApprovalPageAsync(browser, action), decision, consent);
}

/// <summary>Where the sandbox sent the shopper back to, by which method, with which redirectResult.</summary>
public sealed record ShopperReturn(string Method, string Url, string RedirectResult)
{
    public static async Task<ShopperReturn> ReadAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.SeeOther)
        {
            var location = response.Headers.Location!.OriginalString;
            var query = QueryHelpers.ParseQuery(new Uri(location).Query);
            return new ShopperReturn("GET", location, query["redirectResult"].Single()!);
        }

        var page = await Browser.Page.LoadAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"Expected the return form, got {(int)response.StatusCode}: {page.Html}");
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.Document.QuerySelector("form#return-form"));
        Assert.Equal("post", form.Method, ignoreCase: true);
        var redirectResult = Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector("input[name=redirectResult]")).Value;
        return new ShopperReturn("POST", form.GetAttribute("action")!, redirectResult);
    }
}
