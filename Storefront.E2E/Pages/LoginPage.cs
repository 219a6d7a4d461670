namespace Storefront.E2E.Pages;

/// <summary>The Identity UI's log-in page, inside the store layout.</summary>
public sealed class LoginPage(IPage page) : StorePage(page)
{
    public ILocator Email => Page.GetByLabel("Email", new() { Exact = true });

    public ILocator Password => Page.GetByLabel("Password", new() { Exact = true });

    public ILocator LogInButton => Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true });

    public async Task LogInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await LogInButton.ClickAsync();
    }
}
