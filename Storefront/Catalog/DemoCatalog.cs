using System.Text.Json;
using Storefront.Localization;

namespace Storefront.Catalog;

/// <summary>The demo catalog in database/seed/catalog.json, embedded into the assembly.</summary>
internal sealed record DemoCatalog(IReadOnlyList<DemoCatalog.CategoryEntry> Categories, IReadOnlyList<DemoCatalog.ProductEntry> Products)
{
    public const string ResourceName = "Storefront.Catalog.catalog.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<DemoCatalog> LoadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        return await JsonSerializer.DeserializeAsync<DemoCatalog>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException($"{ResourceName} is empty.");
    }

    /// <summary>Names are <c>{ "ko": …, "en": … }</c>, as <see cref="LocalizedText"/> holds them.</summary>
    public sealed record CategoryEntry(string Slug, LocalizedText Name, int SortOrder);

    /// <summary>Prices are major units per currency (14.50 USD), exactly as a merchandiser writes them.</summary>
    public sealed record ProductEntry(
        string Slug, LocalizedText Name, string Category, LocalizedText Description, int Stock, bool Featured,
        IReadOnlyDictionary<string, decimal> Prices);
}
