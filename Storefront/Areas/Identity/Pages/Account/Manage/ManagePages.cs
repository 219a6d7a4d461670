namespace Storefront.Areas.Identity.Pages.Account.Manage;

/// <summary>Which entry of the settings menu a page is (its <c>ViewData["ActivePage"]</c>), so the menu marks it current.</summary>
public static class ManagePages
{
    public const string Profile = nameof(Profile);
    public const string Email = nameof(Email);
    public const string ChangePassword = nameof(ChangePassword);
}
