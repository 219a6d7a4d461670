namespace Storefront.E2E.Pages;

/// <summary>What every page of the store has: a main heading, the header's country picker and the footer.</summary>
public abstract class StorePage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator CountryPicker => Page.GetByRole(AriaRole.Combobox, new() { Name = "Country", Exact = true });

    public ILocator ChangeCountryButton => Page.GetByRole(AriaRole.Button, new() { Name = "Change country" });

    public ILocator Footer => Page.GetByRole(AriaRole.Contentinfo);

    public ILocator AdminLink => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
        .GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true });

    /// <summary>Picks a country the way a shopper does: the picker submits itself on change.</summary>
    public Task ChooseCountryAsync(string countryCode) =>
        ReloadedAfterCountryChangeAsync(() => CountryPicker.SelectOptionAsync(countryCode));

    /// <summary>Picks a country and presses "Change country", as a shopper without JavaScript does.</summary>
    public Task ChooseCountryWithButtonAsync(string countryCode) =>
        ReloadedAfterCountryChangeAsync(async () =>
        {
            await CountryPicker.SelectOptionAsync(countryCode);
            await ChangeCountryButton.ClickAsync();
        });

    // The picker posts to /country, which redirects back: wait for the page it redirects to.
    private async Task ReloadedAfterCountryChangeAsync(Func<Task> change)
    {
        await Page.RunAndWaitForResponseAsync(change, response =>
            response.Request.IsNavigationRequest
            && response.Request.RedirectedFrom?.Url.EndsWith("/country", StringComparison.Ordinal) == true);
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
