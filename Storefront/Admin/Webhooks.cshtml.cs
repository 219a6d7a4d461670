using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Orders;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The webhook inbox: every message Adyen sent, what became of it, and Reprocess for those that failed, were poisoned
/// or matched nothing (F06, F20). Reprocessing only puts the message back in the worker's queue.
/// </summary>
public sealed partial class WebhookInboxModel(StorefrontDbContext db, TimeProvider time, ILogger<WebhookInboxModel> logger) : PageModel
{
    public const int PageSize = 50;
    public const string NoticeKey = "WebhookNotice";

    /// <summary>Codes offered as suggestions in the filter; any other code can be typed.</summary>
    public static readonly IReadOnlyList<string> KnownEventCodes =
    [
        "AUTHORISATION", "CANCELLATION", "CANCEL_OR_REFUND", "OFFER_CLOSED", "RECURRING_CONTRACT", "REFUND", "REFUND_FAILED",
        "REFUNDED_REVERSED", "recurring.token.created", "recurring.token.disabled",
    ];

    public WebhookStatus? Status { get; private set; }

    public string EventCode { get; private set; } = "";

    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public int TotalCount { get; private set; }

    public IReadOnlyList<string> Ignored { get; private set; } = [];

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
        ReadFilter();
        var message = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
            return await RefusedAsync($"There is no webhook message {id}.", cancellationToken);
        if (!message.CanReprocess)
            return await RefusedAsync($"Message {id} is {message.Status}: only failed, poisoned or unmatched messages can be reprocessed.", cancellationToken);
        var from = message.Status;
        message.Reprocess(User.Identity?.Name ?? "merchandiser", time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await RefusedAsync($"Message {id} changed while you were looking at it. Check its status and try again.", cancellationToken);
        }
        LogReprocessed(logger, id, message.EventCode, from);
        TempData[NoticeKey] = $"Message {id} ({message.EventCode}) was {from.ToString().ToLowerInvariant()}; it is queued to be processed again.";
        return new SeeOtherResult("/admin/webhooks" + FilterQuery());
    }

    /// <summary>The order a message names through its merchant reference (<c>SF-XXXXXXXX-1</c>, <c>SF-XXXXXXXX-R1</c>).</summary>
    public static string? OrderNumberOf(WebhookMessage message) =>
        message.MerchantReference is { Length: >= 11 } reference && OrderNumbers.LooksValid(reference[..11]) ? reference[..11] : null;

    public string PageUrl(int page) => "/admin/webhooks" + FilterQuery(page);

    /// <summary>The current filter as a query string, so Reprocess lands back on the same list.</summary>
    public string FilterQuery(int? page = null)
    {
        var query = new QueryBuilder();
        if (Status is { } status)
            query.Add("status", status.ToString());
        if (EventCode.Length > 0)
            query.Add("event", EventCode);
        if (From is { } from)
            query.Add("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } to)
            query.Add("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if ((page ?? PageNumber) > 1)
            query.Add("page", (page ?? PageNumber).ToString(CultureInfo.InvariantCulture));
        return query.ToQueryString().Value ?? "";
    }

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
        ReadFilter();
        IQueryable<WebhookMessage> messages = db.WebhookMessages.AsNoTracking();
        if (Status is { } status)
            messages = messages.Where(m => m.Status == status);
        if (EventCode.Length > 0)
            messages = messages.Where(m => m.EventCode == EventCode);
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            messages = messages.Where(m => m.ReceivedAt >= start);
        }
        if (To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            messages = messages.Where(m => m.ReceivedAt < end);
        }
        TotalCount = await messages.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
        PageNumber = Math.Min(PageNumber, PageCount);
        Messages = await messages.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
    }

    // Read by hand: a hand-edited address with an unknown status or a bad date is ignored and said so, never a 500.
    private void ReadFilter()
    {
        var ignored = new List<string>();
        var query = Request.Query;
        var status = query["status"].ToString().Trim();
        if (status.Length > 0)
        {
            if (status.All(char.IsAsciiLetter) && Enum.TryParse<WebhookStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
                Status = parsed;
            else
                ignored.Add($"status \"{status}\"");
        }
        var eventCode = query["event"].ToString().Trim();
        if (eventCode.Length > 64)
            ignored.Add("an event code longer than 64 characters");
        else
            EventCode = eventCode;
        From = ParseDate(query["from"].ToString(), ignored);
        To = ParseDate(query["to"].ToString(), ignored);
        if (From > To)
            (From, To) = (To, From);
        var page = query["page"].ToString();
        if (page.Length > 0)
        {
            if (int.TryParse(page, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 1)
                PageNumber = number;
            else
                ignored.Add($"page \"{page}\"");
        }
        Ignored = ignored;
    }

    private static DateOnly? ParseDate(string value, List<string> ignored)
    {
        value = value.Trim();
        if (value.Length == 0)
            return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        ignored.Add($"date \"{value}\" (use YYYY-MM-DD)");
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook message {Id} ({EventCode}, {From}) sent back to the worker by a merchandiser")]
    private static partial void LogReprocessed(ILogger logger, long id, string eventCode, WebhookStatus from);
}
