using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>Reading segments and conditions.</summary>
internal sealed partial class FlagSetJsonReader
{
    private SegmentDefinition ReadSegment(string key, JsonElement element, string path)
    {
        var segment = new SegmentDefinition { Key = key };
        foreach (var (name, value, fieldPath) in Fields(element, path, "a segment", FlagJsonNames.SegmentFields))
        {
            switch (name)
            {
                case "description":
                    segment.Description = ReadString(value, fieldPath);
                    break;
                case "included":
                    ReadStrings(value, fieldPath, segment.Included, "an array of targeting keys");
                    break;
                case "excluded":
                    ReadStrings(value, fieldPath, segment.Excluded, "an array of targeting keys");
                    break;
                case "conditions":
                    ReadConditions(value, fieldPath, segment.Conditions);
                    break;
            }
        }

        return segment;
    }

    private void ReadConditions(JsonElement element, string path, IList<ConditionDefinition> target)
    {
        foreach (var (item, itemPath) in Items(element, path, "an array of conditions"))
        {
            target.Add(ReadCondition(item, itemPath));
        }
    }

    private ConditionDefinition ReadCondition(JsonElement element, string path)
    {
        var condition = new ConditionDefinition();
        bool hasAttribute = false, hasOperator = false, operatorKnown = false, hasValue = false, hasValues = false;
        foreach (var (name, value, fieldPath) in Fields(element, path, "a condition", FlagJsonNames.ConditionFields))
        {
            switch (name)
            {
                case "attribute":
                    hasAttribute = value.ValueKind != JsonValueKind.String || value.GetString()!.Length > 0;
                    condition.Attribute = ReadString(value, fieldPath) ?? string.Empty;
                    break;
                case "operator":
                    hasOperator = true;
                    if (ReadOperator(value, fieldPath) is { } op)
                    {
                        condition.Operator = op;
                        operatorKnown = true;
                    }

                    break;
                case "value":
                    hasValue = true;
                    if (ReadOperand(value, fieldPath, "a value (a string, number or boolean); use 'values' for several") is { } operand)
                    {
                        condition.Values.Add(operand);
                    }

                    break;
                case "values":
                    hasValues = true;
                    foreach (var (item, itemPath) in Items(value, fieldPath, "an array of values (strings, numbers or booleans)"))
                    {
                        if (ReadOperand(item, itemPath, "a value (a string, number or boolean)") is { } itemOperand)
                        {
                            condition.Values.Add(itemOperand);
                        }
                    }

                    break;
                case "caseSensitive":
                    condition.CaseSensitive = ReadBoolean(value, fieldPath) ?? condition.CaseSensitive;
                    break;
                case "description":
                    ReadString(value, fieldPath);
                    break;
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return condition;
        }

        if (!hasOperator)
        {
            Missing(JsonDefinitionPath.Field(path, "operator"), $"A condition needs an 'operator'. Valid operators: {string.Join(", ", FlagJsonNames.OperatorNames)}.");
        }

        if (operatorKnown && !hasAttribute && condition.Operator is not (ConditionOperator.InSegment or ConditionOperator.NotInSegment))
        {
            Missing(
                JsonDefinitionPath.Field(path, "attribute"),
                $"A condition with operator '{FlagJsonNames.OperatorName(condition.Operator)}' needs a non-empty 'attribute' (the context attribute to test; 'key' for the targeting key).");
        }

        if (hasValue && hasValues)
        {
            Error(path, DefinitionErrorCodes.InvalidValues, "A condition has either 'value' (one) or 'values' (an array), not both.");
        }

        return condition;
    }

    private ConditionOperator? ReadOperator(JsonElement value, string path)
    {
        if (ReadString(value, path) is not { } name)
        {
            return null;
        }

        if (FlagJsonNames.TryParseOperator(name, out var op))
        {
            return op;
        }

        var names = FlagJsonNames.OperatorNames;
        Error(
            path,
            DefinitionErrorCodes.UnknownOperator,
            $"Unknown operator '{name}'.{NameSuggestions.Hint(FlagJsonNames.SuggestOperator(name))} Valid operators (case-sensitive): {string.Join(", ", names)}.");
        return null;
    }

    // Operands are kept as invariant text: a string as is, a boolean as true/false, an integer as written (exact, even
    // past 2^53), any other number in its shortest round-trip form (1.50 -> 1.5, 1e3 -> 1000), which is how number
    // attributes are formatted for the string operators, so that "value": 1.0 equals the attribute 1.
    private string? ReadOperand(JsonElement value, string path, string expected)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                var text = value.GetRawText();
                if (text.AsSpan().TrimStart('-').ContainsAnyExcept("0123456789"))
                {
                    return ReadFiniteNumber(value, path) is { } number ? number.ToString("R", CultureInfo.InvariantCulture) : null;
                }

                return text;
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                WrongType(value, path, expected);
                return null;
        }
    }
}
