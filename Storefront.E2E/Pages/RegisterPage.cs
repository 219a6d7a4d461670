namespace Storefront.E2E.Pages;

/// <summary>The Identity UI's registration page, inside the store layout.</summary>
public sealed class RegisterPage(IPage page) : StorePage(page)
{
    public ILocator Email => Page.GetByLabel("Email", new() { Exact = true });

    public ILocator Password => Page.GetByLabel("Password", new() { Exact = true });

    public ILocator ConfirmPassword => Page.GetByLabel("Confirm password", new() { Exact = true });

    public ILocator RegisterButton => Page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true });

    public static async Task<RegisterPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/Identity/Account/Register");
        return new RegisterPage(page);
    }

    public async Task RegisterAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await ConfirmPassword.FillAsync(password);
        await RegisterButton.ClickAsync();
    }
}
