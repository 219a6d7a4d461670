using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Notifications;
using Storefront.Orders;
using Storefront.Payments.Adyen.Webhooks;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// The merchandiser's landing page: today's and the last 7 days' orders and revenue per currency, orders per day,
/// and what needs attention (flagged orders, stuck payments, failed or unconfirmed refunds, failed e-mails, webhooks
/// that failed).
/// Days are the days of <c>Admin:Dashboard:TimeZone</c> (Korea Standard Time unless set). Revenue is the total of the orders paid in the period that are not cancelled, before refunds.
/// </summary>
public sealed class DashboardModel(StorefrontDbContext db, TimeProvider time, IOptions<DashboardOptions> options) : PageModel
{
    public const int ChartDays = 14;
    public const int ListLimit = 20;

    /// <summary>The zone whose days are counted (<c>Admin:Dashboard:TimeZone</c>).</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Today in <see cref="Zone"/>.</summary>
    public DateOnly Today { get; private set; }

    public IReadOnlyList<CurrencyFigures> TodayFigures { get; private set; } = [];

    public IReadOnlyList<CurrencyFigures> WeekFigures { get; private set; } = [];

    /// <summary>Orders placed per day, oldest first, the last <see cref="ChartDays"/> days up to today.</summary>
    public IReadOnlyList<DayCount> OrdersPerDay { get; private set; } = [];

    public Attention<FlaggedOrder> Flagged { get; private set; } = Attention<FlaggedOrder>.None;

    public Attention<StuckOrder> StuckPayments { get; private set; } = Attention<StuckOrder>.None;

    public Attention<ModificationAlert> FailedModifications { get; private set; } = Attention<ModificationAlert>.None;

    public Attention<ModificationAlert> WaitingModifications { get; private set; } = Attention<ModificationAlert>.None;

    /// <summary>E-mails the sender gave up on: the shopper has not heard from us (a confirmation, a refund notice …).</summary>
    public Attention<EmailAlert> FailedEmails { get; private set; } = Attention<EmailAlert>.None;

    public IReadOnlyDictionary<WebhookStatus, int> WebhookProblems { get; private set; } = new Dictionary<WebhookStatus, int>();

    public DashboardOptions Options => options.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Zone = Options.Zone();
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Zone));
        await CountFiguresAsync(cancellationToken);
        await FindAttentionAsync(now, cancellationToken);
    }

    private async Task CountFiguresAsync(CancellationToken cancellationToken)
    {
        var todayStart = StartOf(Today);
        var weekStart = StartOf(Today.AddDays(-6));
        var chartStartDay = Today.AddDays(1 - ChartDays);
        var chartStart = StartOf(chartStartDay);
        var perDay = new int[ChartDays];
        var today = new Dictionary<string, CurrencyFigures>();
        var week = new Dictionary<string, CurrencyFigures>();

        // Streamed and summed as read: a busy fortnight is never held in memory as a list.
        var placed = db.Orders.AsNoTracking().Where(o => o.CreatedAt >= chartStart)
            .Select(o => new { o.CreatedAt, o.Currency }).AsAsyncEnumerable();
        await foreach (var order in placed.WithCancellation(cancellationToken))
        {
            var day = DayOf(order.CreatedAt).DayNumber - chartStartDay.DayNumber;
            if (day is >= 0 and < ChartDays)
                perDay[day]++;
            if (order.CreatedAt >= weekStart)
                Add(week, order.Currency, placed: 1);
            if (order.CreatedAt >= todayStart)
                Add(today, order.Currency, placed: 1);
        }

        var paid = db.Orders.AsNoTracking()
            .Where(o => o.PaidAt >= weekStart && (o.Status == OrderStatus.Paid || o.Status == OrderStatus.Fulfilled))
            .Select(o => new { o.PaidAt, o.Currency, o.TotalAmount }).AsAsyncEnumerable();
        await foreach (var order in paid.WithCancellation(cancellationToken))
        {
            Add(week, order.Currency, paid: 1, revenue: order.TotalAmount);
            if (order.PaidAt >= todayStart)
                Add(today, order.Currency, paid: 1, revenue: order.TotalAmount);
        }

        TodayFigures = today.Values.OrderBy(f => f.Currency, StringComparer.Ordinal).ToArray();
        WeekFigures = week.Values.OrderBy(f => f.Currency, StringComparer.Ordinal).ToArray();
        OrdersPerDay = perDay.Select((count, i) => new DayCount(chartStartDay.AddDays(i), count)).ToArray();
    }

    private DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Zone));

    /// <summary>The UTC instant a day starts in <see cref="Zone"/>; where midnight is skipped by a clock change, the first hour that exists.</summary>
    private DateTime StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(midnight))
            midnight = midnight.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(midnight, Zone);
    }

    private async Task FindAttentionAsync(DateTime now, CancellationToken cancellationToken)
    {
        var flagged = db.Orders.AsNoTracking().Where(o => o.FlaggedAt != null);
        Flagged = new(await flagged.CountAsync(cancellationToken), await flagged
            .OrderByDescending(o => o.FlaggedAt).Take(ListLimit)
            .Select(o => new FlaggedOrder(o.Number, o.FlaggedAt!.Value, o.ReviewReason ?? "", o.Status))
            .ToListAsync(cancellationToken));

        var stuckBefore = now - Options.StuckPaymentAfter;
        var stuck = db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.AwaitingPayment && o.CreatedAt < stuckBefore);
        StuckPayments = new(await stuck.CountAsync(cancellationToken), await stuck
            .OrderBy(o => o.CreatedAt).Take(ListLimit)
            .Select(o => new StuckOrder(o.Number, o.CreatedAt, o.PaymentStatus, o.Currency, o.TotalAmount))
            .ToListAsync(cancellationToken));

        var failedSince = now.AddDays(-Options.FailedModificationDays);
        var failed = db.PaymentModifications.AsNoTracking()
            .Where(m => m.Status == ModificationStatus.Failed && m.RequestedAt >= failedSince);
        FailedModifications = new(await failed.CountAsync(cancellationToken), await failed
            .OrderByDescending(m => m.RequestedAt).Take(ListLimit)
            .Select(m => new ModificationAlert(m.Order.Number, m.Reference, m.Kind, m.Amount, m.Currency, m.RequestedAt, m.PspReference != null, m.FailureReason))
            .ToListAsync(cancellationToken));

        var waitingBefore = now - Options.ModificationWaitingAfter;
        var waiting = db.PaymentModifications.AsNoTracking()
            .Where(m => m.Status == ModificationStatus.Requested && (m.RequestedAt < waitingBefore || m.PspReference == null));
        WaitingModifications = new(await waiting.CountAsync(cancellationToken), await waiting
            .OrderBy(m => m.RequestedAt).Take(ListLimit)
            .Select(m => new ModificationAlert(m.Order.Number, m.Reference, m.Kind, m.Amount, m.Currency, m.RequestedAt, m.PspReference != null, null))
            .ToListAsync(cancellationToken));

        var failedEmails = db.OutgoingEmails.AsNoTracking().Where(e => e.Status == EmailStatus.Failed);
        FailedEmails = new(await failedEmails.CountAsync(cancellationToken), await (
                from email in failedEmails
                join order in db.Orders on email.OrderId equals order.Id into orders
                from order in orders.DefaultIfEmpty()
                orderby email.QueuedAt descending
                select new EmailAlert(email.Id, email.Kind, order == null ? null : order.Number, email.QueuedAt, email.Attempts))
            .Take(ListLimit).ToListAsync(cancellationToken));

        var problems = await db.WebhookMessages.AsNoTracking()
            .Where(m => m.Status == WebhookStatus.Failed || m.Status == WebhookStatus.Poisoned || m.Status == WebhookStatus.Unmatched)
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        WebhookProblems = problems.ToDictionary(p => p.Status, p => p.Count);
    }

    private static void Add(Dictionary<string, CurrencyFigures> figures, string currency, int placed = 0, int paid = 0, long revenue = 0)
    {
        var current = figures.GetValueOrDefault(currency) ?? new CurrencyFigures(currency, 0, 0, 0);
        figures[currency] = current with
        {
            OrdersPlaced = current.OrdersPlaced + placed,
            OrdersPaid = current.OrdersPaid + paid,
            RevenueMinorUnits = current.RevenueMinorUnits + revenue,
        };
    }
}

public sealed record CurrencyFigures(string Currency, int OrdersPlaced, int OrdersPaid, long RevenueMinorUnits)
{
    public Money Revenue => new(RevenueMinorUnits, Currency);
}

public sealed record DayCount(DateOnly Day, int Orders);

/// <summary>How many things of a kind need attention, and the first of them.</summary>
public sealed record Attention<T>(int Count, IReadOnlyList<T> Items)
{
    public static Attention<T> None { get; } = new(0, []);
}

public sealed record FlaggedOrder(string Number, DateTime FlaggedAt, string Reason, OrderStatus Status);

public sealed record StuckOrder(string Number, DateTime CreatedAt, PaymentStatus PaymentStatus, string Currency, long TotalAmount)
{
    public Money Total => new(TotalAmount, Currency);
}

/// <summary>A failed e-mail; <see cref="OrderNumber"/> is null for an account e-mail (Identity's).</summary>
public sealed record EmailAlert(long Id, EmailKind Kind, string? OrderNumber, DateTime QueuedAt, int Attempts);

public sealed record ModificationAlert(string OrderNumber, string Reference, ModificationKind Kind, long Amount, string Currency,
    DateTime RequestedAt, bool ReceivedByAdyen, string? FailureReason)
{
    public Money Total => new(Amount, Currency);
}
