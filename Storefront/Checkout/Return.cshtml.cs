using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Storefront.Account;
using Storefront.Orders;
using Storefront.Shared;

namespace Storefront.Checkout;

/// <summary>
/// Adyen's returnUrl. Adyen may come back with GET or POST; a POST arrives cross-site with no antiforgery
/// token and without the shopper's cookies, so this page needs neither (F02, F03, docs/payment-failure-modes.md). It
/// always answers 303.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ReturnModel(PaymentReturnHandler handler) : PageModel
{
    public Task<IActionResult> OnGetAsync([FromQuery(Name = "ref")] string? reference, string? redirectResult, string? payload,
        CancellationToken cancellationToken) =>
        HandleAsync(reference, redirectResult, payload, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        IFormCollection? form = null;
        try
        {
            if (Request.HasFormContentType)
                form = await Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // Over the form limits (fields, value length) or not a form at all (broken multipart): Adyen never sends that.
            return BadRequest();
        }
        return await HandleAsync(
            Request.Query["ref"].FirstOrDefault() ?? form?["ref"].FirstOrDefault(),
            form?["redirectResult"].FirstOrDefault() ?? Request.Query["redirectResult"].FirstOrDefault(),
            form?["payload"].FirstOrDefault() ?? Request.Query["payload"].FirstOrDefault(),
            cancellationToken);
    }

    private async Task<IActionResult> HandleAsync(string? reference, string? redirectResult, string? payload, CancellationToken cancellationToken) =>
        await handler.HandleAsync(reference, redirectResult, payload, cancellationToken) switch
        {
            ReturnOutcome.ShowOrder show => new SeeOtherResult(show.Path),
            ReturnOutcome.PaymentFailed { FromCart: true } failed => new SeeOtherResult($"/checkout?payment={failed.Status}"),
            ReturnOutcome.PaymentFailed failed => new SeeOtherResult(OrderPaths.PayAgain(failed.OrderNumber, failed.Status)),
            _ => BadRequest(),
        };
}
