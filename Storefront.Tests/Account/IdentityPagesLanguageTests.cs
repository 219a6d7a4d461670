using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Notifications;
using Storefront.Tests.Security;

namespace Storefront.Tests.Account;

/// <summary>
/// The Identity pages a shopper uses, in Korean under ko-KR and in English under en; the pages the shop does not offer
/// (two-factor, external log-ins, personal data) are not served, and Identity UI's boilerplate about them never shows.
/// </summary>
public sealed partial class IdentityPagesLanguageTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    private const string NewPassword = "Brand-New-Pass-2026";

    public static TheoryData<string, string, string> GuestPages => new()
    {
        { "/Identity/Account/Login", "로그인", "Log in" },
        { "/Identity/Account/Register", "회원가입", "Register" },
        { "/Identity/Account/RegisterConfirmation", "이메일을 확인해 주세요", "Check your e-mail" },
        { "/Identity/Account/Logout", "로그아웃", "Log out" },
        { "/Identity/Account/ForgotPassword", "비밀번호를 잊으셨나요?", "Forgot your password?" },
        { "/Identity/Account/ForgotPasswordConfirmation", "이메일을 확인해 주세요", "Check your e-mail" },
        { "/Identity/Account/ResetPassword?code=YWJj", "새 비밀번호 정하기", "Choose a new password" },
        { "/Identity/Account/ResetPasswordConfirmation", "비밀번호가 재설정되었습니다", "Your password has been reset" },
        { "/Identity/Account/ConfirmEmail?userId=nobody&code=YWJj", "이메일 주소 인증하기", "Confirm your e-mail address" },
        { "/Identity/Account/ConfirmEmailChange?userId=nobody&email=someone%40test.local&code=YWJj", "새 이메일 주소를 인증해 주세요", "Confirm your new e-mail address" },
        { "/Identity/Account/ResendEmailConfirmation", "인증 메일 다시 보내기", "Send the confirmation e-mail again" },
        { "/Identity/Account/Lockout", "로그인 일시 중지", "Log-in paused" },
        { "/Identity/Account/AccessDenied", "접근 권한 없음", "Access denied" },
    };

    [Theory]
    [MemberData(nameof(GuestPages))]
    public async Task Each_page_a_guest_opens_speaks_korean_under_ko_KR_and_english_under_en(string url, string korean, string english)
    {
        foreach (var (language, heading) in new[] { ("ko-KR", korean), ("en", english) })
        {
            using var browser = app.CreateBrowser(acceptLanguage: language);

            var page = await browser.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
            Assert.Equal(heading, page.Document.QuerySelector("main h1")?.TextContent.Trim());
            AssertOnlyWhatTheShopOffers(page, url);
            if (language == "ko-KR")
                AssertNoEnglish(page, url);
        }
    }

    [Fact]
    public async Task The_account_settings_speak_the_shopper_s_language_and_list_only_what_the_shop_offers()
    {
        var pages = new[]
        {
            ("/Identity/Account/Manage", "회원 정보", "Profile"),
            ("/Identity/Account/Manage/Email", "이메일 주소", "E-mail address"),
            ("/Identity/Account/Manage/ChangePassword", "비밀번호 변경", "Change your password"),
        };
        foreach (var language in new[] { "ko-KR", "en" })
        {
            using var browser = app.CreateBrowser(acceptLanguage: language);
            await browser.RegisterNewShopperAsync();
            foreach (var (url, korean, english) in pages)
            {
                var page = await browser.GetAsync(url);

                Assert.Equal(HttpStatusCode.OK, page.Status);
                Assert.Equal(language == "ko-KR" ? "계정 설정" : "Account settings", page.Document.QuerySelector("main h1")?.TextContent.Trim());
                Assert.Equal(language == "ko-KR" ? korean : english, page.Document.QuerySelector("main h2")?.TextContent.Trim());
                var menu = page.Document.QuerySelectorAll("main nav.account-nav a").Select(a => a.TextContent.Trim()).ToList();
                Assert.Equal(language == "ko-KR"
                    ? ["회원 정보", "이메일 주소", "비밀번호", "주문 내역", "저장된 결제 수단"]
                    : ["Profile", "E-mail address", "Password", "My orders", "Saved payment methods"], menu);
                Assert.Single(page.Document.QuerySelectorAll("main nav.account-nav a[aria-current=page]"));
                AssertOnlyWhatTheShopOffers(page, url);
                if (language == "ko-KR")
                    AssertNoEnglish(page, url);
            }
        }
    }

    [Theory]
    [InlineData("/Identity/Account/LoginWith2fa")]
    [InlineData("/Identity/Account/LoginWithRecoveryCode")]
    [InlineData("/Identity/Account/ExternalLogin")]
    [InlineData("/Identity/Account/Manage/ExternalLogins")]
    [InlineData("/Identity/Account/Manage/TwoFactorAuthentication")]
    [InlineData("/Identity/Account/Manage/EnableAuthenticator")]
    [InlineData("/Identity/Account/Manage/Disable2fa")]
    [InlineData("/Identity/Account/Manage/ResetAuthenticator")]
    [InlineData("/Identity/Account/Manage/GenerateRecoveryCodes")]
    [InlineData("/Identity/Account/Manage/ShowRecoveryCodes")]
    [InlineData("/Identity/Account/Manage/SetPassword")]
    [InlineData("/Identity/Account/Manage/PersonalData")]
    [InlineData("/Identity/Account/Manage/DownloadPersonalData")]
    [InlineData("/Identity/Account/Manage/DeletePersonalData")]
    public async Task A_page_the_shop_does_not_offer_is_not_served_even_to_a_signed_in_shopper(string url)
    {
        using var browser = app.CreateBrowser();
        await browser.RegisterNewShopperAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostFormAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Validation_and_identity_errors_are_in_korean_under_ko_KR_and_in_english_under_en()
    {
        using var korean = app.CreateBrowser(acceptLanguage: "ko-KR");
        var empty = await Browser.Page.LoadAsync(await korean.SubmitAsync(await korean.GetAsync("/Identity/Account/Login"), "form#account",
            new Dictionary<string, string> { ["Input.Email"] = "", ["Input.Password"] = "" }));
        Assert.Equal("이메일 주소를 입력해 주세요.", empty.Document.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent.Trim());
        Assert.Equal("비밀번호를 입력해 주세요.", empty.Document.QuerySelector("[data-valmsg-for='Input.Password']")?.TextContent.Trim());

        var weak = await Browser.Page.LoadAsync(await korean.RegisterAsync(AccountSteps.NewEmail(), "weakpassword"));
        Assert.Equal(
            ["비밀번호에는 영문자나 숫자가 아닌 특수문자가 하나 이상 있어야 합니다.", "비밀번호에는 숫자(0-9)가 하나 이상 있어야 합니다.", "비밀번호에는 영문 대문자(A-Z)가 하나 이상 있어야 합니다."],
            SummaryOf(weak));
        var mismatched = await Browser.Page.LoadAsync(await korean.SubmitAsync(await korean.GetAsync("/Identity/Account/Register"), "#registerForm",
            new Dictionary<string, string> { ["Input.Email"] = AccountSteps.NewEmail(), ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = "Other-Pass-2026" }));
        Assert.Equal("비밀번호와 비밀번호 확인이 일치하지 않습니다.", mismatched.Document.QuerySelector("[data-valmsg-for='Input.ConfirmPassword']")?.TextContent.Trim());

        using var english = app.CreateBrowser(acceptLanguage: "en");
        var weakInEnglish = await Browser.Page.LoadAsync(await english.RegisterAsync(AccountSteps.NewEmail(), "weakpassword"));
        Assert.Contains("Passwords must have at least one digit (0-9).", SummaryOf(weakInEnglish));
    }

    [Fact]
    public async Task Changing_the_password_refuses_a_wrong_current_one_in_korean_and_takes_the_right_one()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        var email = await browser.RegisterNewShopperAsync();

        var wrong = await ChangePasswordAsync(browser, "Not-The-Password-1");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(["비밀번호가 올바르지 않습니다."], SummaryOf(await Browser.Page.LoadAsync(wrong)));

        var changed = await ChangePasswordAsync(browser, AccountSteps.Password);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var page = await browser.GetAsync(changed.Headers.Location!.OriginalString);
        Assert.Equal("비밀번호가 변경되었습니다.", page.Document.QuerySelector("[data-testid=password-changed]")?.TextContent.Trim());
        await browser.LogOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync(email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_ko_KR_shopper_is_e_mailed_in_korean_and_the_new_address_link_changes_the_log_in()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        var email = await browser.RegisterNewShopperAsync();
        using var stranger = app.CreateBrowser(acceptLanguage: "ko-KR");
        await stranger.RegisterAsync(email, "Another-Pass-2026");
        await stranger.SubmitAsync(await stranger.GetAsync("/Identity/Account/ForgotPassword"), "main form",
            new Dictionary<string, string> { ["Input.Email"] = email });
        var newEmail = AccountSteps.NewEmail();

        var asked = await browser.SubmitAsync(await browser.GetAsync("/Identity/Account/Manage/Email"), "#email-form",
            new Dictionary<string, string> { ["Input.NewEmail"] = newEmail });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var sent = await browser.GetAsync(asked.Headers.Location!.OriginalString);
        Assert.Contains(newEmail, sent.Document.QuerySelector("[data-testid=email-change-sent]")?.TextContent);
        Assert.Equal(["이메일 주소를 인증해 주세요", "이미 Storefront 계정이 있습니다", "비밀번호를 재설정해 주세요"],
            (await EmailsToAsync(email)).Select(e => e.Subject));
        var alreadyRegistered = (await EmailsToAsync(email))[1];
        Assert.Contains("이 주소로 가입된 계정이 이미 있습니다", alreadyRegistered.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ko-KR\">", alreadyRegistered.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("/Identity/Account/Login", Mailbox.LinkIn(alreadyRegistered.TextBody, app.BaseAddress).AbsolutePath);
        var change = Assert.Single(await EmailsToAsync(newEmail));
        Assert.Equal("새 이메일 주소를 인증해 주세요", change.Subject);
        Assert.Contains("인증하기 전까지는 현재 이메일 주소가 그대로 유지됩니다", change.TextBody, StringComparison.Ordinal);
        Assert.Equal(email, await EmailOfAsync(email));

        var confirmed = await browser.GetAsync(Mailbox.LinkIn(change.TextBody, app.BaseAddress).PathAndQuery);

        Assert.Equal("새 이메일 주소 인증이 완료되었습니다. 앞으로는 이 주소로 로그인해 주세요.",
            confirmed.Document.QuerySelector("[data-testid=email-changed]")?.TextContent.Trim());
        Assert.Equal(newEmail, await app.WithDbAsync(db => db.Users.Where(u => u.Email == newEmail).Select(u => u.UserName).SingleAsync()));
        Assert.Equal(newEmail, await browser.SignedInNameAsync());
        await browser.LogOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync(newEmail)).StatusCode);
    }

    [Fact]
    public async Task Changing_to_an_address_another_account_has_is_refused_at_its_link_in_the_shopper_s_language()
    {
        using var other = app.CreateBrowser();
        var taken = await other.RegisterNewShopperAsync();
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        var email = await browser.RegisterNewShopperAsync();

        var asked = await browser.SubmitAsync(await browser.GetAsync("/Identity/Account/Manage/Email"), "#email-form",
            new Dictionary<string, string> { ["Input.NewEmail"] = taken });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var change = (await EmailsToAsync(taken)).Last();
        Assert.Equal("새 이메일 주소를 인증해 주세요", change.Subject);

        var refused = await browser.GetAsync(Mailbox.LinkIn(change.TextBody, app.BaseAddress).PathAndQuery);

        Assert.Contains($"{taken}은(는) 이미 다른 계정에서 사용 중인 이메일 주소입니다.",
            refused.Document.QuerySelector("[data-testid=email-not-changed]")?.TextContent);
        Assert.Equal(email, await EmailOfAsync(email));
    }

    [Fact]
    public async Task A_reset_link_without_a_readable_code_is_a_bad_request_and_an_unknown_address_reads_like_a_wrong_code()
    {
        using var browser = app.CreateBrowser(acceptLanguage: "ko-KR");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/Identity/Account/ResetPassword")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/Identity/Account/ResetPassword?code=!!!")).Status);
        var known = await app.ConfirmedShopperAsync();

        var answers = new List<IReadOnlyList<string>>();
        foreach (var email in new[] { known, AccountSteps.NewEmail() })
        {
            var form = await browser.GetAsync("/Identity/Account/ResetPassword?code=YWJj");
            var response = await browser.SubmitAsync(form, "main form", new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(SummaryOf(await Browser.Page.LoadAsync(response)));
        }

        Assert.Equal(["링크가 유효하지 않거나 만료되었습니다."], answers[0]);
        Assert.Equal(answers[0], answers[1]);
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(Browser browser, string current)
    {
        var form = await browser.GetAsync("/Identity/Account/Manage/ChangePassword");
        return await browser.SubmitAsync(form, "#change-password-form", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = current, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
    }

    private Task<List<Storefront.Notifications.OutgoingEmail>> EmailsToAsync(string recipient) =>
        app.WithDbAsync(db => db.OutgoingEmails.AsNoTracking().Where(e => e.Recipient == recipient).OrderBy(e => e.Id).ToListAsync());

    private Task<string?> EmailOfAsync(string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == email).Select(u => u.Email).SingleOrDefaultAsync());

    private static List<string> SummaryOf(Browser.Page page) =>
        page.Document.QuerySelectorAll(".validation-summary-errors li").Select(li => li.TextContent.Trim()).ToList();

    /// <summary>No link to, and no word of, what the shop does not offer: Identity UI's boilerplate about them included.</summary>
    private static void AssertOnlyWhatTheShopOffers(Browser.Page page, string url)
    {
        var main = page.Document.QuerySelector("main")!;
        foreach (var phrase in new[] { "external authentication", "Use another service", "Use a local account", "two-factor", "authenticator", "recovery code", "Personal data", "외부 인증", "2단계" })
            Assert.False(main.TextContent.Contains(phrase, StringComparison.OrdinalIgnoreCase), $"{url} says '{phrase}'.");
        foreach (var link in main.QuerySelectorAll("a[href], form[action]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("action")!))
            Assert.False(NotOffered().IsMatch(link), $"{url} links to {link}.");
    }

    /// <summary>Under ko-KR the page's own words are Korean: no English word in its main part but the shop's name.</summary>
    private static void AssertNoEnglish(Browser.Page page, string url)
    {
        var words = LatinWord().Matches(page.Document.QuerySelector("main")!.TextContent).Select(m => m.Value).Where(w => w != "Storefront").ToList();
        Assert.True(words.Count == 0, $"{url} shows English under ko-KR: {string.Join(", ", words)}");
    }

    [GeneratedRegex("2fa|RecoveryCode|ExternalLogin|TwoFactor|Authenticator|PersonalData|SetPassword", RegexOptions.IgnoreCase)]
    private static partial Regex NotOffered();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
