using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Cumulative evaluation counts per (flag, variant, reason, error), counted in process and read by the
/// <c>progressive_delivery.evaluations</c> observable counter when a listener collects. Counting costs a lookup by the
/// strings' identity (<see cref="IdentityCache{TValue}"/>; by value in a dictionary only the first time) and one
/// uncontended increment; pushing each evaluation to a listener cost about ten times that (the wrk
/// diagnostic in benchmarks/results/load.md: two pushes per request were 5% of a small endpoint's throughput).
/// </summary>
internal sealed class EvaluationCounts
{
    private readonly ConcurrentDictionary<Key, StripedCounter> _counts = new();
    private readonly IdentityCache<StripedCounter> _recent = new();

    public void Increment(in FlagEvaluation evaluation)
    {
        var code = ((int)evaluation.Reason << 8) | (int)evaluation.ErrorCode;
        if (!_recent.TryGet(evaluation.FlagKey, evaluation.Variant, null, code, out var counter))
        {
            counter = CounterFor(evaluation, code);
        }

        counter.Increment();
    }

    private StripedCounter CounterFor(in FlagEvaluation evaluation, int code)
    {
        var key = new Key(evaluation.FlagKey, evaluation.Variant, evaluation.Reason, evaluation.ErrorCode);
        var counter = _counts.GetOrAdd(key, static _ => new StripedCounter());
        _recent.Set(evaluation.FlagKey, evaluation.Variant, null, code, counter);
        return counter;
    }

    /// <summary>One measurement per (flag, variant, reason, error) seen so far: its cumulative count.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        foreach (var (key, counter) in _counts)
        {
            var tags = new TagList
            {
                { ProgressiveDeliveryTelemetry.FlagKeyTag, key.FlagKey },
                { ProgressiveDeliveryTelemetry.ReasonTag, EvaluationNames.GetName(key.Reason) },
            };
            if (key.Variant is { } variant)
            {
                tags.Add(ProgressiveDeliveryTelemetry.VariantTag, variant);
            }

            if (key.Error != EvaluationErrorCode.None)
            {
                tags.Add(ProgressiveDeliveryTelemetry.ErrorTypeTag, EvaluationNames.GetName(key.Error));
            }

            yield return new Measurement<long>(counter.Sum(), tags);
        }
    }

    private readonly record struct Key(string FlagKey, string? Variant, EvaluationReason Reason, EvaluationErrorCode Error);

    /// <summary>A counter in one cache line per processor slot, so cores do not contend for one line.</summary>
    private sealed class StripedCounter
    {
        private const int Spacing = 8; // longs: 64 bytes between slots
        private static readonly int Slots = Math.Max(1, Math.Min(Environment.ProcessorCount, 64));
        private readonly long[] _values = new long[Slots * Spacing];

        public void Increment() => Interlocked.Increment(ref _values[Thread.GetCurrentProcessorId() % Slots * Spacing]);

        public long Sum()
        {
            long sum = 0;
            for (var i = 0; i < _values.Length; i += Spacing)
            {
                sum += Interlocked.Read(ref _values[i]);
            }

            return sum;
        }
    }
}
