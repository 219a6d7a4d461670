using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Notifications;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// One order as the merchandiser sees it, with its actions. Every action needs its form's "confirm" box ticked
/// (checked here, on the server), goes through the order's state machine and lands on the timeline.
/// </summary>
public sealed class AdminOrderModel(OrderManagement management, StorefrontDbContext db) : PageModel
{
    public const string NoticeKey = "AdminNotice";
    public const string NoticeKindKey = "AdminNoticeKind";

    public Order Order { get; private set; } = null!;

    /// <summary>The e-mails queued for this order, oldest first: did the shopper get a confirmation?</summary>
    public IReadOnlyList<OutgoingEmail> Emails { get; private set; } = [];

    [BindProperty]
    public RefundForm Refund { get; set; } = new();

    [BindProperty]
    public CancelForm Cancel { get; set; } = new();

    [BindProperty]
    public FulfilForm Fulfil { get; set; } = new();

    [BindProperty]
    public NoteForm Note { get; set; } = new();

    [BindProperty]
    public ReviewForm Review { get; set; } = new();

    /// <summary>The refused action's message, by form ("refund", "cancel" …), shown beside that form.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public string? Notice { get; private set; }

    public ActionResultKind NoticeKind { get; private set; }

    public bool CanRefund => Order.Status is OrderStatus.Paid or OrderStatus.Fulfilled && Order.RefundableAmount > 0;

    public bool CanCancel => Order.Status is OrderStatus.AwaitingPayment or OrderStatus.PaymentFailed
        || (Order.Status == OrderStatus.Paid && Order.RefundableAmount > 0
            && !Order.Modifications.Any(m => m.Kind == ModificationKind.Reversal && m.Holds));

    public bool CanFulfil => Order.Status == OrderStatus.Paid;

    public Money Refundable => new(Order.RefundableAmount, Order.Currency);

    private string Actor => User.Identity?.Name ?? "merchandiser";

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        Notice = TempData[NoticeKey] as string;
        NoticeKind = Enum.TryParse<ActionResultKind>(TempData[NoticeKindKey] as string, out var kind) ? kind : ActionResultKind.Done;
        Refund = new RefundForm { Amount = FormatAmount(Refundable), SubmitKey = NewSubmitKey() };
        Cancel = new CancelForm { SubmitKey = NewSubmitKey() };
        return Page();
    }

    public async Task<IActionResult> OnPostRefundAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (Problem(Refund.Confirm, Refund.SubmitKey) is { } problem)
            return Refused("refund", problem);
        if (!TryParseAmount(Refund.Amount, Order.Currency, out var amount))
            return Refused("refund", $"Enter the amount in {Order.Currency}, e.g. {FormatAmount(Refundable)}.");
        if (Refund.Reason?.Length > MaxReasonLength)
            return Refused("refund", $"A reason has at most {MaxReasonLength} characters.");
        return await DoneAsync(number, "refund",
            await management.RefundAsync(number, amount.MinorUnits, Refund.Reason ?? "", Refund.SubmitKey!, Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (Problem(Cancel.Confirm, Cancel.SubmitKey) is { } problem)
            return Refused("cancel", problem);
        if (Cancel.Reason?.Length > MaxReasonLength)
            return Refused("cancel", $"A reason has at most {MaxReasonLength} characters.");
        return await DoneAsync(number, "cancel",
            await management.CancelAsync(number, Cancel.Reason ?? "", Cancel.SubmitKey!, Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostFulfilAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (!Fulfil.Confirm)
            return Refused("fulfil", ConfirmFirst);
        if (Fulfil.Carrier?.Length > 100 || Fulfil.TrackingNumber?.Length > 100)
            return Refused("fulfil", "The carrier and the tracking number have at most 100 characters each.");
        return await DoneAsync(number, "fulfil",
            await management.FulfilAsync(number, Fulfil.Carrier ?? "", Fulfil.TrackingNumber ?? "", Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostNoteAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (!Note.Confirm)
            return Refused("note", ConfirmFirst);
        if (Note.Text?.Length > OrderEvent.SummaryMaxLength)
            return Refused("note", $"A note has at most {OrderEvent.SummaryMaxLength} characters.");
        return await DoneAsync(number, "note", await management.AddNoteAsync(number, Note.Text ?? "", Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostReviewAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (!Review.Confirm)
            return Refused("review", ConfirmFirst);
        if (Review.Resolution?.Length > MaxReasonLength)
            return Refused("review", $"Say what was done in at most {MaxReasonLength} characters.");
        return await DoneAsync(number, "review",
            await management.ClearReviewAsync(number, Review.Resolution ?? "", Actor, cancellationToken), cancellationToken);
    }

    /// <summary>Sends a requested refund or cancellation that never reached Adyen, under its same reference and key.</summary>
    public async Task<IActionResult> OnPostSendAgainAsync(string number, string? reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        return await DoneAsync(number, "modifications", await management.SendAgainAsync(number, reference ?? "", cancellationToken), cancellationToken);
    }

    /// <summary>Queues a Failed e-mail of this order again (the relay was down, the mailbox full …).</summary>
    public async Task<IActionResult> OnPostSendEmailAgainAsync(string number, long emailId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        return await DoneAsync(number, "emails", await management.SendEmailAgainAsync(number, emailId, Actor, cancellationToken), cancellationToken);
    }

    public static string Masked(string? token) => token switch
    {
        null or "" => "",
        { Length: <= 4 } => new string('•', token.Length),
        _ => new string('•', Math.Min(8, token.Length - 4)) + token[^4..],
    };

    public const int MaxReasonLength = 500;

    private const string ConfirmFirst = "Tick the confirmation box first: nothing was done.";

    private static string? Problem(bool confirmed, string? submitKey) =>
        !confirmed ? ConfirmFirst
        : submitKey is not { Length: >= 16 and <= 64 } ? "This form has expired. Reload the page and try again."
        : null;

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        if (!OrderNumbers.LooksValid(number) || await management.FindAsync(number, cancellationToken) is not { } order)
            return false;
        Order = order;
        Emails = await db.OutgoingEmails.AsNoTracking().Where(e => e.OrderId == order.Id)
            .OrderBy(e => e.QueuedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return true;
    }

    private async Task<IActionResult> DoneAsync(string number, string form, ActionOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Kind == ActionResultKind.Refused)
        {
            // Show the order as it is now (a refund Adyen refused is on it), with the message beside the form.
            await LoadAsync(number, cancellationToken);
            return Refused(form, outcome.Message);
        }
        TempData[NoticeKey] = outcome.Message;
        TempData[NoticeKindKey] = outcome.Kind.ToString();
        return new SeeOtherResult($"/admin/orders/{number}");
    }

    private PageResult Refused(string form, string message)
    {
        Errors[form] = message;
        // A fresh key: the refused submit may have left a (failed) modification under the old one.
        Refund.SubmitKey = NewSubmitKey();
        Cancel.SubmitKey = NewSubmitKey();
        Refund.Amount ??= FormatAmount(Refundable);
        ModelState.Clear();
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    private static bool TryParseAmount(string? text, string currency, out Money amount)
    {
        amount = Money.Zero(currency);
        if (!decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 1_000_000_000_000m)
            return false;
        try
        {
            amount = Money.FromAmount(value, currency);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FormatAmount(Money money) =>
        money.Amount.ToString("F" + Money.Exponent(money.Currency), CultureInfo.InvariantCulture);

    private static string NewSubmitKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

public sealed class RefundForm
{
    /// <summary>In major units of the order's currency (won, dollars …).</summary>
    public string? Amount { get; set; }

    public string? Reason { get; set; }

    public bool Confirm { get; set; }

    /// <summary>The form's one-time key: a double click finds the first refund instead of making a second.</summary>
    public string? SubmitKey { get; set; }
}

public sealed class CancelForm
{
    public string? Reason { get; set; }

    public bool Confirm { get; set; }

    public string? SubmitKey { get; set; }
}

public sealed class FulfilForm
{
    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public bool Confirm { get; set; }
}

public sealed class NoteForm
{
    public string? Text { get; set; }

    public bool Confirm { get; set; }
}

public sealed class ReviewForm
{
    public string? Resolution { get; set; }

    public bool Confirm { get; set; }
}
