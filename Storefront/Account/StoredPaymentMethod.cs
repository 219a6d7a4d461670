using Storefront.Data;

namespace Storefront.Account;

public enum StoredPaymentMethodStatus
{
    Active,

    /// <summary>A payment with it was refused: the shopper is offered the redirect instead until it works again.</summary>
    Failing,

    /// <summary>Removed by the shopper or disabled at Adyen (<c>recurring.token.disabled</c>).</summary>
    Disabled,
}

/// <summary>
/// A saved KakaoPay: Adyen's token (<c>storedPaymentMethodId</c>) for one user's <c>shopperReference</c>. It only ever
/// arrives by webhook (RECURRING_CONTRACT or <c>recurring.token.*</c>), after the shopper consented at KakaoPay.
/// </summary>
public sealed class StoredPaymentMethod : IVersioned
{
    private StoredPaymentMethod()
    {
    }

    public StoredPaymentMethod(string shopperId, string shopperReference, string storedPaymentMethodId, string paymentMethodType,
        string displayName, string? firstPspReference, DateTime now)
    {
        ShopperId = shopperId;
        ShopperReference = shopperReference;
        StoredPaymentMethodId = storedPaymentMethodId;
        PaymentMethodType = paymentMethodType;
        DisplayName = displayName;
        FirstPspReference = firstPspReference;
        CreatedAt = UpdatedAt = now;
        Status = StoredPaymentMethodStatus.Active;
    }

    public int Id { get; private set; }

    /// <summary>The Identity user who owns it (the owner of <see cref="ShopperReference"/>).</summary>
    public string ShopperId { get; private set; } = "";

    public string ShopperReference { get; private set; } = "";

    /// <summary>Adyen's token. Never shown in full to anyone; sent as <c>paymentMethod.storedPaymentMethodId</c>.</summary>
    public string StoredPaymentMethodId { get; private set; } = "";

    public string PaymentMethodType { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    /// <summary>The payment that created the token.</summary>
    public string? FirstPspReference { get; private set; }

    public StoredPaymentMethodStatus Status { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    public long Version { get; set; }

    public bool IsUsable => Status == StoredPaymentMethodStatus.Active;

    public void MarkUsed(DateTime now)
    {
        LastUsedAt = UpdatedAt = now;
        if (Status == StoredPaymentMethodStatus.Failing)
            Status = StoredPaymentMethodStatus.Active;
    }

    public void MarkFailing(DateTime now)
    {
        if (Status == StoredPaymentMethodStatus.Active)
            Status = StoredPaymentMethodStatus.Failing;
        UpdatedAt = now;
    }

    public void Disable(DateTime now)
    {
        Status = StoredPaymentMethodStatus.Disabled;
        UpdatedAt = now;
    }

    /// <summary>RECURRING_CONTRACT names the payment that created a token first told us about without it.</summary>
    public void RecordFirstPayment(string pspReference, DateTime now)
    {
        if (FirstPspReference is not null)
            return;
        FirstPspReference = pspReference;
        UpdatedAt = now;
    }

    /// <summary>Adyen says the token exists again (<c>recurring.token.updated/alreadyExisting</c>).</summary>
    public void Reactivate(DateTime now)
    {
        Status = StoredPaymentMethodStatus.Active;
        UpdatedAt = now;
    }
}
