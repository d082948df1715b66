using System;
using ProgressiveDelivery.Bucketing;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Evaluates a compiled flag: disabled, then prerequisites (recursively, same snapshot), then the first matching rule,
/// then the default. Allocation-free; never throws for valid compiled input.
/// </summary>
internal static class FlagEngine
{
    public static EvaluationOutcome Evaluate(CompiledFlag flag, EvaluationContext context)
    {
        if (!flag.Enabled)
        {
            return new EvaluationOutcome(flag.OffVariant, EvaluationReason.Disabled, -1, EvaluationErrorCode.None);
        }

        foreach (var prerequisite in flag.Prerequisites)
        {
            if (!IsSatisfied(prerequisite, context))
            {
                return new EvaluationOutcome(flag.OffVariant, EvaluationReason.PrerequisiteFailed, -1, EvaluationErrorCode.None);
            }
        }

        var rules = flag.Rules;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Matches(context))
            {
                return Serve(flag, rules[i].Serve, context, i, EvaluationReason.TargetingMatch);
            }
        }

        return Serve(flag, flag.Default, context, -1, rules.Length == 0 ? EvaluationReason.Static : EvaluationReason.Default);
    }

    /// <summary>
    /// A prerequisite holds when the prerequisite flag is enabled, its own prerequisites hold, it did not fail, and it
    /// served one of the required variants (or, when none are listed, any variant but its off variant).
    /// </summary>
    private static bool IsSatisfied(CompiledPrerequisite prerequisite, EvaluationContext context)
    {
        var outcome = Evaluate(prerequisite.Flag, context);
        if (outcome.Reason is EvaluationReason.Disabled or EvaluationReason.PrerequisiteFailed or EvaluationReason.Error)
        {
            return false;
        }

        var allowed = prerequisite.AllowedVariants;
        if (allowed.Length == 0)
        {
            return outcome.Variant != prerequisite.Flag.OffVariant;
        }

        foreach (var variant in allowed)
        {
            if (variant == outcome.Variant)
            {
                return true;
            }
        }

        return false;
    }

    private static EvaluationOutcome Serve(CompiledFlag flag, CompiledServe serve, EvaluationContext context, int ruleIndex, EvaluationReason fixedReason)
    {
        if (!serve.IsSplit)
        {
            return new EvaluationOutcome(serve.Variant, fixedReason, ruleIndex, EvaluationErrorCode.None);
        }

        Span<char> buffer = stackalloc char[AttributeText.BufferLength];
        scoped ReadOnlySpan<char> bucketingKey;
        if (flag.BucketBy is null)
        {
            if (context.TargetingKey is null)
            {
                return new EvaluationOutcome(-1, EvaluationReason.Error, ruleIndex, EvaluationErrorCode.TargetingKeyMissing);
            }

            bucketingKey = context.TargetingKey;
        }
        else if (context.TryGetAttribute(flag.BucketBy, out var attribute) && attribute.Kind == AttributeKind.String)
        {
            bucketingKey = attribute.String;
        }
        else if (attribute.Kind is AttributeKind.Number or AttributeKind.Boolean or AttributeKind.Date
            && AttributeText.TryFormat(attribute, buffer, out var written))
        {
            bucketingKey = buffer[..written];
        }
        else
        {
            return new EvaluationOutcome(-1, EvaluationReason.Error, ruleIndex, EvaluationErrorCode.TargetingKeyMissing);
        }

        var bucket = Bucketer.GetBucket(flag.Salt, bucketingKey);
        return new EvaluationOutcome(serve.SelectVariant(bucket), EvaluationReason.Split, ruleIndex, EvaluationErrorCode.None);
    }
}
