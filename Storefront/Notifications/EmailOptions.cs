using System.ComponentModel.DataAnnotations;

namespace Storefront.Notifications;

public enum EmailDelivery
{
    /// <summary>One .eml file per message in <see cref="EmailOptions.PickupDirectory"/>: Development and tests.</summary>
    PickupDirectory,

    Smtp,
}

/// <summary>How e-mail leaves the shop, from <c>Email</c>; checked on start by <see cref="EmailOptionsValidator"/>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary><c>PickupDirectory</c> or <c>Smtp</c>; defaults to PickupDirectory in Development, required elsewhere.</summary>
    public string? Delivery { get; set; }

    /// <summary>The sender, e.g. <c>Storefront &lt;orders@shop.example.com&gt;</c>; has a default in Development only.</summary>
    public string? From { get; set; }

    /// <summary>Where PickupDirectory delivery writes; defaults to a folder beside the SQLite file (see <c>EmailRegistration</c>).</summary>
    public string? PickupDirectory { get; set; }

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>How often the sender looks for due e-mails when nothing wakes it: other nodes' e-mails and retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Email:PollInterval must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed e-mail belongs to one sender; past it, another node may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Email:LeaseDuration must be between 00:00:01 and 01:00:00.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Tries before an e-mail is marked Failed.</summary>
    [Range(1, 100, ErrorMessage = "Email:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with every further failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Email:RetryDelay must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Email:MaxRetryDelay must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 500, ErrorMessage = "Email:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 20;

    /// <summary>The parsed <see cref="Delivery"/>; valid once the options passed validation.</summary>
    public EmailDelivery DeliveryMethod() => Enum.Parse<EmailDelivery>(Delivery!, ignoreCase: true);

    /// <summary>The wait before try number <paramref name="attempts"/> + 1.</summary>
    public TimeSpan RetryDelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        return TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * Math.Pow(2, exponent), MaxRetryDelay.Ticks));
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? Username { get; set; }

    public string? Password { get; set; }
}
