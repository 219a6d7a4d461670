using System.Text;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Payments.Sandbox;

namespace Storefront.Tests.Payments.Sandbox;

/// <summary>
/// The app in Sandbox mode delivering its webhooks to a <see cref="WebhookRecorder"/> of the test's own, with HMAC
/// keys and Basic auth configured and Adyen's retry schedule compressed a thousandfold.
/// </summary>
public class WebhookSandboxFactory : SandboxFactory
{
    public const string HmacKey = "3F6A1C2B9D8E7F60514233A4B5C6D7E8F9011223344556677889900AABBCCDDE";
    public const string TokenizationHmacKey = "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00";
    public const string Username = "adyen-webhooks";
    public const string Password = "Webhook-Test-Pass-1";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public WebhookSandboxFactory()
    {
        Receiver = WebhookRecorder.Start();
        Settings["Adyen:Sandbox:DeliverWebhooks"] = "true";
        Settings["Adyen:Sandbox:WebhookUrl"] = Receiver.StandardUrl;
        Settings["Adyen:Sandbox:TokenWebhookUrl"] = Receiver.TokensUrl;
        Settings["Adyen:Sandbox:WebhookRetryScale"] = "0.001";
        Settings["Adyen:HmacKeys:0"] = HmacKey;
        Settings["Adyen:TokenizationHmacKeys:0"] = TokenizationHmacKey;
        Settings["Adyen:WebhookUsername"] = Username;
        Settings["Adyen:WebhookPassword"] = Password;
    }

    public WebhookRecorder Receiver { get; }

    public static string BasicAuthorization => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    /// <summary>Waits (at most 20 s) for the sandbox to record a delivery attempt that matches.</summary>
    public async Task<SandboxDelivery> DeliveryAsync(Func<SandboxDelivery, bool> match)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await Sandbox.WaitForDeliveryAsync(match, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching delivery within {Deadline}; recorded:\n  " + string.Join("\n  ", Sandbox.Deliveries));
        }
    }

    /// <summary>A standard webhook as the store should take it: Basic auth, JSON, one item, a valid HMAC, valid against Adyen's schema.</summary>
    public static NotificationRequestItem AssertStandard(ReceivedWebhook webhook)
    {
        Assert.Equal("/webhooks/adyen", webhook.Path);
        Assert.Equal(BasicAuthorization, webhook.Authorization);
        Assert.StartsWith("application/json", webhook.ContentType, StringComparison.Ordinal);
        var verdict = WebhookSchema.Standard.Validate(webhook.Body);
        Assert.True(verdict.IsValid, $"{webhook}\n{verdict}");
        Assert.Equal("false", webhook.Standard!.Live);
        var item = webhook.Item!;
        Assert.True(AdyenHmac.IsValid(item, [HmacKey]), $"HMAC does not verify: {webhook.Body}");
        Assert.True(DateTimeOffset.TryParse(item.EventDate, out _), item.EventDate);
        return item;
    }

    /// <summary>A tokenization webhook: Basic auth, valid against Adyen's schema, HMAC over the exact bytes in the header.</summary>
    public static TokenizationNotification AssertTokenization(ReceivedWebhook webhook)
    {
        Assert.Equal("/webhooks/adyen/tokens", webhook.Path);
        Assert.Equal(BasicAuthorization, webhook.Authorization);
        var verdict = WebhookSchema.Tokenization.Validate(webhook.Body);
        Assert.True(verdict.IsValid, $"{webhook}\n{verdict}");
        Assert.True(AdyenHmac.IsValid(webhook.RawBody, webhook.HmacSignature, [TokenizationHmacKey]), $"HMAC does not verify: {webhook.Body}");
        Assert.False(AdyenHmac.IsValid(webhook.RawBody, webhook.HmacSignature, [HmacKey]), "Signed with the standard key");
        return webhook.Token!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Receiver.Dispose();
    }
}

/// <summary>Offers close 0.2 s after <c>/payments</c>.</summary>
public sealed class ShortOfferSandboxFactory : WebhookSandboxFactory
{
    public ShortOfferSandboxFactory() => Settings["Adyen:Sandbox:OfferLifetime"] = "00:00:00.200";
}

/// <summary>Refunds and token payments are refused.</summary>
public sealed class RefusingSandboxFactory : WebhookSandboxFactory
{
    public RefusingSandboxFactory()
    {
        Settings["Adyen:Sandbox:FailRefunds"] = "Refused";
        Settings["Adyen:Sandbox:RefuseTokenPayments"] = "true";
    }
}

/// <summary>Refunds succeed, then fail (REFUND_FAILED).</summary>
public sealed class RefundsFailLaterSandboxFactory : WebhookSandboxFactory
{
    public RefundsFailLaterSandboxFactory() => Settings["Adyen:Sandbox:FailRefunds"] = "AfterSuccess";
}

/// <summary>A receiver that does not answer in 0.5 s has failed.</summary>
public sealed class ImpatientSandboxFactory : WebhookSandboxFactory
{
    public ImpatientSandboxFactory() => Settings["Adyen:Sandbox:WebhookTimeout"] = "00:00:00.500";
}

/// <summary>Nothing listens at the webhook URLs; the sandbox tries three times (now, now, after 50 ms) and gives up.</summary>
public sealed class UnreachableReceiverSandboxFactory : WebhookSandboxFactory
{
    public UnreachableReceiverSandboxFactory()
    {
        using var gone = WebhookRecorder.Start();
        Settings["Adyen:Sandbox:WebhookUrl"] = gone.StandardUrl;
        Settings["Adyen:Sandbox:TokenWebhookUrl"] = gone.TokensUrl;
        Settings["Adyen:Sandbox:WebhookRetryDelays:0"] = "00:00:00";
        Settings["Adyen:Sandbox:WebhookRetryDelays:1"] = "00:00:00.050";
    }
}
