using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

/// <summary>
/// Describes a <see cref="FlagSet"/> as canonical text, field by field, independently of <see cref="FlagSetJson"/>, so
/// that two sets can be compared structurally with a readable diff.
/// </summary>
internal static class FlagSetDescriber
{
    public static string Describe(FlagSet set)
    {
        var text = new StringBuilder();
        foreach (var flag in set.Flags)
        {
            text.AppendLine($"flag {flag.Key}");
            text.AppendLine($"  kind={flag.Kind} enabled={flag.Enabled} description={flag.Description ?? "<null>"}");
            foreach (var variant in flag.Variants)
            {
                text.AppendLine($"  variant {variant.Name} = {Value(variant.Value)}");
            }

            text.AppendLine($"  off={flag.OffVariant ?? "<null>"} default={flag.DefaultVariant ?? "<null>"} defaultSplit={Split(flag.DefaultSplit)}");
            foreach (var prerequisite in flag.Prerequisites)
            {
                text.AppendLine($"  prerequisite {prerequisite.Flag} [{string.Join(",", prerequisite.Variants)}]");
            }

            foreach (var rule in flag.Rules)
            {
                text.AppendLine($"  rule name={rule.Name ?? "<null>"} variant={rule.Variant ?? "<null>"} split={Split(rule.Split)}");
                Conditions(text, rule.Conditions);
            }

            text.AppendLine($"  salt={flag.Salt ?? "<null>"} bucketBy={flag.BucketBy ?? "<null>"} owner={flag.Owner ?? "<null>"}");
            text.AppendLine($"  created={Date(flag.Created)} expires={Date(flag.Expires)} tags=[{string.Join(",", flag.Tags)}]");
        }

        foreach (var segment in set.Segments)
        {
            text.AppendLine($"segment {segment.Key} description={segment.Description ?? "<null>"}");
            text.AppendLine($"  included=[{string.Join(",", segment.Included)}] excluded=[{string.Join(",", segment.Excluded)}]");
            Conditions(text, segment.Conditions);
        }

        return text.ToString();
    }

    private static void Conditions(StringBuilder text, IList<ConditionDefinition> conditions)
    {
        foreach (var condition in conditions)
        {
            text.AppendLine(
                $"    condition '{condition.Attribute}' {condition.Operator} [{string.Join("|", condition.Values)}] caseSensitive={condition.CaseSensitive}");
        }
    }

    private static string Split(IList<WeightedVariant> split)
    {
        var parts = new List<string>();
        foreach (var arm in split)
        {
            parts.Add($"{arm.Variant}:{arm.Percent.ToString("R", CultureInfo.InvariantCulture)}");
        }

        return $"[{string.Join(",", parts)}]";
    }

    private static string Date(System.DateTimeOffset? date) =>
        date?.ToString("O", CultureInfo.InvariantCulture) ?? "<null>";

    private static string Value(FlagValue value)
    {
        if (value.Kind != FlagValueKind.Json)
        {
            return $"{value.Kind}:{value}";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.AsJson().WriteTo(writer);
        }

        return $"Json:{Encoding.UTF8.GetString(buffer.WrittenSpan)}";
    }
}
