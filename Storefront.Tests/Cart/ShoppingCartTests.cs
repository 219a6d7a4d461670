using Storefront.Cart;

namespace Storefront.Tests.Cart;

public sealed class ShoppingCartTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Adding_twice_adds_up_on_one_line()
    {
        var cart = new ShoppingCart(Guid.NewGuid(), null, Now);
        cart.Add(productId: 1, quantity: 2, inStock: 10, Now);
        cart.Add(productId: 1, quantity: 3, inStock: 10, Now);

        var line = Assert.Single(cart.Lines);
        Assert.Equal(5, line.Quantity);
    }

    [Fact]
    public void Quantities_are_bounded_by_stock_and_the_line_limit()
    {
        var cart = new ShoppingCart(Guid.NewGuid(), null, Now);

        Assert.Equal(3, cart.Add(1, quantity: 5, inStock: 3, Now));
        Assert.Equal(ShoppingCart.MaxQuantityPerLine, cart.SetQuantity(2, 500, inStock: 1_000, Now));
        Assert.Equal(0, cart.Add(3, quantity: 1, inStock: 0, Now));
        Assert.DoesNotContain(cart.Lines, l => l.ProductId == 3);
    }

    [Fact]
    public void Setting_zero_removes_the_line_and_bad_quantities_are_refused()
    {
        var cart = new ShoppingCart(Guid.NewGuid(), null, Now);
        cart.Add(1, 2, 10, Now);

        cart.SetQuantity(1, 0, 10, Now);

        Assert.True(cart.IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => cart.Add(1, 0, 10, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => cart.SetQuantity(1, -1, 10, Now));
    }

    [Fact]
    public void Merging_moves_the_anonymous_lines_into_the_users_cart_within_stock()
    {
        var anonymous = new ShoppingCart(Guid.NewGuid(), null, Now);
        anonymous.Add(1, 4, 10, Now);
        anonymous.Add(2, 1, 10, Now);
        var users = new ShoppingCart(Guid.NewGuid(), "user-1", Now);
        users.Add(1, 3, 10, Now);

        users.MergeFrom(anonymous, productId => productId == 1 ? 5 : 10, Now);

        Assert.Equal(5, users.Lines.Single(l => l.ProductId == 1).Quantity);
        Assert.Equal(1, users.Lines.Single(l => l.ProductId == 2).Quantity);
        Assert.True(anonymous.IsEmpty);
    }

    [Fact]
    public void Completing_its_pending_order_empties_the_cart_and_another_order_does_not()
    {
        var cart = new ShoppingCart(Guid.NewGuid(), null, Now);
        cart.Add(1, 1, 10, Now);
        var pending = Storefront.Tests.Orders.OrderBuilder.KakaoPayOrder();
        cart.AttachPendingOrder(pending, Now);

        cart.CompleteOrder(Storefront.Tests.Orders.OrderBuilder.KakaoPayOrder(), Now);
        Assert.False(cart.IsEmpty);

        cart.CompleteOrder(pending, Now);
        Assert.True(cart.IsEmpty);
        Assert.Null(cart.PendingOrderId);
    }
}
