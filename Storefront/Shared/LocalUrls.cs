using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Storefront.Shared;

/// <summary>Where a form's <c>returnUrl</c> may send the shopper back to: only inside the store.</summary>
public static class LocalUrls
{
    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local URL, else <c>/</c>. Non-ASCII characters (<c>/한국</c>) are
    /// percent-encoded as UTF-8: a Location header may carry ASCII only.
    /// </summary>
    public static string OrHome(IUrlHelper url, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl))
            return "/";
        if (returnUrl.All(c => c is > ' ' and < (char)127))
            return returnUrl;
        var encoded = new StringBuilder(returnUrl.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 127)
            {
                encoded.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
