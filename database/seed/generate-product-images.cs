// Writes a stand-in picture for every product in catalog.json that has none yet: a shape and hue per category,
// a shade per product and the product's initials, on the drawn set's background. The demo pictures themselves
// are drawn by hand (database/seed/README.md), so an existing picture is never overwritten; a stand-in only
// lasts until its drawing replaces it. Run after adding a product to catalog.json:
//   dotnet run database/seed/generate-product-images.cs      (from the repository root)
using System.Globalization;
using System.Security;
using System.Text.Json;

const string CatalogPath = "database/seed/catalog.json";
const string OutputFolder = "Storefront/wwwroot/images/products";

var styles = new Dictionary<string, (int Hue, string Shape, int TextY)>
{
    ["tea"] = (135, """<path d="M200 70 C305 110 330 255 200 330 C70 255 95 110 200 70 Z"/><path d="M200 95 V165 M200 255 V315" stroke="#fff" stroke-opacity=".35" stroke-width="6" fill="none"/>""", 232),
    ["ceramics"] = (175, """<path d="M160 80 H240 V105 C320 130 335 240 285 320 H115 C65 240 80 130 160 105 Z"/>""", 238),
    ["stationery"] = (225, """<rect x="115" y="70" width="180" height="260" rx="14"/><rect x="115" y="70" width="26" height="260" rx="8" fill="#000" fill-opacity=".2"/>""", 225),
    ["kitchen"] = (28, """<circle cx="200" cy="200" r="130"/><circle cx="200" cy="200" r="95" fill="none" stroke="#fff" stroke-opacity=".35" stroke-width="6"/>""", 225),
    ["bags"] = (12, """<path d="M160 150 V125 A40 40 0 0 1 240 125 V150" fill="none" stroke="currentColor" stroke-width="16"/><path d="M115 150 H285 L305 330 H95 Z"/>""", 265),
    ["skincare"] = (335, """<rect x="170" y="65" width="60" height="45" rx="8" fill="#000" fill-opacity=".25"/><rect x="130" y="105" width="140" height="230" rx="30"/>""", 245),
};

using var json = JsonDocument.Parse(File.ReadAllText(CatalogPath));
Directory.CreateDirectory(OutputFolder);
var shadeByCategory = new Dictionary<string, int>();
var written = 0;
var kept = 0;
foreach (var product in json.RootElement.GetProperty("products").EnumerateArray())
{
    var slug = product.GetProperty("slug").GetString()!;
    var path = Path.Combine(OutputFolder, slug + ".svg");
    if (File.Exists(path))
    {
        kept++;
        continue;
    }
    // The picture carries the English name's initials; pages give it an alt text in the shopper's language.
    var name = product.GetProperty("name").GetProperty("en").GetString()!;
    var category = product.GetProperty("category").GetString()!;
    if (!styles.TryGetValue(category, out var style))
        throw new InvalidOperationException($"No picture style for category '{category}' (product '{slug}').");

    var shade = shadeByCategory[category] = shadeByCategory.GetValueOrDefault(category, -1) + 1;
    var hue = (style.Hue + shade * 8) % 360;
    var colour = Hsl(hue, 45, 28 + shade * 5);
    var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(word => char.IsLetter(word[0])).Take(2).Select(word => char.ToUpperInvariant(word[0])));

    var svg = $"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img">
          <title>{SecurityElement.Escape(name)}</title>
          <rect width="400" height="400" fill="#F3EEE5"/>
          <g fill="{colour}" color="{colour}">{style.Shape}</g>
          <text x="200" y="{style.TextY}" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="64" font-weight="700" fill="#fff">{initials}</text>
        </svg>

        """;
    File.WriteAllText(path, svg);
    written++;
}
Console.WriteLine($"Wrote {written} stand-in pictures to {OutputFolder}; kept the {kept} that exist.");

static string Hsl(int hue, int saturation, int lightness) =>
    string.Create(CultureInfo.InvariantCulture, $"hsl({hue}, {saturation}%, {lightness}%)");
