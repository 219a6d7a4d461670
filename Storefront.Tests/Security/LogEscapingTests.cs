using Storefront.Payments.Adyen;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Security;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;
using Storefront.Tests.Payments.Webhooks;

namespace Storefront.Tests.Security;

/// <summary>Values from outside (here a signed webhook's fields) reach the logs with their control characters escaped.</summary>
public sealed class LogEscapingTests(SandboxFactory app) : IClassFixture<SandboxFactory>, IDisposable
{
    private readonly AdyenWebhooks _adyen = new(app);

    [Fact]
    public async Task A_webhook_whose_fields_carry_cr_lf_and_esc_is_logged_on_one_line_with_them_escaped()
    {
        var forged = "SF-NOSUCHORDER-1\r\nfail: Storefront.Orders[0]\n      forged line\u001b[2J\u001b[31m";
        var item = _adyen.Item("AUTHORISATION", AdyenWebhooks.NewPspReference(), forged, new Amount("KRW", 15_000));

        await _adyen.SendAsync(item);
        await _adyen.ProcessedAsync(item, WebhookStatus.Unmatched);

        var logged = await Eventually.ReachesAsync(() => Task.FromResult(app.Logs.Entries.Where(e => e.Message.Contains("forged line")).ToList()),
            entries => entries.Count > 0, "the unmatched webhook logged", describe: entries => $"{entries.Count} entries");
        foreach (var entry in logged)
        {
            Assert.DoesNotContain(entry.Message, char.IsControl);
            Assert.Contains(@"SF-NOSUCHORDER-1\r\nfail: Storefront.Orders[0]\n      forged line\u001B[2J\u001B[31m", entry.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("plain text, 한국어, ₩15,000", "plain text, 한국어, ₩15,000")]
    [InlineData("a\r\nb\tc", @"a\r\nb\tc")]
    [InlineData("\u001b[31mred\u0000\u007f\u0085\u2028", @"\u001B[31mred\u0000\u007F\u0085\u2028")]
    public void Control_characters_and_line_separators_are_escaped_and_nothing_else(string text, string expected) =>
        Assert.Equal(expected, LogText.Escape(text));

    public void Dispose() => _adyen.Dispose();
}
