using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Data;
using Storefront.Notifications;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Admin;

/// <summary>
/// One order as the merchandiser sees it, with its actions. Every action needs its form's "confirm" box ticked
/// (checked here, on the server), goes through the order's state machine and lands on the timeline.
/// </summary>
public sealed class AdminOrderModel(OrderManagement management, StorefrontDbContext db, IStringLocalizer<AdminOrderModel> localizer) : PageModel
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

    public bool CanRefund => Order.CanRefund;

    public bool CanCancel => Order.CanCancel;

    public bool CanFulfil => Order.CanFulfil;

    public Money Refundable => Order.Refundable;

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
        if (ErrorIn(Refund, nameof(Refund)) is { } problem)
            return Refused("refund", problem);
        // "Refund shipping only" gives back the order's own shipping line, whatever the amount field says.
        var amount = Refund.ShippingOnly && Order.Shipping.MinorUnits > 0 ? Order.Shipping
            : TryParseAmount(Refund.Amount, Order.Currency, out var typed) ? typed
            : (Money?)null;
        if (amount is null)
            return Refused("refund", localizer["Enter the amount in {0}, e.g. {1}.", Order.Currency, FormatAmount(Refundable)]);
        return await DoneAsync(number, "refund",
            await management.RefundAsync(number, amount.Value.MinorUnits, Refund.Reason ?? "", Refund.SubmitKey!, Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (ErrorIn(Cancel, nameof(Cancel)) is { } problem)
            return Refused("cancel", problem);
        return await DoneAsync(number, "cancel",
            await management.CancelAsync(number, Cancel.Reason ?? "", Cancel.SubmitKey!, Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostFulfilAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (ErrorIn(Fulfil, nameof(Fulfil)) is { } problem)
            return Refused("fulfil", problem);
        return await DoneAsync(number, "fulfil",
            await management.FulfilAsync(number, Fulfil.Carrier ?? "", Fulfil.TrackingNumber ?? "", Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostNoteAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (ErrorIn(Note, nameof(Note)) is { } problem)
            return Refused("note", problem);
        return await DoneAsync(number, "note", await management.AddNoteAsync(number, Note.Text ?? "", Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostReviewAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (ErrorIn(Review, nameof(Review)) is { } problem)
            return Refused("review", problem);
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

    public const string ConfirmFirst = "Tick the confirmation box first: nothing was done.";

    /// <summary>The message beside a form when its action was refused, if it was.</summary>
    public string? ErrorFor(string form) => Errors.GetValueOrDefault(form);

    /// <summary>Refused actions whose form is no longer offered (the order moved on): reported at the top instead.</summary>
    public IEnumerable<string> ErrorsWithoutForm
    {
        get
        {
            var shown = new HashSet<string> { "note", "modifications", "emails" };
            if (CanRefund)
                shown.Add("refund");
            if (CanCancel)
                shown.Add("cancel");
            if (CanFulfil)
                shown.Add("fulfil");
            if (Order.ReviewReason is not null)
                shown.Add("review");
            return Errors.Where(e => !shown.Contains(e.Key)).Select(e => e.Value);
        }
    }

    /// <summary>
    /// The first limit the posted form breaks, its confirmation box first; null when it keeps them all. Checked on the
    /// form object as bound, not through the binding's ModelState: the page binds every form on every post, and a form
    /// posted without its field names' prefix must not slip past its own checks. Validated again here, alone, by MVC's
    /// validators, so that the messages come in the merchandiser's language like any form's.
    /// </summary>
    private string? ErrorIn(ConfirmedForm form, string prefix)
    {
        ModelState.Clear();
        if (TryValidateModel(form, prefix))
            return null;
        return ModelState.OrderBy(entry => entry.Key == $"{prefix}.{nameof(ConfirmedForm.Confirm)}" ? 0 : 1)
            .SelectMany(entry => entry.Value?.Errors ?? [])
            .Select(error => error.ErrorMessage)
            .FirstOrDefault();
    }

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

/// <summary>An action's form: nothing is done unless its "I confirm" box is ticked.</summary>
public abstract class ConfirmedForm
{
    [Range(typeof(bool), "true", "true", ErrorMessage = AdminOrderModel.ConfirmFirst)]
    public bool Confirm { get; set; }
}

/// <summary>A money action's form, with a one-time key: a double click finds the first action instead of making a second.</summary>
public abstract class OneTimeForm : ConfirmedForm
{
    private const string Expired = "This form has expired. Reload the page and try again.";

    [Required(ErrorMessage = Expired)]
    [StringLength(64, MinimumLength = 16, ErrorMessage = Expired)]
    public string? SubmitKey { get; set; }
}

public sealed class RefundForm : OneTimeForm
{
    /// <summary>In major units of the order's currency (won, dollars …): read against the order's currency by the page.</summary>
    public string? Amount { get; set; }

    [StringLength(AdminOrderModel.MaxReasonLength, ErrorMessage = "A reason has at most {1} characters.")]
    public string? Reason { get; set; }

    /// <summary>Set by the "Refund shipping only" button: the refund is the order's shipping fee.</summary>
    public bool ShippingOnly { get; set; }
}

public sealed class CancelForm : OneTimeForm
{
    [StringLength(AdminOrderModel.MaxReasonLength, ErrorMessage = "A reason has at most {1} characters.")]
    public string? Reason { get; set; }
}

public sealed class FulfilForm : ConfirmedForm
{
    [StringLength(100, ErrorMessage = "The carrier has at most {1} characters.")]
    public string? Carrier { get; set; }

    [StringLength(100, ErrorMessage = "The tracking number has at most {1} characters.")]
    public string? TrackingNumber { get; set; }
}

public sealed class NoteForm : ConfirmedForm
{
    [StringLength(OrderEvent.SummaryMaxLength, ErrorMessage = "A note has at most {1} characters.")]
    public string? Text { get; set; }
}

public sealed class ReviewForm : ConfirmedForm
{
    [StringLength(AdminOrderModel.MaxReasonLength, ErrorMessage = "Say what was done in at most {1} characters.")]
    public string? Resolution { get; set; }
}
