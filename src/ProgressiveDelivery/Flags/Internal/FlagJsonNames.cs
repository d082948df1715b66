using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>The names used by the JSON format: fields of each object, operators and kinds.</summary>
/// <remarks>Operator and kind names are the camel-case enum member names, derived from the enums so they never drift.</remarks>
internal static class FlagJsonNames
{
    public static readonly string[] RootFields = ["$schema", "flags", "segments", "rollouts", "description", "comment"];

    public static readonly string[] FlagFields =
    [
        "kind", "enabled", "description", "variants", "offVariant", "prerequisites", "rules", "defaultVariant",
        "defaultSplit", "salt", "bucketBy", "owner", "created", "expires", "tags", "comment",
    ];

    public static readonly string[] RuleFields = ["name", "conditions", "variant", "split", "description", "comment"];

    public static readonly string[] ConditionFields =
        ["attribute", "operator", "value", "values", "caseSensitive", "description", "comment"];

    public static readonly string[] PrerequisiteFields = ["flag", "variants", "description", "comment"];

    public static readonly string[] SegmentFields = ["description", "included", "excluded", "conditions", "comment"];

    // Spellings of other flag systems and of code, mapped to ours for "did you mean" hints only; they are never accepted.
    private static readonly Dictionary<string, ConditionOperator> OperatorAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["=="] = ConditionOperator.Equals,
        ["="] = ConditionOperator.Equals,
        ["eq"] = ConditionOperator.Equals,
        ["is"] = ConditionOperator.Equals,
        ["!="] = ConditionOperator.NotEquals,
        ["ne"] = ConditionOperator.NotEquals,
        ["neq"] = ConditionOperator.NotEquals,
        ["<"] = ConditionOperator.LessThan,
        ["lt"] = ConditionOperator.LessThan,
        ["<="] = ConditionOperator.LessThanOrEqual,
        ["le"] = ConditionOperator.LessThanOrEqual,
        ["lte"] = ConditionOperator.LessThanOrEqual,
        [">"] = ConditionOperator.GreaterThan,
        ["gt"] = ConditionOperator.GreaterThan,
        [">="] = ConditionOperator.GreaterThanOrEqual,
        ["ge"] = ConditionOperator.GreaterThanOrEqual,
        ["gte"] = ConditionOperator.GreaterThanOrEqual,
        ["numEquals"] = ConditionOperator.NumberEquals,
        ["numberEqual"] = ConditionOperator.NumberEquals,
        ["numNotEquals"] = ConditionOperator.NumberNotEquals,
        ["regex"] = ConditionOperator.Matches,
        ["matchesRegex"] = ConditionOperator.Matches,
        ["oneOf"] = ConditionOperator.In,
        ["notOneOf"] = ConditionOperator.NotIn,
        ["segmentMatch"] = ConditionOperator.InSegment,
        ["present"] = ConditionOperator.Exists,
        ["has"] = ConditionOperator.Exists,
    };

    private static readonly ConditionOperator[] Operators = Enum.GetValues<ConditionOperator>();
    private static readonly FlagKind[] Kinds = Enum.GetValues<FlagKind>();
    private static readonly Dictionary<string, ConditionOperator> OperatorsByName = Index(Operators);
    private static readonly Dictionary<string, FlagKind> KindsByName = Index(Kinds);

    /// <summary>Every operator name, in enum order.</summary>
    public static IReadOnlyList<string> OperatorNames { get; } = Names(Operators);

    /// <summary>Every kind name, in enum order.</summary>
    public static IReadOnlyList<string> KindNames { get; } = Names(Kinds);

    public static string OperatorName(ConditionOperator value) => CamelCase(value.ToString());

    public static string KindName(FlagKind value) => CamelCase(value.ToString());

    public static bool TryParseOperator(string name, out ConditionOperator value) => OperatorsByName.TryGetValue(name, out value);

    /// <summary>The operator an unknown name was probably meant to be, for hints.</summary>
    public static string? SuggestOperator(string name) =>
        OperatorAliases.TryGetValue(name, out var alias) ? OperatorName(alias) : NameSuggestions.Closest(name, OperatorNames);

    public static bool TryParseKind(string name, out FlagKind value) => KindsByName.TryGetValue(name, out value);

    private static string CamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));

    private static string[] Names<TEnum>(TEnum[] values)
        where TEnum : struct, Enum
    {
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = CamelCase(values[i].ToString());
        }

        return names;
    }

    private static Dictionary<string, TEnum> Index<TEnum>(TEnum[] values)
        where TEnum : struct, Enum
    {
        var index = new Dictionary<string, TEnum>(values.Length, StringComparer.Ordinal);
        foreach (var value in values)
        {
            index[CamelCase(value.ToString())] = value;
        }

        return index;
    }
}
