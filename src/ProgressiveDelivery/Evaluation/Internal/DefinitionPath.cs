using System;
using System.Globalization;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>Builds the JSON paths of <see cref="Flags.DefinitionError"/>: <c>$.flags['new-checkout'].rules[0].conditions[1].values[0]</c>.</summary>
internal static class DefinitionPath
{
    public static string Flag(string? key) => "$.flags[" + Quote(key) + "]";

    public static string FlagAt(int index) => "$.flags[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Segment(string? key) => "$.segments[" + Quote(key) + "]";

    public static string SegmentAt(int index) => "$.segments[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Member(string parent, string name) => parent + "." + name;

    public static string Item(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Item(string parent, string name, int index) => Item(Member(parent, name), index);

    public static string Keyed(string parent, string name, string? key) => parent + "." + name + "[" + Quote(key) + "]";

    private static string Quote(string? key) => "'" + (key ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
