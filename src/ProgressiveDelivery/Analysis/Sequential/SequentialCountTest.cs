using System;
using ProgressiveDelivery.Analysis.Internal;
using ProgressiveDelivery.Analysis.Sequential.Internal;

namespace ProgressiveDelivery.Analysis.Sequential;

/// <summary>
/// An anytime-valid test that the canary's event rate per exposure (errors, crashes, conversions) equals the
/// baseline's, on event counts conditioned on the number of events, with the canary's share of exposure allowed to
/// change between updates. With a constant share it is the Beta-binomial Bayes factor of Lindon &amp; Malek (2022).
/// </summary>
/// <remarks>
/// <para>
/// Model: in a look interval t where the canary receives the share w_t of the exposure, and the rate ratio is
/// ρ = canary events per exposure / baseline events per exposure, each event falls in the canary with probability
/// q_t(ρ) = ρ·w_t / (ρ·w_t + 1 - w_t). Under H0 (ρ = 1) that is w_t. The likelihood ratio of the interval's
/// (x_t canary, y_t baseline) events is ρ^x_t / (1 + w_t(ρ - 1))^(x_t + y_t).
/// </para>
/// <para>
/// The Bayes factor is the mixture of the products of these ratios over a fixed discrete prior on ln ρ (the prior that
/// the Beta(c·θ, c·(1 - θ)) prior on q induces at the reference share θ). Each ratio has expectation 1 under H0
/// given the past and the share in force (Poisson events), or at most 1 (at most one event per exposure: the
/// hypergeometric split is dominated by the binomial in the convex order, Hoeffding 1963); the share must be fixed
/// before the interval's events are seen. The mixture is therefore a nonnegative supermartingale with initial value 1 and Ville's inequality gives P(sup BF ≥ 1/α) ≤ α under H0, whatever
/// the shares. The anytime p-value is min(1, 1 / max BF over updates).
/// </para>
/// <para>
/// The state is the accumulated log-likelihood at each grid point (O(grid), independent of the number of requests);
/// <see cref="Update"/> costs O(grid) and allocates nothing. The state serialises to JSON with
/// <see cref="WriteTo"/> and <see cref="ReadFrom"/>. Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed partial class SequentialCountTest
{
    private readonly double _concentration;
    private readonly bool _oneSided;
    private readonly bool _higherIsWorse;
    private readonly double[] _logRatios;
    private readonly double[] _ratiosMinusOne;
    private readonly double[] _logWeights;
    private readonly double[] _logLikelihood;
    private double _referenceShare = double.NaN;
    private long _canaryEvents;
    private long _baselineEvents;
    private long _updates;
    private double _expectedCanaryEvents;
    private double _rateNumerator;
    private double _rateDenominator;
    private double _logBayesFactor;
    private double _maxLogBayesFactor;

    /// <summary>Creates a test with no data.</summary>
    /// <param name="options">The settings; <see langword="null"/> takes the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public SequentialCountTest(SequentialCountTestOptions? options = null)
    {
        options ??= new SequentialCountTestOptions();
        options.Validate();
        _concentration = options.Concentration;
        _oneSided = options.OneSided;
        _higherIsWorse = options.HigherIsWorse;
        _logRatios = new double[options.GridPoints];
        _ratiosMinusOne = new double[options.GridPoints];
        _logWeights = new double[options.GridPoints];
        _logLikelihood = new double[options.GridPoints];
        if (options.ReferenceShare is { } share)
        {
            BuildPrior(share);
        }
    }

    /// <summary>The number of canary events seen.</summary>
    public long CanaryEvents => _canaryEvents;

    /// <summary>The number of baseline events seen.</summary>
    public long BaselineEvents => _baselineEvents;

    /// <summary>The number of canary events expected under H0: Σ (events of interval t) · (canary share of interval t).</summary>
    public double ExpectedCanaryEvents => _expectedCanaryEvents;

    /// <summary>The number of calls to <see cref="Update"/>.</summary>
    public long Updates => _updates;

    /// <summary>ln of the current Bayes factor against H0 (0 before any informative update).</summary>
    public double LogBayesFactor => _logBayesFactor;

    /// <summary>ln of the largest Bayes factor seen at any update (never negative).</summary>
    public double MaxLogBayesFactor => _maxLogBayesFactor;

    /// <summary>The anytime-valid p-value min(1, 1 / max BF): rejecting when it is ≤ α errs with probability ≤ α.</summary>
    public double PValue => Math.Min(1, Math.Exp(-_maxLogBayesFactor));

    /// <summary>
    /// The Mantel-Haenszel estimate of the rate ratio ρ across intervals: Σ x_t(1 - w_t) / Σ y_t·w_t; with a constant share
    /// it is the maximum-likelihood estimate. <see cref="double.NaN"/> before any informative event,
    /// <see cref="double.PositiveInfinity"/> when only the canary has had events.
    /// </summary>
    public double RateRatio => _rateDenominator > 0 ? _rateNumerator / _rateDenominator
        : _rateNumerator > 0 ? double.PositiveInfinity : double.NaN;

    /// <summary>The reference share of the prior, or <see cref="double.NaN"/> until it is known.</summary>
    public double ReferenceShare => _referenceShare;

    /// <summary>Whether H0 (equal rates) is rejected at level <paramref name="alpha"/>: max BF ≥ 1/α.</summary>
    /// <param name="alpha">The error probability, in (0, 1).</param>
    /// <returns><see langword="true"/> when the evidence against H0 reached 1/α at some update.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    public bool Rejects(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie strictly between 0 and 1.");
        }

        return _maxLogBayesFactor >= -Math.Log(alpha);
    }

    /// <summary>
    /// The closed-form Beta-binomial Bayes factor for a constant share (Lindon &amp; Malek):
    /// ln BF = ln B(cθ + x, c(1 - θ) + y) - ln B(cθ, c(1 - θ)) - x ln θ - y ln(1 - θ). The two-sided test equals it when
    /// every update has share θ = <see cref="ReferenceShare"/>.
    /// </summary>
    /// <param name="canaryEvents">The canary's events x, ≥ 0.</param>
    /// <param name="baselineEvents">The baseline's events y, ≥ 0.</param>
    /// <param name="canaryShare">The constant canary share θ, in (0, 1).</param>
    /// <param name="concentration">The prior concentration c, &gt; 0.</param>
    /// <returns>ln BF.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double BetaBinomialLogBayesFactor(long canaryEvents, long baselineEvents, double canaryShare, double concentration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(canaryEvents);
        ArgumentOutOfRangeException.ThrowIfNegative(baselineEvents);
        if (!(canaryShare > 0 && canaryShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(canaryShare), canaryShare, "The share must lie strictly between 0 and 1.");
        }

        if (!(concentration > 0) || double.IsInfinity(concentration))
        {
            throw new ArgumentOutOfRangeException(nameof(concentration), concentration, "The concentration must be a finite number > 0.");
        }

        var a = concentration * canaryShare;
        var b = concentration * (1 - canaryShare);
        return SpecialFunctions.LogBeta(a + canaryEvents, b + baselineEvents) - SpecialFunctions.LogBeta(a, b)
            - (canaryEvents * Math.Log(canaryShare)) - (baselineEvents * Math.Log(1 - canaryShare));
    }

    /// <summary>Adds the events of one look interval, with the canary's share of the exposure in force during it.</summary>
    /// <param name="canaryEvents">Events in the canary arm during the interval.</param>
    /// <param name="baselineEvents">Events in the baseline arm during the interval.</param>
    /// <param name="canaryShare">
    /// The canary's share of the exposure during the interval, in [0, 1]: canary exposures / (canary + baseline exposures)
    /// of that interval, or the configured weight. When the weight changes, update at the change so that each interval
    /// has one share.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the share is not in [0, 1].</exception>
    /// <exception cref="ArgumentException">An arm with share 0 has events.</exception>
    public void Update(long canaryEvents, long baselineEvents, double canaryShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(canaryEvents);
        ArgumentOutOfRangeException.ThrowIfNegative(baselineEvents);
        if (!(canaryShare >= 0 && canaryShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(canaryShare), canaryShare, "The canary share must lie in [0, 1].");
        }

        if ((canaryShare == 0 && canaryEvents > 0) || (canaryShare == 1 && baselineEvents > 0))
        {
            throw new ArgumentException("An arm with no share of the exposure cannot have events.", nameof(canaryShare));
        }

        _updates++;
        var total = canaryEvents + baselineEvents;
        if (total == 0)
        {
            return;
        }

        _canaryEvents += canaryEvents;
        _baselineEvents += baselineEvents;
        _expectedCanaryEvents += total * canaryShare;
        _rateNumerator += canaryEvents * (1 - canaryShare);
        _rateDenominator += baselineEvents * canaryShare;
        if (canaryShare is 0 or 1)
        {
            // All events are where they must be under every ρ: the likelihood ratio is 1.
            return;
        }

        if (double.IsNaN(_referenceShare))
        {
            BuildPrior(canaryShare);
        }

        for (var g = 0; g < _logLikelihood.Length; g++)
        {
            _logLikelihood[g] += (canaryEvents * _logRatios[g]) - (total * Math.Log(1 + (canaryShare * _ratiosMinusOne[g])));
        }

        _logBayesFactor = ComputeLogBayesFactor();
        if (_logBayesFactor > _maxLogBayesFactor)
        {
            _maxLogBayesFactor = _logBayesFactor;
        }
    }

    private void BuildPrior(double referenceShare)
    {
        _referenceShare = referenceShare;
        var side = !_oneSided ? 0 : _higherIsWorse ? 1 : -1;
        RateRatioGrid.Build(_concentration, referenceShare, side, _logRatios, _logWeights);
        for (var g = 0; g < _logRatios.Length; g++)
        {
            _ratiosMinusOne[g] = Math.Exp(_logRatios[g]) - 1;
        }
    }

    private double ComputeLogBayesFactor()
    {
        var max = double.NegativeInfinity;
        for (var g = 0; g < _logLikelihood.Length; g++)
        {
            max = Math.Max(max, _logWeights[g] + _logLikelihood[g]);
        }

        var sum = 0.0;
        for (var g = 0; g < _logLikelihood.Length; g++)
        {
            sum += Math.Exp(_logWeights[g] + _logLikelihood[g] - max);
        }

        return max + Math.Log(sum);
    }
}
