using System.Collections.Generic;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Which variants a compiled flag can serve, read from its structure alone (no context): the off variant when it is
/// disabled or has prerequisites (one may fail), every rule's serve, and the default serve (a split override included).
/// Arms of zero width serve nobody. A rule whose conditions are known to fail for every context is skipped, and one
/// known to match every context (no conditions, or only constant ones) is the last served: nothing after it is reached.
/// Other conditions are not solved: a rule that could never match still counts, so the answer "one variant" is certain
/// while "several" may be an overestimate.
/// </summary>
internal static class ServedVariants
{
    /// <summary>The variant index every context is served (-1 for no variant: the caller's default), or <see langword="false"/> when more than one can be.</summary>
    public static bool TryGetSingle(CompiledFlag flag, out int variant)
    {
        if (!flag.Enabled)
        {
            variant = flag.OffVariant;
            return true;
        }

        var served = new HashSet<int>();
        if (flag.Prerequisites.Length > 0)
        {
            served.Add(flag.OffVariant);
        }

        var reachesDefault = true;
        foreach (var rule in flag.Rules)
        {
            var always = true;
            var never = false;
            foreach (var condition in rule.Conditions)
            {
                always &= condition.Constant == true;
                never |= condition.Constant == false;
            }

            if (never)
            {
                continue;
            }

            Add(served, rule.Serve);
            if (always)
            {
                reachesDefault = false;
                break;
            }
        }

        if (reachesDefault)
        {
            Add(served, flag.Default);
        }
        if (served.Count == 1)
        {
            foreach (var only in served)
            {
                variant = only;
                return true;
            }
        }

        variant = -1;
        return false;
    }

    private static void Add(HashSet<int> served, CompiledServe serve)
    {
        if (!serve.IsSplit)
        {
            served.Add(serve.Variant);
            return;
        }

        var boundaries = serve.Boundaries!;
        for (var i = 0; i < boundaries.Length; i++)
        {
            var width = boundaries[i] - (i == 0 ? 0 : boundaries[i - 1]);
            if (width > 0)
            {
                served.Add(serve.ArmVariants![i]);
            }
        }
    }
}
