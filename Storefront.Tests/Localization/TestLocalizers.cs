using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storefront.Localization;

namespace Storefront.Tests.Localization;

/// <summary>The store's own resources, read as the app reads them, for tests of code outside a request.</summary>
internal static class TestLocalizers
{
    public static IStringLocalizerFactory Factory { get; } = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = LocalizationRegistration.ResourcesPath }), NullLoggerFactory.Instance);

    public static IStringLocalizer<SharedResource> Shared { get; } = For<SharedResource>();

    /// <summary>A class's own resource (<c>Resources/Orders/StatusWords.resx</c> for <c>StatusWords</c>).</summary>
    public static IStringLocalizer<T> For<T>() => new StringLocalizer<T>(Factory);
}
