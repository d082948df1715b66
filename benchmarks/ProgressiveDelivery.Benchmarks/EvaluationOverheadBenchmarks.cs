using System.Collections.Frozen;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using ProgressiveDelivery.Bucketing;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.Benchmarks;

/// <summary>
/// How close our evaluation comes to the least any flag engine must do: find the flag in a frozen dictionary and hash
/// the unit id with the flag's salt. Target: a 3-rule + split evaluation within 2x of that floor.
/// </summary>
[MemoryDiagnoser]
public class EvaluationOverheadBenchmarks
{
    private FrozenDictionary<string, string> _flags = null!;
    private FlagEvaluator _evaluator = null!;
    private EvaluationContext[] _contexts = null!;
    private string[] _userIds = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _userIds = BenchmarkFlags.CreateUserIds();
        _contexts = BenchmarkFlags.CreateContexts(_userIds);
        _evaluator = new FlagEvaluator(BenchmarkFlags.CreateSnapshot());
        BenchmarkFlags.Verify(_evaluator, _contexts);
        _flags = new Dictionary<string, string>
        {
            [BenchmarkFlags.Plain] = BenchmarkFlags.Plain,
            [BenchmarkFlags.Checkout] = BenchmarkFlags.Checkout,
        }.ToFrozenDictionary();
    }

    [Benchmark(Baseline = true, Description = "floor: frozen-dictionary lookup + raw hash")]
    public int LookupAndHash()
    {
        var salt = _flags[BenchmarkFlags.Checkout];
        return Bucketer.ToBucket(Bucketer.Hash(salt, _userIds[Next()]));
    }

    [Benchmark(Description = "ours Evaluate, 3 rules x 5 attributes + 3-way split")]
    public string? RulesAndSplit() => _evaluator.Evaluate(BenchmarkFlags.Checkout, _contexts[Next()]).Variant;

    [Benchmark(Description = "ours IsEnabled, boolean flag")]
    public bool Boolean() => _evaluator.IsEnabled(BenchmarkFlags.Plain, _contexts[Next()]);

    private int Next() => _next = (_next + 1) & (BenchmarkFlags.UnitCount - 1);
}
