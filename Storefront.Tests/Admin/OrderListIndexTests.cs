using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>
/// The order list's queries, as the app builds them, read the Orders table through an index for every filter, sort
/// and search the page offers (SQLite's query plan, which on an un-analysed database does not depend on the row count:
/// what holds here holds for a shop with 100,000 orders). A full scan of Orders would make the list slow as the shop grows.
/// </summary>
public sealed class OrderListIndexTests(StorefrontFactory app) : IClassFixture<StorefrontFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("status=Paid")]
    [InlineData("payment=Refunded")]
    [InlineData("method=kakaopay")]
    [InlineData("country=KR")]
    [InlineData("from=2026-01-01&to=2026-01-31")]
    [InlineData("sort=total&dir=asc")]
    [InlineData("sort=number")]
    [InlineData("sort=status&dir=desc")]
    [InlineData("q=SF-7KQ2")]
    [InlineData("q=minji@example")]
    [InlineData("q=Kim Minji")]
    [InlineData("q=010-1234-5678")]
    [InlineData("status=AwaitingPayment&from=2026-01-01&q=kim")]
    public async Task Each_list_query_reads_orders_through_an_index(string queryString)
    {
        var query = await app.BindFilterAsync<OrderListQuery>(queryString);
        Assert.Empty(query.Ignored);

        var plans = await app.WithDbAsync(async db =>
        {
            var filtered = query.Apply(db.Orders.AsNoTracking());
            var page = query.Sorted(filtered).Skip(25).Take(25).Select(o => new { o.Number, o.Contact.Name, o.TotalAmount });
            return new[] { await PlanAsync(db, filtered.Select(o => o.Id).ToQueryString()), await PlanAsync(db, page.ToQueryString()) };
        });

        foreach (var plan in plans)
        {
            var scans = plan.Where(line => line.Contains("SCAN", StringComparison.Ordinal) && !line.Contains("USING", StringComparison.Ordinal)).ToList();
            Assert.True(scans.Count == 0, $"{queryString}: full scan in\n{string.Join("\n", plan)}");
        }
    }

    /// <summary>SQLite's plan for a query from <c>ToQueryString()</c>, its <c>.param set</c> lines bound as parameters.</summary>
    private static async Task<IReadOnlyList<string>> PlanAsync(DbContext db, string queryString)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        var sql = new List<string>();
        foreach (var line in queryString.Split('\n'))
        {
            if (line.StartsWith(".param set ", StringComparison.Ordinal))
            {
                var parts = line[".param set ".Length..].Split(' ', 2);
                var parameter = command.CreateParameter();
                parameter.ParameterName = parts[0];
                parameter.Value = Literal(parts[1].Trim());
                command.Parameters.Add(parameter);
            }
            else
            {
                sql.Add(line);
            }
        }
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', sql);
        var plan = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            plan.Add(reader.GetString(3));
        return plan;
    }

    private static object Literal(string value) =>
        value.StartsWith('\'') ? value[1..^1].Replace("''", "'", StringComparison.Ordinal)
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : value;
}
