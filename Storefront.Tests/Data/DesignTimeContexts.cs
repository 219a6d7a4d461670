using Storefront.Data;

namespace Storefront.Tests.Data;

/// <summary>The contexts dotnet-ef builds for each provider (see database/generate.sh); creating one never connects.</summary>
internal static class DesignTimeContexts
{
    public const string RegenerateHint =
        "Run database/generate.sh --squash (pre-release: rebuilds Initial for both providers and database/storefront.sql).";

    public static StorefrontDbContext Create(string provider) => provider switch
    {
        nameof(DatabaseProvider.Sqlite) => new SqliteDesignTimeFactory().CreateDbContext([]),
        nameof(DatabaseProvider.SqlServer) => new SqlServerDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
