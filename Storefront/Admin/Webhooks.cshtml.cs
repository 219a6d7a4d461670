using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The webhook inbox: every message Adyen sent, what became of it, and Reprocess for those that failed, were poisoned
/// or matched nothing (F06, F20, docs/payment-failure-modes.md). Reprocessing only puts the message back in the
/// worker's queue.
/// </summary>
public sealed partial class WebhookInboxModel(StorefrontDbContext db, TimeProvider time, AdminWords words,
    IStringLocalizer<WebhookInboxModel> localizer, IStringLocalizer<ListFilter> filterLocalizer, ILogger<WebhookInboxModel> logger) : PageModel
{
    public const int PageSize = 50;
    public const string NoticeKey = "WebhookNotice";

    /// <summary>Codes offered as suggestions in the filter; any other code can be typed.</summary>
    public static readonly IReadOnlyList<string> KnownEventCodes =
    [
        "AUTHORISATION", "CANCELLATION", "CANCEL_OR_REFUND", "OFFER_CLOSED", "RECURRING_CONTRACT", "REFUND", "REFUND_FAILED",
        "REFUNDED_REVERSED", "recurring.token.created", "recurring.token.disabled",
    ];

    // Bound by the filter's own names only ("?status=Paid"), never under the property's name as a prefix.
    [BindProperty(SupportsGet = true, Name = "")]
    public WebhookFilter Filter { get; set; } = new();

    public int PageCount { get; private set; } = 1;

    public int TotalCount { get; private set; }

    public IReadOnlyList<WebhookMessage> Messages { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData[NoticeKey] as string;
        await LoadAsync(cancellationToken);
    }

    /// <summary>Back to Pending, due now, attempts reset; the worker picks it up. Who did it is kept on the message.</summary>
    public async Task<IActionResult> OnPostReprocessAsync(long id, CancellationToken cancellationToken)
    {
        Filter.DropRefused(ModelState, filterLocalizer);
        var message = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
            return await RefusedAsync(localizer["There is no webhook message {0}.", id], cancellationToken);
        if (!message.CanReprocess)
            return await RefusedAsync(localizer["Message {0} is {1}: only failed, poisoned or unmatched messages can be reprocessed.", id, words.Webhook(message.Status)], cancellationToken);
        var from = message.Status;
        message.Reprocess(User.Identity?.Name ?? "merchandiser", time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await RefusedAsync(localizer["Message {0} changed while you were looking at it. Check its status and try again.", id], cancellationToken);
        }
        LogReprocessed(logger, id, message.EventCode, from);
        TempData[NoticeKey] = localizer["Message {0} ({1}, {2}) is queued to be processed again.", id, message.EventCode, words.Webhook(from)].Value;
        return new SeeOtherResult("/admin/webhooks" + Filter.ToQueryString());
    }

    /// <summary>The order a message names through its merchant reference (<c>SF-XXXXXXXX-1</c>, <c>SF-XXXXXXXX-R1</c>).</summary>
    public static string? OrderNumberOf(WebhookMessage message) =>
        message.MerchantReference is { Length: >= 11 } reference && OrderNumbers.LooksValid(reference[..11]) ? reference[..11] : null;

    public string PageUrl(int page) => "/admin/webhooks" + Filter.ToQueryString(page);

    private async Task<PageResult> RefusedAsync(string error, CancellationToken cancellationToken)
    {
        Error = error;
        await LoadAsync(cancellationToken);
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Filter.DropRefused(ModelState, filterLocalizer);
        var messages = Filter.Apply(db.WebhookMessages.AsNoTracking());
        TotalCount = await messages.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
        Filter.Page = Math.Clamp(Filter.Page, 1, PageCount);
        Messages = await messages.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Skip((Filter.Page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook message {Id} ({EventCode}, {From}) sent back to the worker by a merchandiser")]
    private static partial void LogReprocessed(ILogger logger, long id, string eventCode, WebhookStatus from);
}

/// <summary>The webhook inbox's filter (see <see cref="ListFilter"/>).</summary>
public sealed class WebhookFilter : ListFilter
{
    [FromQuery(Name = "status"), Display(Name = "status"), ModelBinder<EnumNameBinder>]
    public WebhookStatus? Status { get; set; }

    /// <summary>Any code can be typed; <see cref="WebhookInboxModel.KnownEventCodes"/> are suggested.</summary>
    [FromQuery(Name = "event")]
    [StringLength(64, ErrorMessage = "An event code has at most {1} characters.")]
    public string EventCode
    {
        get;
        set => field = value?.Trim() ?? "";
    } = "";

    public IQueryable<WebhookMessage> Apply(IQueryable<WebhookMessage> messages)
    {
        if (Status is { } status)
            messages = messages.Where(m => m.Status == status);
        if (EventCode.Length > 0)
            messages = messages.Where(m => m.EventCode == EventCode);
        if (Start is { } start)
            messages = messages.Where(m => m.ReceivedAt >= start);
        if (End is { } end)
            messages = messages.Where(m => m.ReceivedAt < end);
        return messages;
    }

    /// <summary>This filter as a query string (the page too unless told another), so Reprocess lands back on the same list.</summary>
    public string ToQueryString(int? page = null)
    {
        var query = new QueryBuilder();
        if (Status is { } status)
            query.Add("status", status.ToString());
        if (EventCode.Length > 0)
            query.Add("event", EventCode);
        AddRange(query);
        AddPage(query, page ?? Page);
        return query.ToQueryString().Value ?? "";
    }
}
