using System.ComponentModel.DataAnnotations;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>The one field of the forms that ask for an e-mail to be sent (forgot password, resend the confirmation).</summary>
public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";
}
