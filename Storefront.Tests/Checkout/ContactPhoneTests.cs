using Storefront.Orders;

namespace Storefront.Tests.Checkout;

/// <summary>Phone numbers as shoppers type them, stored in one form (E.164) and shown as their market dials them.</summary>
public sealed class ContactPhoneTests
{
    [Theory]
    [InlineData("010-1234-5678", "KR", "+821012345678")]
    [InlineData("01012345678", "KR", "+821012345678")]
    [InlineData("+82 10 1234 5678", "KR", "+821012345678")]
    [InlineData("+82 (0)10-1234-5678", "KR", "+821012345678")]
    [InlineData(" 010 1234 5678 ", "KR", "+821012345678")]
    [InlineData("02-312-3456", "KR", "+8223123456")]
    [InlineData("+82 10 1234 5678", "US", "+821012345678")]
    [InlineData("(201) 555-0123", "US", "+12015550123")]
    [InlineData("090-1234-5678", "JP", "+819012345678")]
    public void A_valid_number_is_stored_in_E164(string typed, string country, string stored) =>
        Assert.Equal(stored, ContactPhone.Normalize(typed, country));

    [Theory]
    [InlineData("call me", "KR")]
    [InlineData("010-1234", "KR")]
    [InlineData("010-1234-56789", "KR")]
    [InlineData("1234", "KR")]
    [InlineData("+82 99 1234 5678", "KR")]
    [InlineData("", "KR")]
    [InlineData("010-1234-5678-010-1234-5678-010-1234", "KR")]
    [InlineData("555-0123", "US")]
    public void An_invalid_number_is_none(string typed, string country) =>
        Assert.Null(ContactPhone.Normalize(typed, country));

    [Theory]
    [InlineData("+821012345678", "KR", "010-1234-5678")]
    [InlineData("+821012345678", "US", "+82 10-1234-5678")]
    [InlineData("+12015550123", "US", "(201) 555-0123")]
    [InlineData("not a number", "KR", "not a number")]
    public void A_stored_number_reads_as_the_market_dials_it(string stored, string country, string shown) =>
        Assert.Equal(shown, ContactPhone.Display(stored, country));
}
