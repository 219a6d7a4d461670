using Storefront.Background;

namespace Storefront.Notifications;

/// <summary>Wakes this node's <see cref="EmailDispatcher"/> when an e-mail has been committed.</summary>
public sealed class EmailSignal : WakeUpSignal;
