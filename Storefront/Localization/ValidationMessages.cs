using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Storefront.Localization;

/// <summary>
/// The messages ASP.NET Core writes by itself, in the shopper's language: model binding's ("The value 'x' is not
/// valid for Quantity.", from <see cref="ValidationMessages"/>'s own resource), and a DataAnnotations attribute's
/// default when the attribute names no message of its own (from <see cref="SharedResource"/>, where the DataAnnotations
/// localizer looks). Either is read at the moment the message is written, so each request gets its own language.
/// </summary>
public sealed class ValidationMessages : IValidationMetadataProvider
{
    /// <summary>The framework's default message of each attribute, as the key of its translation.</summary>
    private static string? DefaultKey(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "The {0} field is required.",
        StringLengthAttribute { MinimumLength: > 0 } => "The field {0} must be a string with a minimum length of {2} and a maximum length of {1}.",
        StringLengthAttribute => "The field {0} must be a string with a maximum length of {1}.",
        EmailAddressAttribute => "The {0} field is not a valid e-mail address.",
        PhoneAttribute => "The {0} field is not a valid phone number.",
        RangeAttribute => "The field {0} must be between {1} and {2}.",
        CompareAttribute => "'{0}' and '{1}' do not match.",
        MaxLengthAttribute => "The field {0} must be a string or array type with a maximum length of '{1}'.",
        MinLengthAttribute => "The field {0} must be a string or array type with a minimum length of '{1}'.",
        _ => null,
    };

    public static void Localize(MvcOptions mvc, IStringLocalizerFactory factory)
    {
        var texts = factory.Create(typeof(ValidationMessages));
        var messages = mvc.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => texts["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => texts["A value for the '{0}' parameter or property was not provided.", field]);
        messages.SetMissingKeyOrValueAccessor(() => texts["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => texts["A non-empty request body is required."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => texts["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => texts["The supplied value is invalid."]);
        messages.SetUnknownValueIsInvalidAccessor(field => texts["The supplied value is invalid for {0}.", field]);
        messages.SetValueIsInvalidAccessor(value => texts["The value '{0}' is invalid.", value]);
        messages.SetValueMustBeANumberAccessor(field => texts["The field {0} must be a number.", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => texts["The field must be a number."]);
        messages.SetValueMustNotBeNullAccessor(value => texts["The value '{0}' is invalid.", value]);
        // After the DataAnnotations provider, so that the implicit [Required] of a non-nullable value is there too.
        mvc.ModelMetadataDetailsProviders.Add(new ValidationMessages());
    }

    /// <summary>
    /// Gives an attribute without a message of its own the framework's default as its key: the DataAnnotations
    /// localizer translates only an attribute's <see cref="ValidationAttribute.ErrorMessage"/>.
    /// </summary>
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (attribute.ErrorMessage is null && attribute.ErrorMessageResourceName is null && attribute.ErrorMessageResourceType is null
                && DefaultKey(attribute) is { } key)
                attribute.ErrorMessage = key;
        }
    }
}
