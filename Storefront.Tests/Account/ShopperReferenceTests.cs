using Microsoft.EntityFrameworkCore;
using Storefront.Account;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Account;

public sealed class ShopperReferenceTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task A_new_shopper_gets_a_random_opaque_shopper_reference_of_their_own()
    {
        using var first = app.CreateBrowser();
        using var second = app.CreateBrowser();
        var emails = new[] { await first.RegisterNewShopperAsync(), await second.RegisterNewShopperAsync() };

        var shoppers = await app.WithDbAsync(db => db.Users.Where(u => emails.Contains(u.Email)).ToListAsync());

        Assert.Equal(2, shoppers.Count);
        foreach (var shopper in shoppers)
        {
            var reference = shopper.ShopperReference;
            Assert.StartsWith("shp_", reference, StringComparison.Ordinal);
            Assert.True(reference.Length >= "shp_".Length + 16, $"'{reference}' is too short to be unguessable.");
            foreach (var personal in new[] { shopper.Email!, shopper.UserName!, shopper.Id, shopper.Email!.Split('@')[0] })
                Assert.DoesNotContain(personal, reference, StringComparison.OrdinalIgnoreCase);
        }
        Assert.NotEqual(shoppers[0].ShopperReference, shoppers[1].ShopperReference);
    }

    [Fact]
    public async Task A_saved_shoppers_reference_cannot_be_changed()
    {
        using var browser = app.CreateBrowser();
        var email = await browser.RegisterNewShopperAsync();
        var original = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.ShopperReference).SingleAsync());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var shopper = await db.Users.SingleAsync(u => u.Email == email);
            db.Entry(shopper).Property(u => u.ShopperReference).CurrentValue = Shopper.NewShopperReference();
            await db.SaveChangesAsync();
        }));

        Assert.Contains(nameof(Shopper.ShopperReference), refused.Message, StringComparison.Ordinal);
        Assert.Equal(original, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.ShopperReference).SingleAsync()));
    }
}
