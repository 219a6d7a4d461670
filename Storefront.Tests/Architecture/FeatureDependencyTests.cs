using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Storefront.Tests.Architecture;

/// <summary>
/// The feature folders (rooms) of <c>Storefront/</c> depend on each other in one direction only: no two rooms
/// use each other, directly or around a circle. Read from the compiled assembly, so that every use counts: a
/// <c>using</c>, a type in a signature, a call inside a method body, a lambda, and the pages compiled from .cshtml
/// (which belong to the folder they sit in). <c>Data/</c> is the exception by design: its DbContext names every
/// feature's entities, so only the uses of Data count, not Data's own.
/// </summary>
public sealed class FeatureDependencyTests
{
    private const string Root = "Storefront";

    /// <summary>The rooms whose outgoing uses do not count: the composition points.</summary>
    private static readonly HashSet<string> CompositionRooms = ["Data", "(program)"];

    [Fact]
    public void No_two_feature_folders_depend_on_each_other_even_around_a_circle()
    {
        var graph = Dependencies();

        var circles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();

        Assert.True(circles.Count == 0, "Feature folders in a circle:" + Environment.NewLine + string.Join(Environment.NewLine,
            circles.Select(circle => string.Join(", ", circle.Order()) + ": " + string.Join("; ",
                graph.Where(e => circle.Contains(e.Key)).SelectMany(e => e.Value.Where(d => circle.Contains(d.Key))
                    .Select(d => $"{e.Key} → {d.Key} ({string.Join(", ", d.Value.Take(3))})"))))));
    }

    [Fact]
    public void The_reading_sees_the_known_uses()
    {
        var graph = Dependencies();

        // Guards the reading itself: uses in a signature, in a method body and in a compiled page are all seen.
        Assert.Contains("Catalog", graph["Cart"].Keys);
        Assert.Contains("Orders", graph["Checkout"].Keys);
        Assert.Contains("Localization", graph["Shared"].Keys);
    }

    /// <summary>room → the rooms it uses → a few of the types that use them, as evidence for a failure message.</summary>
    internal static Dictionary<string, Dictionary<string, SortedSet<string>>> Dependencies()
    {
        using var module = ModuleDefinition.ReadModule(typeof(Program).Assembly.Location);
        var viewRooms = ViewRooms(module);
        var graph = new Dictionary<string, Dictionary<string, SortedSet<string>>>();
        foreach (var type in module.GetTypes())
        {
            var outer = Outermost(type);
            var from = viewRooms.GetValueOrDefault(outer.FullName) ?? RoomOf(outer.Namespace);
            if (from is null || CompositionRooms.Contains(from))
                continue;
            var uses = graph.TryGetValue(from, out var existing) ? existing : graph[from] = [];
            foreach (var used in UsedTypes(type))
            {
                var usedOuter = Outermost(used);
                var to = viewRooms.GetValueOrDefault(usedOuter.FullName) ?? RoomOf(usedOuter.Namespace);
                if (to is null || to == from || to == "(program)")
                    continue;
                (uses.TryGetValue(to, out var evidence) ? evidence : uses[to] = []).Add(outer.Name);
            }
        }
        return graph;
    }

    /// <summary>Storefront.Cart.CartService → Cart; Storefront.Payments.Adyen.Webhooks → Payments; Program → (program).</summary>
    private static string? RoomOf(string @namespace)
    {
        if (@namespace == "" || @namespace == Root)
            return @namespace == Root ? "(program)" : null;
        var parts = @namespace.Split('.');
        return parts[0] == Root && parts.Length > 1 ? parts[1] : null;
    }

    /// <summary>Pages compiled from .cshtml live in AspNetCoreGeneratedDocument; the assembly says which file each came from.</summary>
    private static Dictionary<string, string> ViewRooms(ModuleDefinition module)
    {
        var rooms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in module.Assembly.CustomAttributes.Where(a => a.AttributeType.Name == "RazorCompiledItemAttribute"))
        {
            if (attribute.ConstructorArguments is [{ Value: TypeReference view }, _, { Value: string identifier }]
                && identifier.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var folder, _, ..])
            {
                rooms[view.FullName] = folder;
            }
            else if (attribute.ConstructorArguments is [{ Value: TypeReference rootView }, ..])
            {
                rooms[rootView.FullName] = "(program)";
            }
        }
        return rooms;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        IEnumerable<TypeReference> Expand(TypeReference? reference)
        {
            if (reference is null)
                yield break;
            switch (reference)
            {
                case GenericInstanceType generic:
                    yield return generic.ElementType;
                    foreach (var argument in generic.GenericArguments.SelectMany(Expand))
                        yield return argument;
                    break;
                case TypeSpecification specification:
                    foreach (var element in Expand(specification.ElementType))
                        yield return element;
                    break;
                case GenericParameter:
                    break;
                default:
                    yield return reference;
                    break;
            }
        }

        IEnumerable<TypeReference> OfAttributes(ICustomAttributeProvider provider) =>
            provider.HasCustomAttributes ? provider.CustomAttributes.SelectMany(a => Expand(a.AttributeType)) : [];

        IEnumerable<TypeReference> OfMember(MemberReference member) => member switch
        {
            MethodReference method => Expand(method.DeclaringType).Concat(Expand(method.ReturnType))
                .Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType)))
                .Concat(method is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
            FieldReference field => Expand(field.DeclaringType).Concat(Expand(field.FieldType)),
            _ => Expand(member.DeclaringType),
        };

        var used = Expand(type.BaseType)
            .Concat(type.Interfaces.SelectMany(i => Expand(i.InterfaceType)))
            .Concat(OfAttributes(type))
            .Concat(type.Fields.SelectMany(f => Expand(f.FieldType).Concat(OfAttributes(f))))
            .Concat(type.Properties.SelectMany(p => Expand(p.PropertyType).Concat(OfAttributes(p))))
            .Concat(type.Events.SelectMany(e => Expand(e.EventType)));
        foreach (var method in type.Methods)
        {
            used = used.Concat(Expand(method.ReturnType)).Concat(OfAttributes(method))
                .Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType).Concat(OfAttributes(p))));
            if (!method.HasBody)
                continue;
            used = used.Concat(method.Body.Variables.SelectMany(v => Expand(v.VariableType)))
                .Concat(method.Body.Instructions.SelectMany(Operand));
        }
        return used;

        IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
        {
            TypeReference typeOperand => Expand(typeOperand),
            MemberReference member => OfMember(member),
            _ => [],
        };
    }

    /// <summary>Tarjan's strongly connected components: each is a set of rooms that all reach each other.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, SortedSet<string>>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();

        void Visit(string room)
        {
            index[room] = low[room] = index.Count;
            stack.Push(room);
            onStack.Add(room);
            foreach (var next in graph.GetValueOrDefault(room)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[room] = Math.Min(low[room], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[room] = Math.Min(low[room], index[next]);
                }
            }
            if (low[room] != index[room])
                return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != room);
            components.Add(component);
        }

        foreach (var room in graph.Keys.Order())
        {
            if (!index.ContainsKey(room))
                Visit(room);
        }
        return components;
    }
}
