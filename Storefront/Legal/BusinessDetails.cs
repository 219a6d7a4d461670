using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Storefront.Legal;

/// <summary>
/// Who runs the shop, as a Korean online shop must show it on its pages (상호, 대표자, 사업자등록번호, 통신판매업 신고번호,
/// 주소, 고객센터 전화와 e-mail, 개인정보 보호책임자): <c>Storefront:Business:*</c>, shown in every page's footer.
/// </summary>
public sealed class BusinessDetails
{
    public const string Section = "Storefront:Business";

    /// <summary>상호: the registered business name, e.g. 주식회사 스토어프론트.</summary>
    public string? Name { get; set; }

    /// <summary>대표자: the representative's name.</summary>
    public string? Representative { get; set; }

    /// <summary>사업자등록번호: ten digits, shown as 123-45-67890.</summary>
    public string? RegistrationNumber { get; set; }

    /// <summary>통신판매업 신고번호, as the report was numbered, e.g. 제2026-서울강남-01234호.</summary>
    public string? MailOrderNumber { get; set; }

    /// <summary>주소: the business address.</summary>
    public string? Address { get; set; }

    /// <summary>고객센터 전화.</summary>
    public string? Phone { get; set; }

    /// <summary>고객센터 e-mail.</summary>
    public string? Email { get; set; }

    /// <summary>개인정보 보호책임자: the privacy officer's name and, if not the customer service's, how to reach them.</summary>
    public string? PrivacyOfficer { get; set; }

    /// <summary><see cref="RegistrationNumber"/> as it is written: 123-45-67890.</summary>
    public string? FormattedRegistrationNumber =>
        RegistrationNumberDigits(RegistrationNumber) is { } digits ? $"{digits[..3]}-{digits[3..5]}-{digits[5..]}" : RegistrationNumber;

    internal static string? RegistrationNumberDigits(string? number) =>
        number?.Replace("-", "", StringComparison.Ordinal).Trim() is { Length: 10 } digits && digits.All(char.IsAsciiDigit) ? digits : null;
}

/// <summary>
/// Outside Development a shop may not open without its business details: each missing one stops the start, naming its
/// key. Anywhere, what is given must be well formed.
/// </summary>
internal sealed partial class BusinessDetailsValidator(IHostEnvironment environment) : IValidateOptions<BusinessDetails>
{
    public ValidateOptionsResult Validate(string? name, BusinessDetails options)
    {
        var failures = new List<string>();
        if (!environment.IsDevelopment())
        {
            Require(options.Name, nameof(options.Name), "상호, the registered business name");
            Require(options.Representative, nameof(options.Representative), "대표자, the representative's name");
            Require(options.RegistrationNumber, nameof(options.RegistrationNumber), "사업자등록번호, e.g. 123-45-67890");
            Require(options.MailOrderNumber, nameof(options.MailOrderNumber), "통신판매업 신고번호, e.g. 제2026-서울강남-01234호");
            Require(options.Address, nameof(options.Address), "주소, the business address");
            Require(options.Phone, nameof(options.Phone), "고객센터 전화, the customer service's phone number");
            Require(options.Email, nameof(options.Email), "고객센터 e-mail, the customer service's address");
            Require(options.PrivacyOfficer, nameof(options.PrivacyOfficer), "개인정보 보호책임자, the privacy officer's name");
        }
        if (!string.IsNullOrWhiteSpace(options.RegistrationNumber) && BusinessDetails.RegistrationNumberDigits(options.RegistrationNumber) is null)
            failures.Add($"{Key(nameof(options.RegistrationNumber))} must be the ten digits of the 사업자등록번호, e.g. 123-45-67890, not '{options.RegistrationNumber}'.");
        if (!string.IsNullOrWhiteSpace(options.Phone) && !PhonePattern().IsMatch(options.Phone))
            failures.Add($"{Key(nameof(options.Phone))} must be a phone number (digits, spaces, hyphens, an optional leading +), e.g. 02-1234-5678.");
        if (!string.IsNullOrWhiteSpace(options.Email) && !MailAddress.TryCreate(options.Email, out _))
            failures.Add($"{Key(nameof(options.Email))} must be an e-mail address, e.g. help@shop.example.kr.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(string? value, string property, string meaning)
        {
            if (string.IsNullOrWhiteSpace(value))
                failures.Add($"{Key(property)} is required outside Development: {meaning}, shown in every page's footer.");
        }
    }

    private static string Key(string property) =>
        $"{BusinessDetails.Section}:{property} ({BusinessDetails.Section.Replace(":", "__", StringComparison.Ordinal)}__{property})";

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{6,18}[0-9]$")]
    private static partial Regex PhonePattern();
}
