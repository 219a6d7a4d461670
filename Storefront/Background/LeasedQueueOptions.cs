using System.ComponentModel.DataAnnotations;
using Storefront.Shared;

namespace Storefront.Background;

/// <summary>
/// How a <see cref="LeasedQueueWorker"/> works off its table, from the derived options' section (<c>Adyen:Webhooks</c>,
/// <c>Email</c>). Each section sets its own defaults; the bounds are the same for every queue.
/// </summary>
public abstract class LeasedQueueOptions : IValidatableObject
{
    /// <summary>
    /// How often the worker looks for due rows when nothing wakes it: rows stored by other nodes, and retries. A row
    /// stored by this node wakes it at once.
    /// </summary>
    [SettingRange("00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; }

    /// <summary>How long a claimed row belongs to one worker; past it, another node may take it over.</summary>
    [SettingRange("00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Tries before a row is given up and left for a merchandiser.</summary>
    [SettingRange(1, 100)]
    public int MaxAttempts { get; set; }

    /// <summary>The wait after the first failure; it doubles with every further failure up to <see cref="MaxRetryDelay"/>.</summary>
    [SettingRange("00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [SettingRange("00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows claimed at once by one worker.</summary>
    [SettingRange(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>The wait before try number <paramref name="attempts"/> + 1.</summary>
    public TimeSpan RetryDelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        return TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * Math.Pow(2, exponent), MaxRetryDelay.Ticks));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < RetryDelay)
        {
            var type = validationContext.ObjectType;
            yield return new ValidationResult(
                $"{SettingRangeAttribute.KeyOf(type, nameof(MaxRetryDelay))} must not be shorter than {SettingRangeAttribute.KeyOf(type, nameof(RetryDelay))}.",
                [nameof(MaxRetryDelay)]);
        }
    }
}
