using System.Globalization;

namespace Storefront.Orders;

/// <summary>
/// An order was asked to make a move its state machine does not allow. The entity knows no languages: it says why in
/// English <see cref="Text"/> with <see cref="Arguments"/>, and the text is the key of the translation the page shows
/// (<see cref="OrderManagement"/> looks it up in <c>Resources/Orders/OrderManagement.resx</c>).
/// </summary>
public sealed class OrderStateException(string text, params object[] arguments)
    : InvalidOperationException(arguments.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, arguments))
{
    /// <summary>The reason as a composite format, the same in every language's resource.</summary>
    public string Text { get; } = text;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}
