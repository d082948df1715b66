using System;
using ProgressiveDelivery.Analysis.Judging.Internal;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>
/// Compares a canary arm with its baseline at each look and decides Promote, Continue, Pause or Rollback, with the
/// evidence behind the decision.
/// </summary>
/// <remarks>
/// <para>
/// Call <see cref="Judge(JudgeInput)"/> as often as you like (e.g. every minute) with both arms' cumulative summaries.
/// In the default <see cref="JudgeMode.Sequential"/> mode every metric test is anytime-valid: under A/A the probability
/// that a metric ever fails, over the whole rollout and however often the judge looks, is at most its alpha.
/// A judgment costs O(number of metrics) (times the count test's fixed grid), independent of the number of requests.
/// </para>
/// <para>
/// Decision rules, in order (the first that holds decides):
/// (1) a critical or ordinary metric is proven worse: <see cref="JudgeDecision.Rollback"/>, <c>metric_failed</c>;
/// (2) sample-ratio mismatch: <see cref="JudgeDecision.Pause"/>, <c>srm</c> (unhealthy assignment never promotes);
/// (3) a signal-only metric is proven worse: Pause, <c>signal_failed</c>;
/// (4) a critical metric could not be evaluated: Pause, <c>metric_error</c>;
/// (5) no new canary exposure for <see cref="JudgeOptions.NoDataLimit"/> (or <see cref="JudgeOptions.NoDataLookLimit"/> looks): Pause, <c>no_data</c>;
/// (6) every non-muted metric is proven inside its margin with its minimum sample: <see cref="JudgeDecision.Promote"/>, <c>all_metrics_pass</c>;
/// (7) <see cref="JudgeOptions.MaximumDuration"/> has passed: Pause, <c>inconclusive</c>;
/// (8) otherwise <see cref="JudgeDecision.Continue"/> (<c>no_data</c> while the canary has no exposure at all, else <c>collecting</c>).
/// Muted metrics are evaluated and reported but never decide. A metric without data is <see cref="MetricResult.NoData"/>,
/// never a failure, so no data can never cause a rollback. A metric failure is final for the judge's lifetime.
/// </para>
/// <para>
/// The judge keeps per-metric sequential state; <see cref="WriteState"/> and <see cref="ReadState(System.Text.Json.JsonElement)"/>
/// persist it so that a restarted process resumes with identical decisions. Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed partial class CanaryJudge
{
    private readonly JudgeSettings _settings;
    private readonly MetricTracker[] _trackers;
    private readonly KayentaSeries[] _series;
    private readonly HealthTracker _health;
    private long _looks;
    private long _looksSinceAnalysis;
    private DateTimeOffset _lastNow;

    /// <summary>Creates a judge from validated options (copied: later changes to <paramref name="options"/> have no effect).</summary>
    /// <param name="options">The configuration.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="JudgeOptionsException">The options are invalid; the exception lists every problem.</exception>
    public CanaryJudge(JudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new JudgeOptionsException(errors);
        }

        _settings = new JudgeSettings(options);
        _health = new HealthTracker(_settings);
        var metrics = _settings.Metrics;
        if (_settings.Mode == JudgeMode.KayentaCompatible)
        {
            _trackers = [];
            _series = new KayentaSeries[metrics.Length];
            for (var i = 0; i < metrics.Length; i++)
            {
                _series[i] = new KayentaSeries(metrics[i], _settings.KayentaPointsPerAnalysis);
            }
        }
        else
        {
            _series = [];
            _trackers = new MetricTracker[metrics.Length];
            for (var i = 0; i < metrics.Length; i++)
            {
                _trackers[i] = CreateTracker(metrics[i], _settings);
            }
        }
    }

    /// <summary>The mode this judge decides in.</summary>
    public JudgeMode Mode => _settings.Mode;

    /// <summary>The number of judgments made (including those before a <see cref="ReadState(System.Text.Json.JsonElement)"/>).</summary>
    public long Looks => _looks;

    /// <summary>Judges one look: updates each metric's sequential state with the increment since the previous look and decides.</summary>
    /// <param name="input">Both arms' cumulative summaries, the canary share in force since the previous look, and the time.</param>
    /// <returns>The decision with its reason and evidence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Time went backwards, or a cumulative count or exposure decreased since the previous look.</exception>
    public JudgeVerdict Judge(JudgeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_looks > 0 && input.Now < _lastNow)
        {
            throw new ArgumentException($"The time of the look ({input.Now:O}) is before the previous look's ({_lastNow:O}).", nameof(input));
        }

        var units = _settings.UnitOfAnalysis == UnitOfAnalysis.Unit;
        _health.Observe(
            input.Baseline.Exposures,
            input.Canary.Exposures,
            units ? input.Baseline.Units : input.Baseline.Exposures,
            units ? input.Canary.Units : input.Canary.Exposures,
            input.CanaryShare,
            input.Now,
            units ? input.UnitFeeds : null);
        _looks++;
        _lastNow = input.Now;
        var health = _health.Evaluate(input.Now);
        var elapsed = input.Now - _health.FirstLook;
        if (_settings.Mode == JudgeMode.KayentaCompatible)
        {
            return JudgeKayenta(input, health, elapsed);
        }

        var evidence = new MetricEvidence[_trackers.Length];
        for (var i = 0; i < _trackers.Length; i++)
        {
            _trackers[i].Observe(input.Baseline, input.Canary, input.CanaryShare, _looks);
            if (input.Steps is { } steps)
            {
                _trackers[i].ObserveSteps(steps);
            }

            evidence[i] = _trackers[i].Evaluate();
        }

        var maximumReached = _settings.MaximumDuration is { } maximum && elapsed >= maximum;
        var outcome = DecisionRules.Decide(evidence, health, maximumReached);
        return CreateVerdict(outcome, evidence, health, null, input.Now, elapsed);
    }

    private static MetricTracker CreateTracker(MetricSettings metric, JudgeSettings settings) => metric.Kind switch
    {
        MetricKind.CountRate => new CountRateTracker(metric, settings),
        MetricKind.Mean => new MeanTracker(metric, settings),
        _ => new QuantileTracker(metric, settings),
    };

    private JudgeVerdict CreateVerdict(DecisionOutcome outcome, MetricEvidence[] evidence, HealthEvidence health, double? score, DateTimeOffset now, TimeSpan elapsed) => new()
    {
        Decision = outcome.Decision,
        Reason = outcome.Reason,
        Message = outcome.Message,
        Metrics = evidence,
        Health = health,
        Mode = _settings.Mode,
        Score = score,
        Look = _looks,
        Timestamp = now,
        Elapsed = elapsed,
    };
}
