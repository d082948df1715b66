using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>Builds conditions for the fluent builders, checking their arguments.</summary>
internal static class ConditionFactory
{
    public static ConditionDefinition Create(string attribute, ConditionOperator @operator, string[] values, bool caseSensitive)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        if (!Enum.IsDefined(@operator))
        {
            throw new ArgumentOutOfRangeException(nameof(@operator), @operator, "The operator is not a defined ConditionOperator.");
        }

        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0 && @operator != ConditionOperator.Exists)
        {
            throw new ArgumentException($"The operator {@operator} needs at least one value.", nameof(values));
        }

        var condition = new ConditionDefinition { Attribute = attribute, Operator = @operator, CaseSensitive = caseSensitive };
        AddAll(condition.Values, values, nameof(values));
        return condition;
    }

    public static ConditionDefinition Segments(ConditionOperator @operator, string[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Length == 0)
        {
            throw new ArgumentException("At least one segment key is needed.", nameof(segments));
        }

        var condition = new ConditionDefinition { Operator = @operator };
        AddAll(condition.Values, segments, nameof(segments));
        return condition;
    }

    public static string[] Format(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], "Condition values must be finite numbers.");
            }

            texts[i] = values[i].ToString("R", CultureInfo.InvariantCulture);
        }

        return texts;
    }

    /// <summary>Adds non-empty strings to a list, checking each.</summary>
    public static void AddAll(IList<string> target, string[] items, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        foreach (var item in items)
        {
            if (string.IsNullOrEmpty(item))
            {
                throw new ArgumentException("The items may not be null or empty.", parameterName);
            }
        }

        foreach (var item in items)
        {
            target.Add(item);
        }
    }

    /// <summary>Replaces a split's arms, checking each.</summary>
    public static void SetSplit(IList<WeightedVariant> target, (string Variant, double Percent)[] arms, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(arms, parameterName);
        if (arms.Length == 0)
        {
            throw new ArgumentException("A split needs at least one arm.", parameterName);
        }

        foreach (var (variant, percent) in arms)
        {
            if (string.IsNullOrEmpty(variant))
            {
                throw new ArgumentException("A split arm's variant name may not be null or empty.", parameterName);
            }

            if (!double.IsFinite(percent))
            {
                throw new ArgumentOutOfRangeException(parameterName, percent, "A split arm's percentage must be a finite number.");
            }
        }

        target.Clear();
        foreach (var (variant, percent) in arms)
        {
            target.Add(new WeightedVariant(variant, percent));
        }
    }
}
