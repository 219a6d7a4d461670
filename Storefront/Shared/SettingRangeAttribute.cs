using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Storefront.Shared;

/// <summary>
/// The bounds of a whole-number or duration setting, checked on start by <c>ValidateDataAnnotations</c>. The message
/// names the key to set, made of the options class's <c>Section</c> constant and the property, e.g.
/// "Orders:PaymentTimeout must be a duration between 00:05:00 and 7.00:00:00."
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingRangeAttribute : ValidationAttribute
{
    private readonly IComparable _minimum;
    private readonly IComparable _maximum;
    private readonly string _bounds;

    public SettingRangeAttribute(int minimum, int maximum)
    {
        (_minimum, _maximum) = (minimum, maximum);
        _bounds = $"between {minimum} and {maximum}";
    }

    /// <summary>A duration, bounds written as TimeSpans (<c>00:00:01</c>, <c>1.00:00:00</c>).</summary>
    public SettingRangeAttribute(string minimum, string maximum)
    {
        (_minimum, _maximum) = (TimeSpan.Parse(minimum, CultureInfo.InvariantCulture), TimeSpan.Parse(maximum, CultureInfo.InvariantCulture));
        _bounds = $"a duration between {minimum} and {maximum}";
    }

    /// <summary>The configuration key of <paramref name="property"/> on <paramref name="optionsType"/>, e.g. <c>Email:RetryDelay</c>.</summary>
    public static string KeyOf(Type optionsType, string property) =>
        optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string section
            ? $"{section}:{property}"
            : property;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is IComparable setting && setting.GetType() == _minimum.GetType()
            && setting.CompareTo(_minimum) >= 0 && setting.CompareTo(_maximum) <= 0)
        {
            return ValidationResult.Success;
        }
        var member = validationContext.MemberName ?? validationContext.DisplayName;
        return new ValidationResult($"{KeyOf(validationContext.ObjectType, member)} must be {_bounds}.", [member]);
    }
}
