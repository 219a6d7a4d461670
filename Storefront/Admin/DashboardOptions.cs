using System.ComponentModel.DataAnnotations;

namespace Storefront.Admin;

/// <summary>What the merchandiser's dashboard counts as needing attention (<c>Admin:Dashboard:*</c>).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Admin:Dashboard";

    /// <summary>An order still awaiting payment this long after it was placed is shown as stuck (F07).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00",
        ErrorMessage = "Admin:Dashboard:StuckPaymentAfter must be a duration between 00:01:00 and 7.00:00:00, e.g. 00:30:00.")]
    public TimeSpan StuckPaymentAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A refund or cancellation Adyen has not confirmed this long after it was requested is shown as waiting too long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00",
        ErrorMessage = "Admin:Dashboard:ModificationWaitingAfter must be a duration between 00:01:00 and 30.00:00:00, e.g. 01:00:00.")]
    public TimeSpan ModificationWaitingAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far back the dashboard lists refunds and cancellations that failed.</summary>
    [Range(1, 365, ErrorMessage = "Admin:Dashboard:FailedModificationDays must be a number of days between 1 and 365.")]
    public int FailedModificationDays { get; set; } = 30;
}
