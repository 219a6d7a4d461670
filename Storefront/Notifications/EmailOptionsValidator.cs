using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Storefront.Notifications;

/// <summary>Refuses a start that would lose mail or fail at the first message, naming the key to set.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Delivery))
        {
            failures.Add("Email:Delivery (Email__Delivery) is required outside Development: set it to Smtp (with Email:Smtp:Host) or PickupDirectory.");
        }
        else if (!Enum.TryParse<EmailDelivery>(options.Delivery, ignoreCase: true, out var delivery) || !Enum.IsDefined(delivery))
        {
            failures.Add($"Email:Delivery (Email__Delivery) must be 'Smtp' or 'PickupDirectory', not '{options.Delivery}'.");
        }
        else if (delivery == EmailDelivery.Smtp)
        {
            if (string.IsNullOrWhiteSpace(options.Smtp.Host))
                failures.Add("Email:Smtp:Host (Email__Smtp__Host) is required when Email:Delivery is Smtp.");
            if (options.Smtp.Port is < 1 or > 65535)
                failures.Add($"Email:Smtp:Port (Email__Smtp__Port) must be between 1 and 65535, not {options.Smtp.Port}.");
            if (string.IsNullOrEmpty(options.Smtp.Username) != string.IsNullOrEmpty(options.Smtp.Password))
                failures.Add("Email:Smtp:Username and Email:Smtp:Password (Email__Smtp__Username, Email__Smtp__Password) go together: set both or neither.");
        }

        if (string.IsNullOrWhiteSpace(options.From))
            failures.Add("Email:From (Email__From) is required outside Development, e.g. \"Storefront <orders@shop.example.com>\".");
        else if (!MailAddress.TryCreate(options.From, out _))
            failures.Add("Email:From (Email__From) must be an e-mail address such as \"Storefront <orders@shop.example.com>\".");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
