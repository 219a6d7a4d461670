using Storefront.Shared;

namespace Storefront.Orders;

public sealed class OrderOptions
{
    public const string Section = "Orders";

    /// <summary>
    /// How long an order waits for its payment before it expires and gives its stock back. KakaoPay's own window
    /// is about an hour; the default leaves a margin for a late webhook.
    /// </summary>
    [SettingRange("00:05:00", "7.00:00:00")]
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(90);

    /// <summary>How often the expiry worker looks for orders past their payment deadline.</summary>
    [SettingRange("00:00:01", "01:00:00")]
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the resend sweeper looks for refunds and cancellations Adyen never received.</summary>
    [SettingRange("00:00:00.010", "01:00:00")]
    public TimeSpan ModificationResendInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a saved refund or cancellation may wait unsent before the sweeper sends it again, and how long one
    /// sweeper holds it before another may try: longer than an Adyen call with its retries, so the merchandiser's
    /// own send is not raced.
    /// </summary>
    [SettingRange("00:00:00.100", "1.00:00:00")]
    public TimeSpan ModificationResendAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a guest's signed order link (e-mailed, or shown after paying) opens the order. A guest with an older
    /// link asks for a fresh one by e-mail at /orders/link.
    /// </summary>
    [SettingRange("01:00:00", "3650.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(90);
}
