namespace Storefront.Account;

/// <summary>A merchandiser account provisioned on start, idempotently (<c>Admin:Email</c>, <c>Admin:Password</c>).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
