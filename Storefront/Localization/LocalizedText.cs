using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Storefront.Localization;

/// <summary>
/// A text the shop keeps in each of its languages, such as a product's name: Korean (<see cref="Ko"/>) and English
/// (<see cref="En"/>), either of which may still be missing (a merchandiser may write one first). A reader gets their
/// own language, else the other. Stored as one column per language (<c>NameKo</c>, <c>NameEn</c>): an edit form binds
/// a field per language, and a search in either language is a plain OR over the columns.
/// </summary>
public sealed record LocalizedText
{
    public LocalizedText(string? ko, string? en)
    {
        Ko = string.IsNullOrWhiteSpace(ko) ? null : ko.Trim();
        En = string.IsNullOrWhiteSpace(en) ? null : en.Trim();
        if (Ko is null && En is null)
            throw new ArgumentException("A text needs at least one language.", nameof(en));
    }

    public string? Ko { get; private init; }

    public string? En { get; private init; }

    /// <summary>The text as a reader of <paramref name="culture"/> should see it: in their language, else in the other.</summary>
    public string In(CultureInfo culture) => Cultures.IsKorean(culture) ? Ko ?? En! : En ?? Ko!;

    /// <summary>The text in the language of the request (or e-mail) being written.</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);

    /// <summary>Refuses a text longer than <paramref name="maxLength"/> in any language.</summary>
    public LocalizedText Require(int maxLength, string parameterName) =>
        (Ko?.Length ?? 0) > maxLength || (En?.Length ?? 0) > maxLength
            ? throw new ArgumentException($"{parameterName} needs at most {maxLength} characters in each language.", parameterName)
            : this;
}

internal static class LocalizedTextMapping
{
    /// <summary>Maps a <see cref="LocalizedText"/> to a column per language: <c>{prefix}Ko</c>, <c>{prefix}En</c>.</summary>
    public static void HasLanguageColumns(this ComplexPropertyBuilder<LocalizedText> text, string prefix, int maxLength)
    {
        text.Property(t => t.Ko).HasColumnName(prefix + "Ko").HasMaxLength(maxLength);
        text.Property(t => t.En).HasColumnName(prefix + "En").HasMaxLength(maxLength);
    }
}

/// <summary>
/// Sorting by a <see cref="LocalizedText"/> as a reader of a culture sees it (their language, else the other), in the
/// database: <c>ORDER BY COALESCE(NameKo, NameEn)</c> for Korean.
/// </summary>
public static class LocalizedTextQueries
{
    public static IOrderedQueryable<T> OrderByText<T>(this IQueryable<T> query, Expression<Func<T, LocalizedText>> text, CultureInfo culture) =>
        query.OrderBy(Shown(text, culture));

    public static IOrderedQueryable<T> ThenByText<T>(this IOrderedQueryable<T> query, Expression<Func<T, LocalizedText>> text, CultureInfo culture) =>
        query.ThenBy(Shown(text, culture));

    private static Expression<Func<T, string?>> Shown<T>(Expression<Func<T, LocalizedText>> text, CultureInfo culture)
    {
        var (own, other) = Cultures.IsKorean(culture)
            ? (nameof(LocalizedText.Ko), nameof(LocalizedText.En))
            : (nameof(LocalizedText.En), nameof(LocalizedText.Ko));
        var shown = Expression.Coalesce(Expression.Property(text.Body, own), Expression.Property(text.Body, other));
        return Expression.Lambda<Func<T, string?>>(shown, text.Parameters);
    }
}
