namespace Storefront.Benchmarks.Scenarios;

/// <summary>Every scenario the command line can run. A new scenario is one class and one line here.</summary>
public static class ScenarioRegistry
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new CheckoutScenario(),
        new WebhooksScenario(),
        new WebhooksScenario(killMidStream: true),
        new OrdersScenario(),
        new PagesScenario(),
    ];

    public static IScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
