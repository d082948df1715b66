using System.Collections.Generic;
using System.Text.Json;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>Reading flags: variants, prerequisites, rules and splits.</summary>
internal sealed partial class FlagSetJsonReader
{
    private FlagDefinition ReadFlag(string key, JsonElement element, string path)
    {
        var flag = new FlagDefinition { Key = key };
        foreach (var (name, value, fieldPath) in Fields(element, path, "a flag", FlagJsonNames.FlagFields))
        {
            switch (name)
            {
                case "kind":
                    flag.Kind = ReadKind(value, fieldPath) ?? flag.Kind;
                    break;
                case "enabled":
                    flag.Enabled = ReadBoolean(value, fieldPath) ?? flag.Enabled;
                    break;
                case "description":
                    flag.Description = ReadString(value, fieldPath);
                    break;
                case "variants":
                    ReadVariants(value, fieldPath, flag.Variants);
                    break;
                case "offVariant":
                    flag.OffVariant = ReadString(value, fieldPath);
                    break;
                case "prerequisites":
                    foreach (var (item, itemPath) in Items(value, fieldPath, "an array of prerequisites"))
                    {
                        flag.Prerequisites.Add(ReadPrerequisite(item, itemPath));
                    }

                    break;
                case "rules":
                    foreach (var (item, itemPath) in Items(value, fieldPath, "an array of rules"))
                    {
                        flag.Rules.Add(ReadRule(item, itemPath));
                    }

                    break;
                case "defaultVariant":
                    flag.DefaultVariant = ReadString(value, fieldPath);
                    break;
                case "defaultSplit":
                    ReadSplit(value, fieldPath, flag.DefaultSplit);
                    break;
                case "salt":
                    flag.Salt = ReadString(value, fieldPath);
                    break;
                case "bucketBy":
                    flag.BucketBy = ReadString(value, fieldPath);
                    break;
                case "owner":
                    flag.Owner = ReadString(value, fieldPath);
                    break;
                case "created":
                    flag.Created = ReadDate(value, fieldPath);
                    break;
                case "expires":
                    flag.Expires = ReadDate(value, fieldPath);
                    break;
                case "tags":
                    ReadStrings(value, fieldPath, flag.Tags, "an array of tag strings");
                    break;
            }
        }

        return flag;
    }

    private FlagKind? ReadKind(JsonElement value, string path)
    {
        if (ReadString(value, path) is not { } name)
        {
            return null;
        }

        if (FlagJsonNames.TryParseKind(name, out var kind))
        {
            return kind;
        }

        var names = FlagJsonNames.KindNames;
        Error(
            path,
            DefinitionErrorCodes.UnknownKind,
            $"Unknown flag kind '{name}'.{NameSuggestions.Hint(name, names)} Valid kinds: {string.Join(", ", names)}.");
        return null;
    }

    private void ReadVariants(JsonElement element, string path, IList<VariantDefinition> target)
    {
        foreach (var (name, value, variantPath) in Entries(element, path, "an object of variant values by name"))
        {
            // A variant in error is still added (without a value), so that references to it stay resolvable.
            target.Add(new VariantDefinition(name, ReadVariantValue(value, variantPath)));
        }
    }

    private FlagValue ReadVariantValue(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return FlagValue.FromBoolean(value.GetBoolean());
            case JsonValueKind.String:
                return FlagValue.FromString(value.GetString()!);
            case JsonValueKind.Number:
                return ReadFiniteNumber(value, path) is { } number ? FlagValue.FromNumber(number) : default;
            case JsonValueKind.Object or JsonValueKind.Array:
                return FlagValue.FromJson(value);
            default:
                WrongType(value, path, "a variant value (a boolean, string, number, object or array)");
                return default;
        }
    }

    private PrerequisiteDefinition ReadPrerequisite(JsonElement element, string path)
    {
        var prerequisite = new PrerequisiteDefinition();
        var hasFlag = false;
        foreach (var (name, value, fieldPath) in Fields(element, path, "a prerequisite", FlagJsonNames.PrerequisiteFields))
        {
            switch (name)
            {
                case "flag":
                    hasFlag = true;
                    prerequisite.Flag = ReadString(value, fieldPath) ?? string.Empty;
                    if (value.ValueKind == JsonValueKind.String && prerequisite.Flag.Length == 0)
                    {
                        Missing(fieldPath, "A prerequisite's 'flag' may not be empty.");
                    }

                    break;
                case "variants":
                    ReadStrings(value, fieldPath, prerequisite.Variants, "an array of variant names");
                    break;
                case "description":
                    ReadString(value, fieldPath);
                    break;
            }
        }

        if (element.ValueKind == JsonValueKind.Object && !hasFlag)
        {
            Missing(JsonDefinitionPath.Field(path, "flag"), "A prerequisite needs 'flag', the key of the flag it depends on.");
        }

        return prerequisite;
    }

    private RuleDefinition ReadRule(JsonElement element, string path)
    {
        var rule = new RuleDefinition();
        var hasConditions = false;
        foreach (var (name, value, fieldPath) in Fields(element, path, "a rule", FlagJsonNames.RuleFields))
        {
            switch (name)
            {
                case "name":
                    rule.Name = ReadString(value, fieldPath);
                    break;
                case "conditions":
                    hasConditions = true;
                    ReadConditions(value, fieldPath, rule.Conditions);
                    break;
                case "variant":
                    rule.Variant = ReadString(value, fieldPath);
                    break;
                case "split":
                    ReadSplit(value, fieldPath, rule.Split);
                    break;
                case "description":
                    ReadString(value, fieldPath);
                    break;
            }
        }

        if (element.ValueKind == JsonValueKind.Object && !hasConditions)
        {
            Missing(
                JsonDefinitionPath.Field(path, "conditions"),
                "A rule needs 'conditions' (an array; all must hold). Write \"conditions\": [] for a rule that matches everyone.");
        }

        return rule;
    }

    private void ReadSplit(JsonElement element, string path, IList<WeightedVariant> target)
    {
        foreach (var (name, value, armPath) in Entries(element, path, "an object of percentages by variant name, e.g. { \"on\": 10, \"off\": 90 }"))
        {
            var percent = Expect(value, JsonValueKind.Number, armPath, "a percentage (a number from 0 to 100)")
                ? ReadFiniteNumber(value, armPath) ?? 0
                : 0;
            target.Add(new WeightedVariant(name, percent));
        }
    }

    private double? ReadFiniteNumber(JsonElement value, string path)
    {
        if (value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        Error(path, DefinitionErrorCodes.InvalidValue, $"The number {value.GetRawText()} is out of range; it must be a finite double.");
        return null;
    }

    private void Missing(string path, string message) => Error(path, DefinitionErrorCodes.Missing, message);
}
