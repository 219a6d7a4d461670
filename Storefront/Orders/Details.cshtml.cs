using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Notifications;

namespace Storefront.Orders;

/// <summary>
/// An order's status and confirmation. Visible to its owner, or to anyone holding the signed link shown
/// after payment (a guest, or a shopper whose KakaoPay app opened another browser). Anyone else gets 404.
/// </summary>
public sealed class OrderDetailsModel(StorefrontDbContext db, OrderLinks links) : PageModel
{
    public Order Order { get; private set; } = null!;

    /// <summary>True while the outcome is still coming: the page refreshes itself.</summary>
    public bool AwaitingOutcome => Order.Status == OrderStatus.AwaitingPayment
        && Order.PaymentStatus is PaymentStatus.AwaitingShopper or PaymentStatus.Confirming;

    /// <summary>The signed-in owner, who can pay a failed order again from their account.</summary>
    public bool IsOwner { get; private set; }

    /// <summary>Where the order confirmation stands (Pending or Sent); null when none was queued or sending it failed.</summary>
    public EmailStatus? Confirmation { get; private set; }

    public PaymentAttempt? Payment => Order.Attempts.Where(a => a.Status == AttemptStatus.Authorised).MaxBy(a => a.Number)
        ?? Order.CurrentAttempt;

    public async Task<IActionResult> OnGetAsync(string number, string? key, CancellationToken cancellationToken)
    {
        if (!OrderNumbers.LooksValid(number))
            return NotFound();
        var order = await db.Orders.AsNoTracking().AsSplitQuery()
            .Include(o => o.Lines).Include(o => o.Attempts)
            .FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
        var userId = User.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        IsOwner = order is not null && userId is not null && order.ShopperId == userId;
        var guestKey = links.CheckGuestKey(number, key);
        if (order is null || !(IsOwner || guestKey == GuestKey.Valid))
        {
            // A link we signed for this order, only too old: the guest can have a fresh one e-mailed.
            return order is not null && guestKey == GuestKey.Expired
                ? new Shared.SeeOtherResult($"/orders/link?number={Uri.EscapeDataString(number)}&expired=true")
                : NotFound();
        }
        Order = order;
        Confirmation = await db.OutgoingEmails
            .Where(e => e.OrderId == order.Id && e.Kind == EmailKind.OrderConfirmed && e.Status != EmailStatus.Failed)
            .Select(e => (EmailStatus?)e.Status).FirstOrDefaultAsync(cancellationToken);
        return Page();
    }
}
