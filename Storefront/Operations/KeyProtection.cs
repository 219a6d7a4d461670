using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Storefront.Data;

namespace Storefront.Operations;

/// <summary>The certificate that encrypts the Data Protection keys at rest, from <c>DataProtection</c>.</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PFX file with the certificate and its private key (a mounted secret).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public static class KeyProtection
{
    /// <summary>
    /// The keys that sign cookies, antiforgery tokens and the order links live in the database, shared by every node.
    /// Outside Development a certificate encrypts them there, so a copy of the database alone forges nothing. In
    /// Development they stay readable, and the warning that says so is silenced in appsettings.Development.json.
    /// </summary>
    public static WebApplicationBuilder AddKeyProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section)
            .Validate(o => builder.Environment.IsDevelopment() || !string.IsNullOrEmpty(o.CertificatePath),
                "DataProtection:CertificatePath (DataProtection__CertificatePath) is required outside Development: a PFX file whose certificate encrypts the Data Protection keys in the database.")
            .ValidateOnStart();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Storefront").PersistKeysToDbContext<StorefrontDbContext>();
        var options = builder.Configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>();
        if (!string.IsNullOrEmpty(options?.CertificatePath))
            dataProtection.ProtectKeysWithCertificate(Load(options.CertificatePath, options.CertificatePassword));
        return builder;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: cannot load the certificate from {path} ({ex.Message}).", ex);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"DataProtection:CertificatePath: the certificate in {path} has no private key, so the keys could not be read back.");
        return certificate;
    }
}
