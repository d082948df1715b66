using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// The compiler's shorthands for the JSON paths of <see cref="Flags.DefinitionError"/>
/// (<c>$.flags['new-checkout'].rules[0].conditions[1].values[0]</c>); the path syntax and escaping live in one
/// place, <see cref="JsonDefinitionPath"/>, which the JSON reader uses too, so both report identical paths.
/// </summary>
internal static class DefinitionPath
{
    public static string Flag(string? key) => JsonDefinitionPath.Key(FlagsRoot, key ?? string.Empty);

    public static string FlagAt(int index) => JsonDefinitionPath.Index(FlagsRoot, index);

    public static string Segment(string? key) => JsonDefinitionPath.Key(SegmentsRoot, key ?? string.Empty);

    public static string SegmentAt(int index) => JsonDefinitionPath.Index(SegmentsRoot, index);

    public static string Member(string parent, string name) => JsonDefinitionPath.Field(parent, name);

    public static string Item(string parent, int index) => JsonDefinitionPath.Index(parent, index);

    public static string Item(string parent, string name, int index) => Item(Member(parent, name), index);

    public static string Keyed(string parent, string name, string? key) => JsonDefinitionPath.Key(Member(parent, name), key ?? string.Empty);

    /// <summary>An entry of a map-shaped field such as a split (<c>split['on']</c>).</summary>
    public static string Entry(string parent, string? key) => JsonDefinitionPath.Key(parent, key ?? string.Empty);

    private static string FlagsRoot => JsonDefinitionPath.Field(JsonDefinitionPath.Root, "flags");

    private static string SegmentsRoot => JsonDefinitionPath.Field(JsonDefinitionPath.Root, "segments");
}
