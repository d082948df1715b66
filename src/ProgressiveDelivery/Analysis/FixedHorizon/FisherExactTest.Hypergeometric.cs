using System;
using ProgressiveDelivery.Analysis.Internal;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <content>The central hypergeometric distribution of the table's top-left cell.</content>
public static partial class FisherExactTest
{
    // The hypergeometric distribution of the top-left cell given the margins.
    private readonly struct Hypergeometric
    {
        private readonly long _successes;
        private readonly long _failures;
        private readonly long _draws;

        public Hypergeometric(long successes, long failures, long draws)
        {
            _successes = successes;
            _failures = failures;
            _draws = draws;
            Low = Math.Max(0, draws - failures);
            High = Math.Min(draws, successes);
            var mode = (long)(((Int128)(draws + 1) * (successes + 1)) / (successes + failures + 2));
            Mode = Math.Clamp(mode, Low, High);
        }

        public long Low { get; }

        public long High { get; }

        public long Mode { get; }

        public double LogPmf(long k) => SpecialFunctions.LogHypergeometricPmf(k, _successes, _failures, _draws);

        // P(X <= k): summed downward from k when k is left of the mode, otherwise 1 - P(X >= k + 1).
        public double LowerTail(long k)
        {
            if (k >= High)
            {
                return 1;
            }

            return k < Mode ? SumOutward(k, -1) : 1 - SumOutward(k + 1, +1);
        }

        // P(X >= k): summed upward from k when k is right of the mode, otherwise 1 - P(X <= k - 1).
        public double UpperTail(long k)
        {
            if (k <= Low)
            {
                return 1;
            }

            return k > Mode ? SumOutward(k, +1) : 1 - SumOutward(k - 1, -1);
        }

        // Σ P(i) from start away from the mode (direction ±1), terms by the pmf's ratio recurrence, stopping when negligible.
        private double SumOutward(long start, int direction)
        {
            double sum = 0, term = 1;
            var i = start;
            while (true)
            {
                sum += term;
                if (term < NegligibleTerm * sum || (direction > 0 ? i >= High : i <= Low))
                {
                    break;
                }

                term *= direction > 0 ? RatioUp(i) : RatioDown(i);
                i += direction;
            }

            return Math.Exp(LogPmf(start) + Math.Log(sum));
        }

        // P(i + 1) / P(i).
        public double RatioUp(long i) => (double)(_successes - i) * (_draws - i) / ((double)(i + 1) * (_failures - _draws + i + 1));

        // P(i - 1) / P(i).
        public double RatioDown(long i) => (double)i * (_failures - _draws + i) / ((double)(_successes - i + 1) * (_draws - i + 1));
    }
}
