using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Storefront.Admin;

/// <summary>
/// A merchandiser list's filter, bound from the query string (<c>[BindProperty(SupportsGet = true)]</c>) so that a
/// filtered list can be bookmarked, paged and exported. A value model binding or validation refuses (an unknown
/// status, a date that is not one, page -1) is dropped back to its default and listed in <see cref="Ignored"/> for the
/// page to say so: a hand-edited address shows a list, never a 500.
/// </summary>
public abstract class ListFilter
{
    /// <summary>First day included (UTC).</summary>
    [FromQuery(Name = "from"), Display(Name = "from")]
    public DateOnly? From { get; set; }

    /// <summary>Last day included (UTC).</summary>
    [FromQuery(Name = "to"), Display(Name = "to")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "page"), Display(Name = "page")]
    [Range(1, int.MaxValue, ErrorMessage = "The page is a number from {1}.")]
    public int Page { get; set; } = 1;

    [BindNever]
    public IReadOnlyList<string> Ignored { get; private set; } = [];

    /// <summary>The first moment the range includes, when it has a first day.</summary>
    public DateTime? Start => From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first moment after the range, when it has a last day.</summary>
    public DateTime? End => To is { } to && to < DateOnly.MaxValue ? to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;

    /// <summary>
    /// After binding: puts every value <paramref name="modelState"/> refused back to its default and lists why, and
    /// swaps a range whose first day is after its last.
    /// </summary>
    public void DropRefused(ModelStateDictionary modelState, IStringLocalizer<ListFilter> localizer)
    {
        var ignored = new List<string>();
        var defaults = Activator.CreateInstance(GetType())!;
        foreach (var property in GetType().GetProperties())
        {
            if (property.GetCustomAttribute<FromQueryAttribute>()?.Name is not { } name
                || modelState[name] is not { ValidationState: ModelValidationState.Invalid } refused)
                continue;
            property.SetValue(this, property.GetValue(defaults));
            ignored.AddRange(refused.Errors.Select(e => e.ErrorMessage));
        }
        if (From > To)
        {
            ignored.Add(localizer["The dates were swapped: {0} is after {1}.", $"{From:yyyy-MM-dd}", $"{To:yyyy-MM-dd}"]);
            (From, To) = (To, From);
        }
        Ignored = ignored;
    }

    /// <summary>Adds the range to a link's query string.</summary>
    protected void AddRange(QueryBuilder query)
    {
        if (From is { } from)
            query.Add("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } to)
            query.Add("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>Adds a page past the first to a link's query string.</summary>
    protected static void AddPage(QueryBuilder query, int? page)
    {
        if (page is > 1)
            query.Add("page", page.Value.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Binds an enum from one of its names only, in any case: a number ("3", "-1") or a list ("Paid,Cancelled"), which
/// the default binder would take, is refused like any other bad value, so a filter link always names what it filters by.
/// </summary>
public sealed class EnumNameBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
            return Task.CompletedTask;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var text = value.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
            return Task.CompletedTask;
        var type = Nullable.GetUnderlyingType(bindingContext.ModelType) ?? bindingContext.ModelType;
        if (text.All(char.IsAsciiLetter) && Enum.TryParse(type, text, ignoreCase: true, out var parsed))
            bindingContext.Result = ModelBindingResult.Success(parsed);
        else
        {
            var localizer = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ListFilter>>();
            var name = bindingContext.ModelMetadata.DisplayName ?? bindingContext.ModelName;
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, localizer["There is no {0} \"{1}\".", localizer[name], text]);
        }
        return Task.CompletedTask;
    }
}
