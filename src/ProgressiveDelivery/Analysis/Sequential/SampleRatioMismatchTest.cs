using System;
using ProgressiveDelivery.Analysis.Internal;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>
/// Sample-ratio mismatch: is the observed split of exposures between the arms the configured one? A sequential
/// Dirichlet-multinomial Bayes factor (Lindon &amp; Malek, 2022) that may be checked after every update, and the
/// fixed-horizon Pearson chi-square for reports.
/// </summary>
/// <remarks>
/// <para>
/// Within a segment of constant expected shares θ the Bayes factor is BF = [B(c·θ + N) / B(c·θ)] / Π θ_i^N_i with
/// the multivariate Beta function B and the segment's counts N. When the shares change (the rollout steps up its
/// weight) the current segment is closed and a new one starts from BF = 1; the test's Bayes factor is the product of
/// the segments' factors. Each segment's factor is a nonnegative martingale with initial value 1 under H0, given
/// everything before it, so the product is one too and Ville's inequality bounds P(sup BF ≥ 1/α) by α: the
/// anytime p-value min(1, 1 / max BF) may be checked after every update.
/// </para>
/// <para>
/// Exposures in an arm whose expected share is 0 are impossible under H0: they make the p-value 0 at once.
/// The expected shares are the configured weights (not measured from the same exposures); update at each weight
/// change so that an interval has one set of shares. Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed partial class SampleRatioMismatchTest
{
    private readonly double _concentration;
    private readonly double _threshold;
    private readonly double[] _segmentShares;
    private readonly long[] _segmentCounts;
    private readonly long[] _totals;
    private readonly double[] _expectedTotals;
    private bool _hasSegment;
    private int _segments;
    private long _updates;
    private long _unexpectedExposures;
    private double _closedLogBayesFactor;
    private double _logBayesFactor;
    private double _maxLogBayesFactor;

    /// <summary>Creates a test with no data.</summary>
    /// <param name="arms">The number of arms, ≥ 2.</param>
    /// <param name="options">The settings; <see langword="null"/> takes the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="arms"/> is below 2 or a setting is out of range.</exception>
    public SampleRatioMismatchTest(int arms = 2, SampleRatioMismatchOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arms, 2);
        options ??= new SampleRatioMismatchOptions();
        options.Validate();
        _concentration = options.Concentration;
        _threshold = options.Threshold;
        _segmentShares = new double[arms];
        _segmentCounts = new long[arms];
        _totals = new long[arms];
        _expectedTotals = new double[arms];
    }

    /// <summary>The number of arms.</summary>
    public int Arms => _totals.Length;

    /// <summary>The number of calls to an <c>Update</c> method.</summary>
    public long Updates => _updates;

    /// <summary>The number of segments of constant expected shares seen so far.</summary>
    public int Segments => _segments;

    /// <summary>Exposures seen in arms whose expected share was 0 (any makes <see cref="PValue"/> 0).</summary>
    public long UnexpectedExposures => _unexpectedExposures;

    /// <summary>ln of the current Bayes factor against a healthy split (the product over segments).</summary>
    public double LogBayesFactor => _logBayesFactor;

    /// <summary>ln of the largest Bayes factor seen at any update (never negative).</summary>
    public double MaxLogBayesFactor => _maxLogBayesFactor;

    /// <summary>The anytime-valid p-value min(1, 1 / max BF); 0 after an unexpected exposure.</summary>
    public double PValue => _unexpectedExposures > 0 ? 0 : Math.Min(1, Math.Exp(-_maxLogBayesFactor));

    /// <summary>Whether the assignment is unhealthy: <see cref="PValue"/> ≤ the threshold (0.001 by default).</summary>
    public bool IsMismatch => PValue <= _threshold;

    /// <summary>The exposures seen in one arm.</summary>
    /// <param name="arm">The arm's index.</param>
    /// <returns>The count.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="arm"/> is not an arm's index.</exception>
    public long GetExposures(int arm) => _totals[arm];

    /// <summary>The exposures expected in one arm under a healthy split: Σ (interval total) · (expected share).</summary>
    /// <param name="arm">The arm's index.</param>
    /// <returns>The expected count.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="arm"/> is not an arm's index.</exception>
    public double GetExpectedExposures(int arm) => _expectedTotals[arm];

    /// <summary>Adds a two-arm interval (arm 0 the canary, arm 1 the baseline).</summary>
    /// <param name="canaryExposures">Canary exposures in the interval.</param>
    /// <param name="baselineExposures">Baseline exposures in the interval.</param>
    /// <param name="canaryShare">The canary's configured share (weight) during the interval, in [0, 1].</param>
    /// <exception cref="InvalidOperationException">The test does not have two arms.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the share is not in [0, 1].</exception>
    public void Update(long canaryExposures, long baselineExposures, double canaryShare)
    {
        if (Arms != 2)
        {
            throw new InvalidOperationException("This overload is for two-arm tests.");
        }

        if (!(canaryShare >= 0 && canaryShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(canaryShare), canaryShare, "The canary share must lie in [0, 1].");
        }

        Span<long> exposures = [canaryExposures, baselineExposures];
        Span<double> shares = [canaryShare, 1 - canaryShare];
        Update(exposures, shares);
    }

    /// <summary>Adds the exposures of one interval, with the expected shares (configured weights) in force during it.</summary>
    /// <param name="exposures">The exposures per arm in the interval.</param>
    /// <param name="expectedShares">The expected share per arm, each in [0, 1], summing to 1 (within 1e-9).</param>
    /// <exception cref="ArgumentException">A span's length is not the number of arms, or the shares do not sum to 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or a share is outside [0, 1].</exception>
    public void Update(ReadOnlySpan<long> exposures, ReadOnlySpan<double> expectedShares)
    {
        Validate(exposures, expectedShares);
        _updates++;
        if (!_hasSegment || !expectedShares.SequenceEqual(_segmentShares))
        {
            _closedLogBayesFactor = _logBayesFactor;
            expectedShares.CopyTo(_segmentShares);
            Array.Clear(_segmentCounts);
            _hasSegment = true;
            _segments++;
        }

        long total = 0;
        for (var i = 0; i < exposures.Length; i++)
        {
            total += exposures[i];
        }

        for (var i = 0; i < exposures.Length; i++)
        {
            _totals[i] += exposures[i];
            _expectedTotals[i] += total * expectedShares[i];
            if (expectedShares[i] == 0)
            {
                _unexpectedExposures += exposures[i];
            }
            else
            {
                _segmentCounts[i] += exposures[i];
            }
        }

        _logBayesFactor = _closedLogBayesFactor + SegmentLogBayesFactor();
        _maxLogBayesFactor = Math.Max(_maxLogBayesFactor, _logBayesFactor);
    }

    private double SegmentLogBayesFactor()
    {
        // ln B(a + N) - ln B(a) - Σ N_i ln θ_i with a = c·θ over the arms with θ_i > 0; B(a) = Π Γ(a_i) / Γ(Σ a_i).
        long total = 0;
        var concentration = 0.0;
        var logBf = 0.0;
        for (var i = 0; i < _segmentShares.Length; i++)
        {
            var share = _segmentShares[i];
            if (share == 0)
            {
                continue;
            }

            var a = _concentration * share;
            var n = _segmentCounts[i];
            total += n;
            concentration += a;
            if (n > 0)
            {
                logBf += SpecialFunctions.LogGamma(a + n) - SpecialFunctions.LogGamma(a) - (n * Math.Log(share));
            }
        }

        return total == 0 ? 0 : logBf - (SpecialFunctions.LogGamma(concentration + total) - SpecialFunctions.LogGamma(concentration));
    }

    private void Validate(ReadOnlySpan<long> exposures, ReadOnlySpan<double> expectedShares)
    {
        if (exposures.Length != Arms || expectedShares.Length != Arms)
        {
            throw new ArgumentException($"Expected one count and one share per arm ({Arms}).", nameof(exposures));
        }

        var sum = 0.0;
        for (var i = 0; i < Arms; i++)
        {
            if (exposures[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(exposures), exposures[i], "Exposure counts must be >= 0.");
            }

            if (!(expectedShares[i] >= 0 && expectedShares[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(expectedShares), expectedShares[i], "Expected shares must lie in [0, 1].");
            }

            sum += expectedShares[i];
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException("The expected shares must sum to 1.", nameof(expectedShares));
        }
    }
}
