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

    private int Next() => _next = (_next + 1) & (BenchmarkFlags.UnitCount - 1);
}
