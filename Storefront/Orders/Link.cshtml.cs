using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront.Orders;

/// <summary>
/// A guest whose order link has expired (or was lost) asks for a fresh one: order number and e-mail address. When they
/// match an order, the fresh link goes to that order's e-mail address; the answer is the same either way, so the page
/// tells nobody which orders exist or whose they are.
/// </summary>
public sealed class OrderLinkModel(StorefrontDbContext db, OrderEmails emails) : PageModel
{
    [BindProperty]
    public LinkRequest Form { get; set; } = new();

    /// <summary>The shopper came from an order link that has expired.</summary>
    public bool Expired { get; private set; }

    public bool Sent { get; private set; }

    public void OnGet(string? number, bool expired, bool sent)
    {
        Form.OrderNumber = OrderNumbers.LooksValid(number) ? number! : "";
        (Expired, Sent) = (expired, sent);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return Page();
        var number = Form.OrderNumber.Trim().ToUpperInvariant();
        var order = OrderNumbers.LooksValid(number)
            ? await db.Orders.FirstOrDefaultAsync(o => o.Number == number, cancellationToken)
            : null;
        if (order is not null && string.Equals(order.Contact.Email, Form.Email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            emails.OrderLink(order);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new Shared.SeeOtherResult("/orders/link?sent=true");
    }

    public sealed class LinkRequest
    {
        [Required(ErrorMessage = "Enter your order number, e.g. SF-7KQ2M9XD.")]
        [StringLength(40)]
        [Display(Name = "Order number")]
        public string OrderNumber { get; set; } = "";

        [Required(ErrorMessage = "Enter the e-mail address you gave with the order.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(320)]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";
    }
}
