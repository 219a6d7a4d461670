using System.ComponentModel.DataAnnotations;

namespace Storefront.Areas.Identity.Pages.Account;

/// <summary>A new password and its repetition, as the reset and change-password forms ask for them.</summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(100, ErrorMessage = "The {0} must be at least {2} and at max {1} characters long.", MinimumLength = 6)]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [DataType(DataType.Password)]
    [Display(Name = "Confirm new password")]
    [Compare(nameof(Password), ErrorMessage = "The password and confirmation password do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
