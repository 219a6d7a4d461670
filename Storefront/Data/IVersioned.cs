namespace Storefront.Data;

/// <summary>
/// An entity guarded by optimistic concurrency. Configure <see cref="Version"/> with
/// <c>IsConcurrencyToken()</c>; <see cref="StorefrontDbContext"/> increments it on every update.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
