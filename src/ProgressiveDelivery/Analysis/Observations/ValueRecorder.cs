using System;
using System.Threading;
using ProgressiveDelivery.Analysis.Observations.Internal;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// Records values (latencies, sizes, business values) for one metric of one arm: count, mean and M2 by Welford's
/// algorithm, min, max, a <see cref="LogLinearHistogram"/>, and the count and sum per analysis cell of the unit each value
/// came from (<see cref="UnitKey"/>). <see cref="Record(double, UnitKey)"/> is thread-safe, O(1) and allocation-free;
/// <see cref="GetSummary"/> returns an immutable, consistent <see cref="ValueSummary"/>.
/// </summary>
/// <remarks>
/// The moments are kept in a few stripes, each behind its own spin lock and chosen by thread, so concurrent recorders rarely
/// contend; a summary locks every stripe briefly and combines them with Chan et al.'s formula.
/// </remarks>
public sealed class ValueRecorder
{
    private readonly Stripe[] _stripes;
    private readonly int _mask;
    private readonly LogLinearHistogram _histogram = new();
    private readonly CellAccumulator _cells = new(sums: true);
    private CellBinades? _binades;

    /// <summary>Creates an empty recorder.</summary>
    public ValueRecorder()
    {
        var stripes = (int)Math.Min(8, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        _stripes = new Stripe[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new Stripe();
        }

        _mask = stripes - 1;
    }

    /// <summary>
    /// The largest magnitude accepted (1e100): squared deviations of larger values could overflow the moments to
    /// infinity, which no summary or JSON can carry.
    /// </summary>
    public const double MaxMagnitude = 1e100;

    /// <summary>Gets the number of values recorded so far.</summary>
    public long Count => _histogram.Count;

    /// <summary>Gets whether a coarse histogram per analysis cell is kept (see <see cref="KeepUnitQuantiles"/>).</summary>
    public bool KeepsUnitQuantiles => Volatile.Read(ref _binades) is not null;

    /// <summary>
    /// Keeps, from now on, a coarse histogram per analysis cell (one bucket per power of two; about 100 KB), from which a
    /// unit-level quantile metric estimates the cluster-robust variance near its quantile. Call it before recording
    /// (values recorded earlier are not in it); <see cref="Rollouts.RolloutManager"/> does for the quantile metrics of a
    /// rollout's judge. Without it, a unit-level quantile metric falls back to the design effect of the mean.
    /// Idempotent and thread-safe.
    /// </summary>
    public void KeepUnitQuantiles()
    {
        if (Volatile.Read(ref _binades) is null)
        {
            Interlocked.CompareExchange(ref _binades, new CellBinades(), null);
        }
    }

    /// <summary>Records one value of an unknown unit (<see cref="UnitKey.None"/>).</summary>
    /// <param name="value">The value; a number of magnitude at most <see cref="MaxMagnitude"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or its magnitude exceeds <see cref="MaxMagnitude"/>.</exception>
    public void Record(double value) => Record(value, UnitKey.None);

    /// <summary>Records one value of <paramref name="unit"/>. Thread-safe, O(1), allocation-free once the value's histogram binade is in use.</summary>
    /// <param name="value">The value; a number of magnitude at most <see cref="MaxMagnitude"/>.</param>
    /// <param name="unit">The unit the value belongs to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or its magnitude exceeds <see cref="MaxMagnitude"/>.</exception>
    public void Record(double value, UnitKey unit)
    {
        if (!(Math.Abs(value) <= MaxMagnitude))
        {
            ThrowOutOfRange(value);
        }

        var stripe = _stripes[Environment.CurrentManagedThreadId & _mask];
        stripe.Enter();
        try
        {
            stripe.Add(value);
            _histogram.Record(value);
            _cells.Add(unit.Cell, value);
            _binades?.Add(unit.Cell, value);
        }
        finally
        {
            stripe.Exit();
        }
    }

    /// <summary>
    /// Adds everything a summary describes, as if its values had been recorded here: for example to resume after a
    /// restart from a summary persisted with <see cref="ObservationJson"/>. Thread-safe; O(histogram buckets).
    /// </summary>
    /// <param name="summary">The summary to add; unless empty, it must carry a histogram, known min and max, and unit cells.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="summary"/> has values but no histogram, unknown extremes or no cells.</exception>
    public void Add(ValueSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Count == 0)
        {
            return;
        }

        if (summary.Histogram is null || double.IsNaN(summary.Min) || summary.Cells is null)
        {
            throw new ArgumentException("Only a summary with a histogram, known extremes and unit cells can be added to a recorder.", nameof(summary));
        }

        var stripe = _stripes[Environment.CurrentManagedThreadId & _mask];
        stripe.Enter();
        try
        {
            stripe.Add(summary);
            _histogram.Merge(summary.Histogram);
            _cells.Add(summary.Cells ?? throw new ArgumentException("Only a summary with unit cells can be added to a recorder.", nameof(summary)));
            if (summary.CellBins is { } bins)
            {
                KeepUnitQuantiles();
                _binades!.Add(bins);
            }
        }
        finally
        {
            stripe.Exit();
        }
    }

    /// <summary>Returns an immutable summary of everything recorded so far.</summary>
    /// <returns>The count, moments, extremes, a read-only copy of the histogram and the unit cells, consistent with each other.</returns>
    public ValueSummary GetSummary()
    {
        var taken = 0;
        try
        {
            for (; taken < _stripes.Length; taken++)
            {
                _stripes[taken].Enter();
            }

            long count = 0;
            double mean = 0, m2 = 0, min = double.NaN, max = double.NaN;
            foreach (var stripe in _stripes)
            {
                if (stripe.Count == 0)
                {
                    continue;
                }

                (count, mean, m2) = ValueSummary.Combine(count, mean, m2, stripe.Count, stripe.Mean, stripe.M2);
                min = double.IsNaN(min) || stripe.Min < min ? stripe.Min : min;
                max = double.IsNaN(max) || stripe.Max > max ? stripe.Max : max;
            }

            return new ValueSummary(count, mean, m2, min, max, _histogram.ToReadOnly(), _cells.Snapshot()) { CellBins = _binades?.Snapshot() };
        }
        finally
        {
            for (var i = taken - 1; i >= 0; i--)
            {
                _stripes[i].Exit();
            }
        }
    }

    private static void ThrowOutOfRange(double value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "Values must be numbers of magnitude at most 1e100.");

    // One set of Welford moments behind its own spin lock (a compare-and-swap to enter, a store to leave: cheaper than
    // a monitor for the few nanoseconds it is held; contended waiters spin, then yield).
    private sealed class Stripe
    {
        public long Count;
        public double Mean;
        public double M2;
        public double Min = double.PositiveInfinity;
        public double Max = double.NegativeInfinity;
        private int _held;

        public void Enter()
        {
            if (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
            {
                EnterContended();
            }
        }

        public void Exit() => Volatile.Write(ref _held, 0);

        public void Add(double value)
        {
            Count++;
            var delta = value - Mean;
            Mean += delta / Count;
            M2 += delta * (value - Mean);
            if (value < Min)
            {
                Min = value;
            }

            if (value > Max)
            {
                Max = value;
            }
        }

        public void Add(ValueSummary summary)
        {
            (Count, Mean, M2) = ValueSummary.Combine(Count, Mean, M2, summary.Count, summary.Mean, summary.M2);
            Min = Math.Min(Min, summary.Min);
            Max = Math.Max(Max, summary.Max);
        }

        private void EnterContended()
        {
            var spinner = default(SpinWait);
            do
            {
                spinner.SpinOnce();
            }
            while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0);
        }
    }
}
