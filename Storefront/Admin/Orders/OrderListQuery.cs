using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Extensions;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Admin;

public enum OrderSort
{
    Created,
    Number,
    Total,
    Status,
}

/// <summary>
/// The merchandiser's order filter, read from the query string so that a filtered list can be bookmarked, paged and
/// exported. Values that make no sense (an unknown status, a date that is not one, page -1) are ignored or clamped,
/// and listed in <see cref="Ignored"/> for the page to say so: a hand-edited address never gives a 500.
/// </summary>
public sealed partial record OrderListQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 100;

    public OrderStatus? Status { get; init; }

    public PaymentStatus? PaymentStatus { get; init; }

    public string? PaymentMethod { get; init; }

    public string? Country { get; init; }

    /// <summary>First day included (UTC).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day included (UTC).</summary>
    public DateOnly? To { get; init; }

    /// <summary>An order number, e-mail, phone number or name (or the start of one).</summary>
    public string Search { get; init; } = "";

    public OrderSort Sort { get; init; } = OrderSort.Created;

    public bool Descending { get; init; } = true;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    public IReadOnlyList<string> Ignored { get; init; } = [];

    public bool IsFiltered => Status is not null || PaymentStatus is not null || PaymentMethod is not null || Country is not null
        || From is not null || To is not null || Search.Length > 0;

    public static OrderListQuery Parse(IQueryCollection query)
    {
        var ignored = new List<string>();
        var from = ParseDate(query, "from", ignored);
        var to = ParseDate(query, "to", ignored);
        if (from > to)
        {
            ignored.Add($"the dates ({from:yyyy-MM-dd} is after {to:yyyy-MM-dd}), so they were swapped");
            (from, to) = (to, from);
        }
        var search = Single(query, "q")?.Trim() ?? "";
        if (search.Length > MaxSearchLength)
        {
            ignored.Add($"the end of the search (at most {MaxSearchLength} characters)");
            search = search[..MaxSearchLength];
        }
        var paymentMethod = Single(query, "method")?.Trim().ToLowerInvariant();
        if (paymentMethod is { Length: > 0 } && !PaymentMethodPattern().IsMatch(paymentMethod))
        {
            ignored.Add($"payment method \"{paymentMethod}\"");
            paymentMethod = null;
        }
        var country = Single(query, "country")?.Trim();
        if (country is { Length: > 0 } && Market.Find(country) is null)
        {
            ignored.Add($"country \"{country}\"");
            country = null;
        }
        var direction = Single(query, "dir");
        if (direction is { Length: > 0 } and not ("asc" or "desc"))
            ignored.Add($"sort direction \"{direction}\"");
        return new OrderListQuery
        {
            Status = ParseEnum<OrderStatus>(query, "status", "status", ignored),
            PaymentStatus = ParseEnum<PaymentStatus>(query, "payment", "payment status", ignored),
            PaymentMethod = string.IsNullOrEmpty(paymentMethod) ? null : paymentMethod,
            Country = string.IsNullOrEmpty(country) ? null : Market.Find(country)!.Country,
            From = from,
            To = to,
            Search = search,
            Sort = ParseEnum<OrderSort>(query, "sort", "sort", ignored) ?? OrderSort.Created,
            Descending = direction != "asc",
            Page = ParseNumber(query, "page", 1, 1, int.MaxValue, ignored),
            PageSize = ParseNumber(query, "size", DefaultPageSize, 10, MaxPageSize, ignored),
            Ignored = ignored,
        };
    }

    /// <summary>The orders that match every filter and the search.</summary>
    public IQueryable<Order> Apply(IQueryable<Order> orders)
    {
        if (Status is { } status)
            orders = orders.Where(o => o.Status == status);
        if (PaymentStatus is { } paymentStatus)
            orders = orders.Where(o => o.PaymentStatus == paymentStatus);
        if (PaymentMethod is { } method)
            orders = orders.Where(o => o.PaymentMethod == method);
        if (Country is { } country)
            orders = orders.Where(o => o.Country == country);
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            orders = orders.Where(o => o.CreatedAt >= start);
        }
        if (To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            orders = orders.Where(o => o.CreatedAt < end);
        }
        return Search.Length > 0 ? ApplySearch(orders) : orders;
    }

    /// <summary>
    /// Every search key is matched as a prefix range (<c>key &gt;= q AND key &lt; bound</c>), which the key's index
    /// answers on every provider.
    /// </summary>
    private IQueryable<Order> ApplySearch(IQueryable<Order> orders)
    {
        var number = Search.ToUpperInvariant();
        var numberBound = OrderSearchKeys.UpperBound(number);
        var text = OrderSearchKeys.Text(Search);
        var textBound = OrderSearchKeys.UpperBound(text);
        if (OrderSearchKeys.PhoneQuery(Search) is { } phone)
        {
            var phoneBound = OrderSearchKeys.UpperBound(phone);
            return orders.Where(o =>
                (o.Number.CompareTo(number) >= 0 && o.Number.CompareTo(numberBound) < 0)
                || (o.SearchPhone.CompareTo(phone) >= 0 && o.SearchPhone.CompareTo(phoneBound) < 0));
        }
        return orders.Where(o =>
            (o.Number.CompareTo(number) >= 0 && o.Number.CompareTo(numberBound) < 0)
            || (o.SearchEmail.CompareTo(text) >= 0 && o.SearchEmail.CompareTo(textBound) < 0)
            || (o.SearchName.CompareTo(text) >= 0 && o.SearchName.CompareTo(textBound) < 0));
    }

    /// <summary>The orders in the chosen order; ties fall back to the id, so paging is stable.</summary>
    public IOrderedQueryable<Order> Sorted(IQueryable<Order> orders) => (Sort, Descending) switch
    {
        (OrderSort.Number, false) => orders.OrderBy(o => o.Number),
        (OrderSort.Number, true) => orders.OrderByDescending(o => o.Number),
        (OrderSort.Total, false) => orders.OrderBy(o => o.TotalAmount).ThenBy(o => o.CreatedAt).ThenBy(o => o.Id),
        (OrderSort.Total, true) => orders.OrderByDescending(o => o.TotalAmount).ThenByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
        (OrderSort.Status, false) => orders.OrderBy(o => o.Status).ThenBy(o => o.CreatedAt).ThenBy(o => o.Id),
        (OrderSort.Status, true) => orders.OrderByDescending(o => o.Status).ThenByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
        (_, false) => orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id),
        _ => orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
    };

    /// <summary>This filter's query string (without paging unless asked), for links, the pager and the CSV export.</summary>
    public string ToQueryString(int? page = null, OrderSort? sort = null, bool? descending = null)
    {
        var query = new QueryBuilder();
        if (Search.Length > 0)
            query.Add("q", Search);
        if (Status is { } status)
            query.Add("status", status.ToString());
        if (PaymentStatus is { } paymentStatus)
            query.Add("payment", paymentStatus.ToString());
        if (PaymentMethod is { } method)
            query.Add("method", method);
        if (Country is { } country)
            query.Add("country", country);
        if (From is { } from)
            query.Add("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } to)
            query.Add("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var (effectiveSort, effectiveDescending) = (sort ?? Sort, descending ?? Descending);
        if (effectiveSort != OrderSort.Created || !effectiveDescending)
        {
            query.Add("sort", effectiveSort.ToString().ToLowerInvariant());
            query.Add("dir", effectiveDescending ? "desc" : "asc");
        }
        if (PageSize != DefaultPageSize)
            query.Add("size", PageSize.ToString(CultureInfo.InvariantCulture));
        if (page is > 1)
            query.Add("page", page.Value.ToString(CultureInfo.InvariantCulture));
        return query.ToQueryString().Value ?? "";
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    private static T? ParseEnum<T>(IQueryCollection query, string name, string label, List<string> ignored) where T : struct, Enum
    {
        var value = Single(query, name)?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        // One name only: "3" or "-1" would parse as numbers, and "Paid,Cancelled" as the two values or-ed together.
        if (value.All(char.IsAsciiLetter) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            return parsed;
        ignored.Add($"{label} \"{value}\"");
        return null;
    }

    private static DateOnly? ParseDate(IQueryCollection query, string name, List<string> ignored)
    {
        var value = Single(query, name)?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        ignored.Add($"date \"{value}\" (use YYYY-MM-DD)");
        return null;
    }

    private static int ParseNumber(IQueryCollection query, string name, int fallback, int min, int max, List<string> ignored)
    {
        var value = Single(query, name)?.Trim();
        if (string.IsNullOrEmpty(value))
            return fallback;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        ignored.Add($"{name} \"{value}\"");
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big) ? (int)Math.Clamp(big, min, max) : fallback;
    }

    [GeneratedRegex("^[a-z0-9_.-]{1,64}$")]
    private static partial Regex PaymentMethodPattern();
}
