using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Data;

/// <summary>Every DateTime is stored in UTC and comes back marked as UTC, on every provider.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
