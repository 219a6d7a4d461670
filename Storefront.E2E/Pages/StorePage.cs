namespace Storefront.E2E.Pages;

/// <summary>What every page of the store has: a main heading, the header's country picker and the footer.</summary>
public abstract class StorePage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator CountryPicker => Page.GetByRole(AriaRole.Combobox, new() { Name = "Country", Exact = true });

    /// <summary>The country picker whatever language its label is in.</summary>
    public ILocator CountryPickerById => Page.Locator("#country-picker");

    public ILocator MainNavigation => Page.Locator("header nav").First;

    /// <summary>Presses the header's button for a language, named in that language ("English", "한국어").</summary>
    public Task SwitchLanguageAsync(string languageName) =>
        LoadsNextDocumentAsync(() => Page.Locator("form.language-switch")
            .GetByRole(AriaRole.Button, new() { Name = languageName, Exact = true }).ClickAsync());

    public ILocator ChangeCountryButton => Page.GetByRole(AriaRole.Button, new() { Name = "Change country" });

    public ILocator Footer => Page.GetByRole(AriaRole.Contentinfo);

    public ILocator AdminLink => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
        .GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true });

    /// <summary>
    /// Picks a country the way a shopper does: the picker submits itself on change, and /country redirects back to
    /// the same address.
    /// </summary>
    public Task ChooseCountryAsync(string countryCode) =>
        LoadsNextDocumentAsync(() => CountryPicker.SelectOptionAsync(countryCode));

    /// <summary>Picks a country and presses "Change country", as a shopper without JavaScript does.</summary>
    public Task ChooseCountryWithButtonAsync(string countryCode) =>
        LoadsNextDocumentAsync(async () =>
        {
            await CountryPicker.SelectOptionAsync(countryCode);
            await ChangeCountryButton.ClickAsync();
        });

    /// <summary>
    /// Runs an action that makes the browser load a new document (a form post and its redirect, say), and waits
    /// until that document is parsed. Waiting for the load state alone is not enough: it is answered by the current
    /// document, which loaded long ago, and the next navigation would then interrupt the test's own.
    /// </summary>
    protected async Task LoadsNextDocumentAsync(Func<Task> action)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == Page.MainFrame)
                committed.TrySetResult();
        }

        Page.FrameNavigated += OnNavigated;
        try
        {
            await action();
            await committed.Task.WaitAsync(NextDocumentTimeout);
        }
        finally
        {
            Page.FrameNavigated -= OnNavigated;
        }
        // Asked of the document itself: the client's load-state events for a new document can race its own check.
        await Page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
    }

    // The journeys' default timeout: pages come from loopback.
    private static readonly TimeSpan NextDocumentTimeout = TimeSpan.FromSeconds(15);
}
