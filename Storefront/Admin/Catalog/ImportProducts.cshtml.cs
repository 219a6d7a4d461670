using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Storefront.Admin;

/// <summary>
/// Upload a products CSV file, see its dry run (every change, every new product, every row's error), then apply it.
/// <para>
/// The dry run lives in the page, sealed: the file and the fingerprint of the plan shown are encrypted and signed with
/// Data Protection (whose keys every node shares), for this merchandiser and for an hour. Apply unseals them, so it
/// works on the very file and plan the merchandiser saw, whichever node answers, and nothing the browser could change
/// is trusted; nothing is stored between the two requests.
/// </para>
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = ProductsCsv.MaxFileBytes + 64 * 1024)]
public sealed class ImportProductsModel(ProductImport import, IDataProtectionProvider protection, IStringLocalizer<ProductImport> localizer)
    : PageModel
{
    public static readonly TimeSpan DryRunLifetime = TimeSpan.FromHours(1);

    public ImportPlan? Plan { get; private set; }

    /// <summary>The sealed dry run that the apply form posts back; null when there is nothing to apply.</summary>
    public string? DryRun { get; private set; }

    public string? FileName { get; private set; }

    public string? Warning { get; private set; }

    /// <summary>After an apply: how many products changed and how many are new.</summary>
    public (int Changed, int Created)? Applied { get; private set; }

    public void OnGet(int? changed, int? created)
    {
        if (changed is >= 0 && created is >= 0)
            Applied = (changed.Value, created.Value);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Warning = localizer["Choose a CSV file to upload."];
            return Page();
        }
        if (file.Length > ProductsCsv.MaxFileBytes)
        {
            Warning = localizer["The file is larger than {0} MB: split it into smaller files.", ProductsCsv.MaxFileBytes / (1024 * 1024)];
            return Page();
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        FileName = Path.GetFileName(file.FileName);
        Show(bytes, await import.DryRunAsync(bytes, ProductFormPage.Actor(User), cancellationToken));
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string? dryRun, CancellationToken cancellationToken)
    {
        if (Unseal(dryRun) is not { } unsealed)
        {
            Warning = localizer["This dry run can no longer be applied (it is over an hour old, or was not made for you): upload the file again."];
            return Page();
        }
        var (fingerprint, file) = unsealed;
        switch (await import.ApplyAsync(file, fingerprint, ProductFormPage.Actor(User), cancellationToken))
        {
            case ImportOutcome.Applied { Plan: var plan }:
                return RedirectToPage(new { changed = plan.Changed, created = plan.Created });
            case ImportOutcome.Outdated { Plan: var plan }:
                Warning = localizer["The catalog changed since the dry run, so nothing was saved. Here is the dry run again: check it, then apply."];
                Show(file, plan);
                break;
        }
        return Page();
    }

    private void Show(byte[] file, ImportPlan plan)
    {
        Plan = plan;
        DryRun = plan.CanApply && plan.HasChanges ? Seal(plan.Fingerprint, file) : null;
    }

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("Storefront.Admin.ProductImport", ProductFormPage.Actor(User)).ToTimeLimitedDataProtector();

    private string Seal(string fingerprint, byte[] file)
    {
        using var payload = new MemoryStream();
        payload.Write(Encoding.ASCII.GetBytes(fingerprint));
        using (var compressed = new GZipStream(payload, CompressionLevel.Fastest, leaveOpen: true))
            compressed.Write(file);
        return WebEncoders.Base64UrlEncode(Protector.Protect(payload.ToArray(), DryRunLifetime));
    }

    private (string Fingerprint, byte[] File)? Unseal(string? sealedDryRun)
    {
        byte[] payload;
        try
        {
            payload = Protector.Unprotect(WebEncoders.Base64UrlDecode(sealedDryRun ?? ""));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
        const int fingerprintLength = 64;
        using var file = new MemoryStream();
        using (var compressed = new GZipStream(new MemoryStream(payload, fingerprintLength, payload.Length - fingerprintLength), CompressionMode.Decompress))
            compressed.CopyTo(file);
        return (Encoding.ASCII.GetString(payload, 0, fingerprintLength), file.ToArray());
    }
}
