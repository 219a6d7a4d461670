using Storefront.Legal;

namespace Storefront.Checkout;

/// <summary>
/// What the agreements partial shows: the two required boxes of a Korean checkout, bound as <c>{Prefix}AgreeToTerms</c>
/// and <c>{Prefix}AgreeToPrivacy</c>, each with its text (<see cref="LegalTexts"/>) to read in place or on its page.
/// </summary>
public sealed record AgreementsView(LegalTexts Texts, bool AgreeToTerms, bool AgreeToPrivacy, string Prefix = "");
