using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog;
using Storefront.Data;
using Storefront.Shared;
using Storefront.Shipping;

namespace Storefront.Cart;

/// <summary>Finds, changes and prices the current shopper's cart.</summary>
public sealed class CartService(StorefrontDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider time, ShippingFees shipping)
{
    public const string CookieName = "storefront.cart";

    private HttpContext Http => httpContextAccessor.HttpContext ?? throw new InvalidOperationException("No HTTP request.");

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The signed-in user's cart, else the anonymous cart named by the cookie; null when there is none.</summary>
    public Task<ShoppingCart?> FindAsync(CancellationToken cancellationToken = default)
    {
        if (UserId(Http.User) is { } userId)
            return Carts().FirstOrDefaultAsync(c => c.ShopperId == userId, cancellationToken);
        return AnonymousCartId() is { } cartId
            ? Carts().FirstOrDefaultAsync(c => c.Id == cartId && c.ShopperId == null, cancellationToken)
            : Task.FromResult<ShoppingCart?>(null);
    }

    /// <summary>
    /// How many items the shopper's cart holds, for the header: one query (none for a visitor without a cart cookie),
    /// since every page asks.
    /// </summary>
    public async Task<int> ItemCountAsync(CancellationToken cancellationToken = default)
    {
        IQueryable<ShoppingCart> carts;
        if (UserId(Http.User) is { } userId)
            carts = db.Carts.Where(c => c.ShopperId == userId);
        else if (AnonymousCartId() is { } cartId)
            carts = db.Carts.Where(c => c.Id == cartId && c.ShopperId == null);
        else
            return 0;
        return await carts.SelectMany(c => c.Lines).SumAsync(l => (int?)l.Quantity, cancellationToken) ?? 0;
    }

    public async Task<ShoppingCart> GetOrCreateAsync(CancellationToken cancellationToken = default)
    {
        if (await FindAsync(cancellationToken) is { } existing)
            return existing;
        var cart = new ShoppingCart(Guid.NewGuid(), UserId(Http.User), Now);
        db.Add(cart);
        if (cart.ShopperId is null)
            RememberAnonymousCart(cart.Id);
        return cart;
    }

    /// <summary>Adds a published product; returns the quantity the line ends up with (bounded by stock).</summary>
    public async Task<CartChange> AddAsync(int productId, int quantity, CancellationToken cancellationToken = default)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == productId && p.IsPublished, cancellationToken);
        if (product is null)
            return CartChange.UnknownProduct;
        if (product.Stock <= 0)
            return CartChange.OutOfStock;
        var cart = await GetOrCreateAsync(cancellationToken);
        var before = cart.Lines.FirstOrDefault(l => l.ProductId == productId)?.Quantity ?? 0;
        var after = cart.Add(productId, quantity, product.Stock, Now);
        await db.SaveChangesAsync(cancellationToken);
        return after < before + quantity ? CartChange.LimitedByStock : CartChange.Done;
    }

    public async Task<CartChange> SetQuantityAsync(int productId, int quantity, CancellationToken cancellationToken = default)
    {
        var cart = await FindAsync(cancellationToken);
        if (cart is null || cart.Lines.All(l => l.ProductId != productId))
            return CartChange.UnknownProduct;
        var stock = await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).FirstOrDefaultAsync(cancellationToken);
        var kept = cart.SetQuantity(productId, quantity, stock, Now);
        await db.SaveChangesAsync(cancellationToken);
        return kept < quantity ? CartChange.LimitedByStock : CartChange.Done;
    }

    public async Task RemoveAsync(int productId, CancellationToken cancellationToken = default)
    {
        // A product that is not in the cart changes nothing (not even the cart's time).
        if (await FindAsync(cancellationToken) is not { } cart || cart.Lines.All(l => l.ProductId != productId))
            return;
        cart.Remove(productId, Now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Prices the cart in the market's currency from the catalog as it is now.</summary>
    public async Task<PricedCart> PriceAsync(ShoppingCart? cart, Market market, CancellationToken cancellationToken = default)
    {
        if (cart is null || cart.IsEmpty)
            return new PricedCart(market, [], shipping.Quote(Money.Zero(market.Currency)));
        var productIds = cart.Lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Include(p => p.Prices)
            .Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var lines = cart.Lines
            .Where(l => products.ContainsKey(l.ProductId))
            .Select(l => new PricedCartLine(products[l.ProductId], l.Quantity, products[l.ProductId].PriceIn(market.Currency)))
            .ToList();
        var subtotal = lines.Where(l => l.UnitPrice is not null)
            .Aggregate(Money.Zero(market.Currency), (sum, line) => sum + line.LineTotal!.Value);
        return new PricedCart(market, lines, shipping.Quote(subtotal));
    }

    /// <summary>
    /// Called when a shopper signs in: the anonymous cart's lines move into the user's cart and the cookie
    /// goes. Runs inside the sign-in, so it must not throw for a missing or foreign cart.
    /// </summary>
    public async Task MergeAnonymousCartAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (UserId(user) is not { } userId || AnonymousCartId() is not { } anonymousId)
            return;
        var anonymous = await Carts().FirstOrDefaultAsync(c => c.Id == anonymousId && c.ShopperId == null, cancellationToken);
        Http.Response.Cookies.Delete(CookieName);
        if (anonymous is null || anonymous.IsEmpty)
            return;
        var userCart = await Carts().FirstOrDefaultAsync(c => c.ShopperId == userId, cancellationToken);
        if (userCart is null)
        {
            userCart = new ShoppingCart(Guid.NewGuid(), userId, Now);
            db.Add(userCart);
        }
        var ids = anonymous.Lines.Select(l => l.ProductId).ToList();
        var stock = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Stock, cancellationToken);
        userCart.MergeFrom(anonymous, id => stock.GetValueOrDefault(id), Now);
        db.Remove(anonymous);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    private IQueryable<ShoppingCart> Carts() => db.Set<ShoppingCart>().Include(c => c.Lines);

    private Guid? AnonymousCartId() =>
        Guid.TryParse(Http.Request.Cookies[CookieName], out var id) ? id : null;

    private void RememberAnonymousCart(Guid cartId) =>
        Http.Response.Cookies.Append(CookieName, cartId.ToString(), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(30),
        });
}

public enum CartChange
{
    Done,
    LimitedByStock,
    OutOfStock,
    UnknownProduct,
}

public sealed record PricedCartLine(Product Product, int Quantity, Money? UnitPrice)
{
    public Money? LineTotal => UnitPrice * Quantity;

    public bool IsAvailable => UnitPrice is not null && Product.IsPublished && Product.Stock >= Quantity;
}

/// <summary>A cart at today's prices, with today's shipping on its priced lines' subtotal.</summary>
public sealed record PricedCart(Market Market, IReadOnlyList<PricedCartLine> Lines, ShippingQuote Shipping)
{
    public bool IsEmpty => Lines.Count == 0;

    public int ItemCount => Lines.Sum(l => l.Quantity);

    /// <summary>The goods, before shipping.</summary>
    public Money Subtotal => Shipping.Subtotal;

    /// <summary>What the shopper pays: the goods and the shipping fee.</summary>
    public Money Total => Shipping.Total;

    /// <summary>True when every line can be bought as it stands: priced in this currency, published and in stock.</summary>
    public bool CanCheckout => !IsEmpty && Lines.All(l => l.IsAvailable);
}
