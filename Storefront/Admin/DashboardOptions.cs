using System.ComponentModel.DataAnnotations;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>What the merchandiser's dashboard counts as needing attention (<c>Admin:Dashboard:*</c>).</summary>
public sealed class DashboardOptions : IValidatableObject
{
    public const string Section = "Admin:Dashboard";

    /// <summary>
    /// An order still awaiting payment this long after it was placed is shown as stuck
    /// (F07, docs/payment-failure-modes.md).
    /// </summary>
    [SettingRange("00:01:00", "7.00:00:00")]
    public TimeSpan StuckPaymentAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A refund or cancellation Adyen has not confirmed this long after it was requested is shown as waiting too long.</summary>
    [SettingRange("00:01:00", "30.00:00:00")]
    public TimeSpan ModificationWaitingAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The merchandiser's time zone (an IANA id): the days the dashboard counts, and every time the admin pages show.
    /// "Today" for a shop in Korea starts at midnight in Seoul, not at 09:00 when UTC's day turns; Korea Standard Time
    /// unless set.
    /// </summary>
    [Required(ErrorMessage = "Admin:Dashboard:TimeZone must be an IANA time zone id, e.g. Asia/Seoul or UTC.")]
    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>How far back the dashboard lists refunds and cancellations that failed.</summary>
    [Range(1, 365, ErrorMessage = "Admin:Dashboard:FailedModificationDays must be a number of days between 1 and 365.")]
    public int FailedModificationDays { get; set; } = 30;

    /// <summary>The zone named by <see cref="TimeZone"/>; valid once the options have been validated on start.</summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult(
                $"Admin:Dashboard:TimeZone '{TimeZone}' is not a time zone this machine knows: use an IANA id, e.g. Asia/Seoul or UTC.",
                [nameof(TimeZone)]);
        }
    }
}
