using System.Globalization;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Benchmarks;

/// <summary>The flags and the 1,024 rotating units every evaluation benchmark uses, ours and Microsoft.FeatureManagement's alike.</summary>
internal static class BenchmarkFlags
{
    public const int UnitCount = 1024;
    public const string Plain = "plain";
    public const string Checkout = "checkout";
    public const string Missing = "no-such-flag";

    /// <summary>A boolean flag with no rules, and a flag with 3 rules over 5 attributes and a 3-way default split.</summary>
    public static FlagSnapshot CreateSnapshot() => FlagSnapshot.Compile(CreateFlagSet());

    /// <summary>The definitions behind <see cref="CreateSnapshot"/>.</summary>
    public static FlagSet CreateFlagSet() => new FlagSetBuilder()
        .Flag(Plain, f => f.BooleanVariants().DefaultVariant("on"))
        .Flag(Checkout, f => f
            .Variants(("control", "control"), ("treatment-a", "a"), ("treatment-b", "b"))
            .Rule(r => r.Where("country", ConditionOperator.In, "NL", "BE").Where("plan", ConditionOperator.Equals, "enterprise").Serve("treatment-a"))
            .Rule(r => r.Where("appVersion", ConditionOperator.SemVerGreaterThanOrEqual, "4.0.0").Where("email", ConditionOperator.EndsWith, "@contoso.com").Serve("treatment-b"))
            .Rule(r => r.Where("age", ConditionOperator.LessThan, 18).Serve("control"))
            .DefaultSplit(("control", 34), ("treatment-a", 33), ("treatment-b", 33)))
        .Build();

    /// <summary>Fails the run if the benchmark would measure error paths instead of real evaluations.</summary>
    /// <exception cref="System.InvalidOperationException">An evaluation errs, or the units do not reach every variant and the split.</exception>
    public static void Verify(FlagEvaluator evaluator, EvaluationContext[] contexts)
    {
        var split = 0;
        foreach (var context in contexts)
        {
            var plain = evaluator.Evaluate(Plain, context);
            var checkout = evaluator.Evaluate(Checkout, context);
            if (plain.IsError || checkout.IsError || !evaluator.IsEnabled(Plain, context))
            {
                throw new System.InvalidOperationException($"Benchmark flags evaluate to an error: {checkout.ErrorCodeName}");
            }

            split += checkout.Reason == EvaluationReason.Split ? 1 : 0;
        }

        if (split < contexts.Length / 2)
        {
            throw new System.InvalidOperationException($"Only {split} of {contexts.Length} units reached the split.");
        }
    }

    public static string[] CreateUserIds()
    {
        var ids = new string[UnitCount];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = "user-" + (i * 7919).ToString("D8", CultureInfo.InvariantCulture);
        }

        return ids;
    }

    /// <summary>Contexts whose attributes make most units fall through all three rules to the split (the most work).</summary>
    public static EvaluationContext[] CreateContexts(string[] userIds)
    {
        string[] countries = ["US", "DE", "FR", "NL"];
        string[] plans = ["free", "pro", "team"];
        var contexts = new EvaluationContext[userIds.Length];
        for (var i = 0; i < userIds.Length; i++)
        {
            contexts[i] = new EvaluationContextBuilder(userIds[i])
                .Set("country", countries[i % countries.Length])
                .Set("plan", plans[i % plans.Length])
                .Set("appVersion", "3." + (i % 10).ToString(CultureInfo.InvariantCulture) + ".1")
                .Set("email", userIds[i] + "@example.com")
                .Set("age", 20 + (i % 50))
                .Build();
        }

        return contexts;
    }
}
