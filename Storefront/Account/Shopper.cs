using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Storefront.Account;

/// <summary>An Identity user. <see cref="ShopperReference"/> is the user's Adyen <c>shopperReference</c>.</summary>
public sealed class Shopper : IdentityUser
{
    /// <summary>
    /// Random, opaque and immutable: never the email, user name or database id, because Adyen keeps it
    /// for the life of every token stored against it.
    /// </summary>
    public string ShopperReference { get; private set; } = NewShopperReference();

    public static string NewShopperReference() =>
        "shp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
