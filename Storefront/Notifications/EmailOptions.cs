using Storefront.Background;

namespace Storefront.Notifications;

public enum EmailDelivery
{
    /// <summary>One .eml file per message in <see cref="EmailOptions.PickupDirectory"/>: Development and tests.</summary>
    PickupDirectory,

    Smtp,
}

/// <summary>How e-mail leaves the shop, from <c>Email</c>; checked on start by <see cref="EmailOptionsValidator"/>.</summary>
public sealed class EmailOptions : LeasedQueueOptions
{
    public const string Section = "Email";

    public EmailOptions()
    {
        PollInterval = TimeSpan.FromSeconds(10);
        MaxAttempts = 10;
    }

    /// <summary><c>PickupDirectory</c> or <c>Smtp</c>; defaults to PickupDirectory in Development, required elsewhere.</summary>
    public string? Delivery { get; set; }

    /// <summary>The sender, e.g. <c>Storefront &lt;orders@shop.example.com&gt;</c>; has a default in Development only.</summary>
    public string? From { get; set; }

    /// <summary>Where PickupDirectory delivery writes; defaults to a folder beside the SQLite file (see <c>EmailRegistration</c>).</summary>
    public string? PickupDirectory { get; set; }

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The parsed <see cref="Delivery"/>; valid once the options passed validation.</summary>
    public EmailDelivery DeliveryMethod() => Enum.Parse<EmailDelivery>(Delivery!, ignoreCase: true);
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? Username { get; set; }

    public string? Password { get; set; }
}
