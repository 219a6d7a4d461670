namespace Storefront.Localization;

/// <summary>
/// The resource behind every <c>IStringLocalizer&lt;SharedResource&gt;</c>: messages written in C# (services, page
/// models, validation attributes), the words for statuses, and the layout's words
/// (<c>Resources/Localization/SharedResource.resx</c> in English, <c>.ko.resx</c> in Korean).
/// </summary>
public sealed class SharedResource;
