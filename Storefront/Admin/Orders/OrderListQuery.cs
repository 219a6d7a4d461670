using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
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

/// <summary>The merchandiser's order filter, shared by the order list and its CSV export (see <see cref="ListFilter"/>).</summary>
public sealed class OrderListQuery : ListFilter
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 100;

    [FromQuery(Name = "status"), Display(Name = "status"), ModelBinder<EnumNameBinder>]
    public OrderStatus? Status { get; set; }

    [FromQuery(Name = "payment"), Display(Name = "payment status"), ModelBinder<EnumNameBinder>]
    public PaymentStatus? PaymentStatus { get; set; }

    [FromQuery(Name = "method")]
    [RegularExpression("^[a-z0-9_.-]{1,64}$", ErrorMessage = "There is no payment method \"{0}\".")]
    public string? PaymentMethod
    {
        get;
        set => field = value?.Trim().ToLowerInvariant();
    }

    /// <summary>A country the shop sells to, as its code in capitals (the query string may say "kr").</summary>
    [FromQuery(Name = "country")]
    [SoldTo]
    public string? Country
    {
        get;
        set => field = value is null ? null : Market.Find(value.Trim())?.Country ?? value;
    }

    /// <summary>
    /// An order number, e-mail, phone number or name (or the start of one). Cut at <see cref="MaxSearchLength"/>
    /// rather than refused, as the search box does.
    /// </summary>
    [FromQuery(Name = "q")]
    public string Search
    {
        get;
        set => field = value?.Trim() is { } search ? search[..Math.Min(search.Length, MaxSearchLength)] : "";
    } = "";

    [FromQuery(Name = "sort"), Display(Name = "sort"), ModelBinder<EnumNameBinder>]
    public OrderSort Sort { get; set; } = OrderSort.Created;

    [FromQuery(Name = "dir")]
    [RegularExpression("^(asc|desc)$", ErrorMessage = "There is no sort direction \"{0}\": use asc or desc.")]
    public string? Direction { get; set; }

    [FromQuery(Name = "size"), Display(Name = "size")]
    [Range(10, MaxPageSize, ErrorMessage = "A page has {1} to {2} orders.")]
    public int PageSize { get; set; } = DefaultPageSize;

    public bool Descending => Direction != "asc";

    public bool IsFiltered => Status is not null || PaymentStatus is not null || PaymentMethod is not null || Country is not null
        || From is not null || To is not null || Search.Length > 0;

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
        if (Start is { } start)
            orders = orders.Where(o => o.CreatedAt >= start);
        if (End is { } end)
            orders = orders.Where(o => o.CreatedAt < end);
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
        AddRange(query);
        var (effectiveSort, effectiveDescending) = (sort ?? Sort, descending ?? Descending);
        if (effectiveSort != OrderSort.Created || !effectiveDescending)
        {
            query.Add("sort", effectiveSort.ToString().ToLowerInvariant());
            query.Add("dir", effectiveDescending ? "desc" : "asc");
        }
        if (PageSize != DefaultPageSize)
            query.Add("size", PageSize.ToString(CultureInfo.InvariantCulture));
        AddPage(query, page);
        return query.ToQueryString().Value ?? "";
    }

    /// <summary>A country the shop sells to, in any case; none is fine.</summary>
    private sealed class SoldToAttribute() : ValidationAttribute("There is no country \"{0}\" the shop sells to.")
    {
        public override bool IsValid(object? value) => value is not string country || Market.Find(country) is not null;

        public override string FormatErrorMessage(string name) => string.Format(CultureInfo.InvariantCulture, ErrorMessageString, name);
    }
}
