using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Storefront.Localization;

namespace Storefront.Account;

/// <summary>
/// Identity's error messages (a password too short, an address already taken…) in the shopper's language, from
/// <see cref="SharedResource"/>. The codes stay Identity's; only the descriptions people read change.
/// </summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() =>
        Error(nameof(DefaultError), localizer["Something went wrong. Try again."]);

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), localizer["Your account was changed elsewhere at the same time. Try again."]);

    public override IdentityError PasswordMismatch() =>
        Error(nameof(PasswordMismatch), localizer["The password is not correct."]);

    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), localizer["This link is not valid or has expired."]);

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Error(nameof(RecoveryCodeRedemptionFailed), localizer["This link is not valid or has expired."]);

    public override IdentityError LoginAlreadyAssociated() =>
        Error(nameof(LoginAlreadyAssociated), localizer["Something went wrong. Try again."]);

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), localizer["Enter a valid e-mail address."]);

    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), localizer["Enter a valid e-mail address."]);

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), localizer["The e-mail address {0} already belongs to another account.", userName]);

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), localizer["The e-mail address {0} already belongs to another account.", email]);

    public override IdentityError InvalidRoleName(string? role) =>
        Error(nameof(InvalidRoleName), localizer["Something went wrong. Try again."]);

    public override IdentityError DuplicateRoleName(string role) =>
        Error(nameof(DuplicateRoleName), localizer["Something went wrong. Try again."]);

    public override IdentityError UserAlreadyHasPassword() =>
        Error(nameof(UserAlreadyHasPassword), localizer["Your account already has a password."]);

    public override IdentityError UserLockoutNotEnabled() =>
        Error(nameof(UserLockoutNotEnabled), localizer["Something went wrong. Try again."]);

    public override IdentityError UserAlreadyInRole(string role) =>
        Error(nameof(UserAlreadyInRole), localizer["Something went wrong. Try again."]);

    public override IdentityError UserNotInRole(string role) =>
        Error(nameof(UserNotInRole), localizer["Something went wrong. Try again."]);

    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), localizer["Passwords must be at least {0} characters long.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), localizer["Passwords must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), localizer["Passwords must have at least one character that is not a letter or a digit."]);

    public override IdentityError PasswordRequiresDigit() =>
        Error(nameof(PasswordRequiresDigit), localizer["Passwords must have at least one digit (0-9)."]);

    public override IdentityError PasswordRequiresLower() =>
        Error(nameof(PasswordRequiresLower), localizer["Passwords must have at least one lowercase letter (a-z)."]);

    public override IdentityError PasswordRequiresUpper() =>
        Error(nameof(PasswordRequiresUpper), localizer["Passwords must have at least one uppercase letter (A-Z)."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
