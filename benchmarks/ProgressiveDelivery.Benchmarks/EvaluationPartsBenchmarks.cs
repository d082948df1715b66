using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using ProgressiveDelivery.Bucketing;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Evaluation.Internal;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Benchmarks;

/// <summary>
/// Diagnostic: the parts of one evaluation of the benchmark flags, each on its own over the same 1,024 rotating
/// contexts, so that the cost of <see cref="EvaluationOverheadBenchmarks"/>' rule + split evaluation can be attributed.
/// The baseline is the floor of that class (frozen-dictionary lookup + raw hash).
/// </summary>
[MemoryDiagnoser]
public class EvaluationPartsBenchmarks
{
    private FrozenDictionary<string, string> _saltByKey = null!;
    private FrozenDictionary<string, CompiledFlag> _flags = null!;
    private CompiledFlag _checkout = null!;
    private CompiledFlag _plain = null!;
    private FlagSnapshot _snapshot = null!;
    private FlagEvaluator _stepwise = null!;
    private FlagEvaluator _evaluator = null!;
    private EvaluationContext[] _contexts = null!;
    private string[] _userIds = null!;
    private CompiledCondition _inCountry = null!;
    private CompiledCondition _equalsPlan = null!;
    private CompiledCondition _semVer = null!;
    private CompiledCondition _endsWith = null!;
    private CompiledCondition _lessThan = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _userIds = BenchmarkFlags.CreateUserIds();
        _contexts = BenchmarkFlags.CreateContexts(_userIds);
        _snapshot = BenchmarkFlags.CreateSnapshot();
        _evaluator = new FlagEvaluator(_snapshot);
        _flags = FlagSetCompiler.Compile(BenchmarkFlags.CreateFlagSet(), out _)!;
        _checkout = _flags[BenchmarkFlags.Checkout];
        _plain = _flags[BenchmarkFlags.Plain];
        _saltByKey = FrozenDictionary.ToFrozenDictionary(new[]
        {
            new System.Collections.Generic.KeyValuePair<string, string>(BenchmarkFlags.Plain, BenchmarkFlags.Plain),
            new System.Collections.Generic.KeyValuePair<string, string>(BenchmarkFlags.Checkout, BenchmarkFlags.Checkout),
        });
        _stepwise = new FlagEvaluator(CreateStepwiseSnapshot());
        _inCountry = new StringSetCondition("country", negate: false, ["NL", "BE"], caseSensitive: true);
        _equalsPlan = new StringSetCondition("plan", negate: false, ["enterprise"], caseSensitive: true);
        SemanticVersion.TryParse("4.0.0", out var four);
        _semVer = new SemVerCondition("appVersion", ComparisonKind.GreaterOrEqual, [four]);
        _endsWith = new AffixCondition("email", AffixKind.EndsWith, ["@contoso.com"], caseSensitive: true);
        _lessThan = new NumberCondition("age", ComparisonKind.Less, 18);
    }

    [Benchmark(Baseline = true, Description = "floor: frozen-dictionary lookup + raw hash")]
    public int LookupAndHash()
    {
        var salt = _saltByKey[BenchmarkFlags.Checkout];
        return Bucketer.ToBucket(Bucketer.Hash(salt, _userIds[Next()]));
    }

    [Benchmark(Description = "rotate only (Next + array read)")]
    public EvaluationContext Rotate() => _contexts[Next()];

    [Benchmark(Description = "frozen lookup of a CompiledFlag")]
    public object? FlagLookup()
    {
        _ = _contexts[Next()];
        return _flags.TryGetValue(BenchmarkFlags.Checkout, out var flag) ? flag : null;
    }

    [Benchmark(Description = "attribute lookup: country (1st of 5)")]
    public bool AttributeFirst() => _contexts[Next()].TryGetAttribute("country", out _);

    [Benchmark(Description = "attribute lookup: age (5th of 5)")]
    public bool AttributeLast() => _contexts[Next()].TryGetAttribute("age", out _);

    [Benchmark(Description = "condition: country in [NL, BE]")]
    public bool InSet() => _inCountry.Matches(_contexts[Next()]);

    [Benchmark(Description = "condition: plan equals enterprise")]
    public bool EqualsOne() => _equalsPlan.Matches(_contexts[Next()]);

    [Benchmark(Description = "condition: appVersion semVer >= 4.0.0")]
    public bool SemVer() => _semVer.Matches(_contexts[Next()]);

    [Benchmark(Description = "condition: email endsWith @contoso.com")]
    public bool EndsWith() => _endsWith.Matches(_contexts[Next()]);

    [Benchmark(Description = "condition: age lessThan 18")]
    public bool LessThan() => _lessThan.Matches(_contexts[Next()]);

    [Benchmark(Description = "split: GetBucket + SelectVariant")]
    public int Split() => _checkout.Default.SelectVariant(Bucketer.GetBucket(_checkout.Salt, _contexts[Next()].TargetingKey));

    [Benchmark(Description = "FlagEngine.Evaluate checkout (rules + split)")]
    public int EngineCheckout() => FlagEngine.Evaluate(_checkout, _contexts[Next()]).Variant;

    [Benchmark(Description = "FlagEngine.Evaluate plain")]
    public int EnginePlain() => FlagEngine.Evaluate(_plain, _contexts[Next()]).Variant;

    [Benchmark(Description = "FlagSnapshot.Evaluate checkout")]
    public string? SnapshotCheckout() => _snapshot.Evaluate(BenchmarkFlags.Checkout, _contexts[Next()], FlagValueKind.None, default).Variant;

    [Benchmark(Description = "FlagEvaluator.Evaluate checkout")]
    public string? EvaluatorCheckout() => _evaluator.Evaluate(BenchmarkFlags.Checkout, _contexts[Next()]).Variant;

    [Benchmark(Description = "FlagSnapshot.Evaluate plain (boolean)")]
    public bool SnapshotPlain() => _snapshot.Evaluate(BenchmarkFlags.Plain, _contexts[Next()], FlagValueKind.Boolean, FlagValue.False).Value.AsBoolean();

    [Benchmark(Description = "FlagEvaluator.IsEnabled plain")]
    public bool EvaluatorPlain() => _evaluator.IsEnabled(BenchmarkFlags.Plain, _contexts[Next()]);

    [Benchmark(Description = "split only (no rules), same split and salt as checkout")]
    public string? SplitOnly() => _stepwise.Evaluate("split-only", _contexts[Next()]).Variant;

    [Benchmark(Description = "checkout's rule 3 (age < 18) + split")]
    public string? AgeRuleAndSplit() => _stepwise.Evaluate("age-rule", _contexts[Next()]).Variant;

    [Benchmark(Description = "checkout's rule 2 (semVer + endsWith) + split")]
    public string? SemVerRuleAndSplit() => _stepwise.Evaluate("semver-rule", _contexts[Next()]).Variant;

    [Benchmark(Description = "checkout's rule 1 (in + equals) + split")]
    public string? CountryRuleAndSplit() => _stepwise.Evaluate("country-rule", _contexts[Next()]).Variant;

    /// <summary>The checkout flag taken apart: its split alone, then each of its rules alone in front of it (same salt, same split).</summary>
    private static FlagSnapshot CreateStepwiseSnapshot()
    {
        static FlagBuilder Split(FlagBuilder flag) => flag
            .Variants(("control", "control"), ("treatment-a", "a"), ("treatment-b", "b"))
            .Salt(BenchmarkFlags.Checkout)
            .DefaultSplit(("control", 34), ("treatment-a", 33), ("treatment-b", 33));

        return FlagSnapshot.Compile(new FlagSetBuilder()
            .Flag("split-only", f => Split(f))
            .Flag("age-rule", f => Split(f).Rule(r => r.Where("age", ConditionOperator.LessThan, 18).Serve("control")))
            .Flag("semver-rule", f => Split(f).Rule(r => r.Where("appVersion", ConditionOperator.SemVerGreaterThanOrEqual, "4.0.0").Where("email", ConditionOperator.EndsWith, "@contoso.com").Serve("treatment-b")))
            .Flag("country-rule", f => Split(f).Rule(r => r.Where("country", ConditionOperator.In, "NL", "BE").Where("plan", ConditionOperator.Equals, "enterprise").Serve("treatment-a")))
            .Build());
    }

    private int Next() => _next = (_next + 1) & (BenchmarkFlags.UnitCount - 1);
}
