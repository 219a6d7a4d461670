using Storefront.Legal;

namespace Storefront.Checkout;

/// <summary>
/// What the agreements partial shows: the two required boxes of a Korean checkout, bound as <c>{Prefix}AgreeToTerms</c>
/// and <c>{Prefix}AgreeToPrivacy</c>, each with its text (<see cref="LegalTexts"/>) to read in place or on its page.
/// <c>IdSuffix</c> keeps the ids unique where a page repeats the boxes in each of its forms (the reorder page).
/// </summary>
public sealed record AgreementsView(LegalTexts Texts, bool AgreeToTerms, bool AgreeToPrivacy, string Prefix = "", string IdSuffix = "");
