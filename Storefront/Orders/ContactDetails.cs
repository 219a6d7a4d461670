namespace Storefront.Orders;

/// <summary>Who to tell about the order. Personal data: never logged.</summary>
public sealed record ContactDetails(string Email, string Name, string Phone);

/// <summary>Where the parcel goes.</summary>
public sealed record ShippingAddress(string Line1, string? Line2, string City, string PostalCode, string Country);
