using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Rollouts.Plans.Internal;

/// <summary>The JSON paths of rollout errors, the same for JSON and code: <c>$.rollouts['id'].plan.steps[2].setWeight</c>.</summary>
internal static class RolloutPaths
{
    public static string Rollouts => JsonDefinitionPath.Field(JsonDefinitionPath.Root, "rollouts");

    public static string Rollout(string id) => JsonDefinitionPath.Key(Rollouts, id);

    public static string RolloutAt(int index) => JsonDefinitionPath.Index(Rollouts, index);

    public static string Field(string parent, string name) => JsonDefinitionPath.Field(parent, name);

    public static string Index(string parent, int index) => JsonDefinitionPath.Index(parent, index);

    /// <summary>A C# property name as its JSON field name (<c>NoDataLimit</c> to <c>noDataLimit</c>).</summary>
    public static string Camel(string name) => name.Length == 0 ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
}
