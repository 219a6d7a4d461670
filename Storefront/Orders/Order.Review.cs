namespace Storefront.Orders;

/// <summary>The order's review flag: what needs a merchandiser's eyes, until one says what was done about it.</summary>
public sealed partial class Order
{
    /// <summary>The width of <see cref="ReviewReason"/>'s column.</summary>
    public const int MaxReviewReasonLength = 2000;

    /// <summary>Starts <see cref="ReviewReason"/> when the oldest reasons no longer fit in it.</summary>
    public const string EarlierReasonsOmitted = "(Earlier reasons are on the timeline.) ";

    /// <summary>
    /// Adds <paramref name="reason"/> to what needs review. Every reason is on the timeline; <see cref="ReviewReason"/>
    /// keeps the newest ones that fit its column, saying that earlier ones were left out.
    /// </summary>
    public void Flag(string reason, DateTime now, OrderEventSource source)
    {
        ReviewReason = FitReviewReason(ReviewReason is null ? reason : $"{ReviewReason}; {reason}");
        FlaggedAt ??= now;
        Touch(now);
        AddEvent(now, source, OrderEventKinds.Flagged, reason);
    }

    /// <summary>A merchandiser has dealt with what <see cref="ReviewReason"/> says: the order leaves the attention list.</summary>
    public void ClearReview(string resolution, string reviewedBy, DateTime now)
    {
        if (ReviewReason is null)
            throw new OrderStateException("Order {0} is not flagged for review.", Number);
        if (string.IsNullOrWhiteSpace(resolution))
            throw new OrderStateException("Say what was done about it.");
        var from = CurrentState;
        var reason = ReviewReason;
        ReviewReason = null;
        FlaggedAt = null;
        Touch(now);
        var summary = $"Review cleared ({resolution.Trim()}); it said: {reason}";
        AddMerchandiserEvent(now, OrderEventKinds.ReviewCleared,
            summary.Length <= OrderEvent.SummaryMaxLength ? summary : summary[..OrderEvent.SummaryMaxLength], reviewedBy, from);
    }

    private static string FitReviewReason(string reasons)
    {
        if (reasons.Length <= MaxReviewReasonLength)
            return reasons;
        var newest = reasons[^(MaxReviewReasonLength - EarlierReasonsOmitted.Length)..];
        // Start at a whole reason when there is one to start at, not halfway through the oldest kept.
        var boundary = newest.IndexOf("; ", StringComparison.Ordinal);
        return EarlierReasonsOmitted + (boundary >= 0 ? newest[(boundary + 2)..] : newest);
    }
}
