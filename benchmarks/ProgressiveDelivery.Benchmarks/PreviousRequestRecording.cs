using System;
using System.Threading;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Benchmarks;

/// <summary>
/// A replica of how a rollout recorded one request before outcomes carried their unit (commit a5e8347's
/// <c>RolloutArms.Record</c>): an interlocked exposure count, an interlocked error count, and the value recorder's striped
/// spin lock around Welford's update and the histogram. The baseline the unit-level recording is compared with, in the
/// same run.
/// </summary>
internal sealed class PreviousRequestRecording
{
    private readonly Stripe[] _stripes;
    private readonly int _mask;
    private readonly LogLinearHistogram _histogram = new();
    private long _exposures;
    private long _errors;

    public PreviousRequestRecording()
    {
        var stripes = (int)Math.Min(8, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        _stripes = new Stripe[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new Stripe();
        }

        _mask = stripes - 1;
    }

    public void Record(bool failed, double logLatency)
    {
        Interlocked.Increment(ref _exposures);
        if (failed)
        {
            Interlocked.Increment(ref _errors);
        }

        var stripe = _stripes[Environment.CurrentManagedThreadId & _mask];
        if (Interlocked.CompareExchange(ref stripe.Held, 1, 0) != 0)
        {
            var spinner = default(SpinWait);
            do
            {
                spinner.SpinOnce();
            }
            while (Interlocked.CompareExchange(ref stripe.Held, 1, 0) != 0);
        }

        try
        {
            stripe.Count++;
            var delta = logLatency - stripe.Mean;
            stripe.Mean += delta / stripe.Count;
            stripe.M2 += delta * (logLatency - stripe.Mean);
            stripe.Min = Math.Min(stripe.Min, logLatency);
            stripe.Max = Math.Max(stripe.Max, logLatency);
            _histogram.Record(logLatency);
        }
        finally
        {
            Volatile.Write(ref stripe.Held, 0);
        }
    }

    private sealed class Stripe
    {
        public int Held;
        public long Count;
        public double Mean;
        public double M2;
        public double Min = double.PositiveInfinity;
        public double Max = double.NegativeInfinity;
    }
}
