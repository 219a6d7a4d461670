using System.ComponentModel.DataAnnotations;

namespace Storefront.Security;

/// <summary>The <c>Security</c> section: which hosts are served, how sign-in locks out, how fast forms may be posted.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>
    /// Host names served besides <c>Storefront:PublicBaseUrl</c>'s own, outside Development (e.g. <c>www.shop.example.com</c>,
    /// <c>*.shop.example.com</c>). Any other Host header is answered 400 before a page runs.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    public LockoutSettings Lockout { get; set; } = new();

    public RateLimitSettings RateLimits { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var host in AllowedHosts.Where(h => string.IsNullOrWhiteSpace(h) || h.Contains('/') || h.Contains(':') && !h.StartsWith('[')))
            yield return new ValidationResult($"Security:AllowedHosts must hold host names without scheme or port, such as www.shop.example.com, not '{host}'.");
        if (Lockout.MaxFailedAttempts < 1)
            yield return new ValidationResult("Security:Lockout:MaxFailedAttempts must be at least 1, e.g. 5.");
        if (Lockout.Duration < TimeSpan.FromSeconds(1) || Lockout.Duration > TimeSpan.FromDays(1))
            yield return new ValidationResult("Security:Lockout:Duration must be a duration between 00:00:01 and 1.00:00:00, e.g. 00:15:00.");
        foreach (var (name, limit) in RateLimits.Policies())
        {
            if (limit.PermitLimit < 1)
                yield return new ValidationResult($"Security:RateLimits:{name}:PermitLimit must be at least 1.");
            if (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > TimeSpan.FromDays(1))
                yield return new ValidationResult($"Security:RateLimits:{name}:Window must be a duration between 00:00:01 and 1.00:00:00, e.g. 00:05:00.");
        }
    }
}

/// <summary>Identity's lockout: wrong passwords in a row before an account is locked, and for how long.</summary>
public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// How many posts each client (its address, or its account when signed in) may make to a group of forms in a window.
/// The defaults leave room for a shopper's typos and retries and none for a script.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Off only where something in front of the shop already limits (or in a load test).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Log-in, two-factor and recovery-code log-in.</summary>
    public RateLimit SignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Registering, forgotten password, resending the confirmation, asking for a fresh order link: each sends an e-mail.</summary>
    public RateLimit Email { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Placing an order, paying an order again, reordering: each calls Adyen.</summary>
    public RateLimit Payment { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(10) };

    public IEnumerable<(string Name, RateLimit Limit)> Policies() =>
        [(nameof(SignIn), SignIn), (nameof(Email), Email), (nameof(Payment), Payment)];
}

public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
