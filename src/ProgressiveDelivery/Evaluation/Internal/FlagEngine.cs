using System;
using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Evaluates a compiled flag: disabled, then prerequisites (recursively, same snapshot), then the first matching rule,
/// then the default. Allocation-free; never throws for valid compiled input.
/// </summary>
internal static class FlagEngine
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static EvaluationOutcome Evaluate(CompiledFlag flag, EvaluationContext context)
    {
        // Disabled flags, and flags without prerequisites and rules serving a fixed default, answer without the context.
        var staticVariant = flag.StaticVariant;
        if (staticVariant >= 0)
        {
            return new EvaluationOutcome(staticVariant, flag.StaticReason, -1, EvaluationErrorCode.None);
        }

        var prerequisites = flag.Prerequisites;
        if (prerequisites.Length != 0 && !AreSatisfied(prerequisites, context))
        {
            return new EvaluationOutcome(flag.OffVariant, EvaluationReason.PrerequisiteFailed, -1, EvaluationErrorCode.None);
        }

        // Nothing but the flag and the context is live across the rule loop (its rare calls to conditions make the
        // JIT keep whatever is live there in the few callee-saved registers, or on the stack).
        var match = flag.FindMatchingRule(context);
        if (match >= 0)
        {
            return Serve(flag, flag.Rules[match].Serve, context, match, EvaluationReason.TargetingMatch);
        }

        return Serve(flag, flag.Default, context, -1, flag.DefaultReason);
    }

    private static bool AreSatisfied(CompiledPrerequisite[] prerequisites, EvaluationContext context)
    {
        foreach (var prerequisite in prerequisites)
        {
            if (!IsSatisfied(prerequisite, context))
            {
                return false;
            }
        }

        return true;
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

        // The bucket is returned, never passed by reference: an address-taken local went through the stack, a store
        // and a load on the hash's dependency chain.
        int bucket;
        if (flag.BucketBy is null)
        {
            var targetingKey = context.TargetingKey;
            if (targetingKey is null)
            {
                return new EvaluationOutcome(-1, EvaluationReason.Error, ruleIndex, EvaluationErrorCode.TargetingKeyMissing);
            }

            // One arm over every bucket: the answer is that arm whatever the bucket (still only for a unit with a key).
            if (serve.WholeVariant >= 0)
            {
                return new EvaluationOutcome(serve.WholeVariant, EvaluationReason.Split, ruleIndex, EvaluationErrorCode.None);
            }

            bucket = flag.GetBucket(targetingKey);
        }
        else if ((bucket = GetAttributeBucket(flag, context)) < 0)
        {
            return new EvaluationOutcome(-1, EvaluationReason.Error, ruleIndex, EvaluationErrorCode.TargetingKeyMissing);
        }

        return new EvaluationOutcome(serve.SelectVariant(bucket), EvaluationReason.Split, ruleIndex, EvaluationErrorCode.None);
    }

    /// <summary>
    /// Buckets by the <c>bucketBy</c> attribute: a string as is, a number, boolean or date as invariant text (formatted
    /// on the stack, so kept out of the common path). -1 when the attribute is absent or of another type.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int GetAttributeBucket(CompiledFlag flag, EvaluationContext context)
    {
        ref readonly var attribute = ref flag.FindBucketByAttribute(context);
        if (Unsafe.IsNullRef(in attribute))
        {
            return -1;
        }

        if (attribute.Kind == AttributeKind.String)
        {
            return flag.GetBucket(attribute.String);
        }

        Span<char> buffer = stackalloc char[AttributeText.BufferLength];
        if (attribute.Kind is AttributeKind.Number or AttributeKind.Boolean or AttributeKind.Date
            && AttributeText.TryFormat(attribute, buffer, out var written))
        {
            return flag.GetBucket(buffer[..written]);
        }

        return -1;
    }
}
