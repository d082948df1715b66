using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// Tracks the health of the experiment: the arms' shares against the split in force (sample-ratio mismatch, sequential
/// and chi-square) and the flow of canary data (no-data time and looks).
/// </summary>
/// <remarks>
/// With <see cref="UnitOfAnalysis.Unit"/> the sample-ratio tests count units: each unit once per attempt, in the arm
/// where it was first seen (<see cref="Observations.ArmObservations.Units"/>). Under correct assignment each new unit is
/// on the canary with the canary share in force, independently of every other unit, so the test is exact however
/// skewed per-unit activity is; it fires when the canary loses units (or gains them). A share of requests moves with
/// which heavy users landed where, so counting requests (<see cref="UnitOfAnalysis.Request"/>) is only right when each
/// unit makes one request. The unit test's prior concentration is <see cref="UnitConcentration"/>, suited to the
/// thousands of units a rollout sees, where the request test's 10,000 suits millions of requests.
/// </remarks>
/// <remarks>
/// A look interval in which either arm received no exposure is a no-data interval: it is left out of the SRM tests,
/// so that a canary that has no traffic yet (or an outage) is reported by the no-data check (which pauses after its
/// limit) instead of leaving a permanent sample-ratio mismatch behind once traffic flows.
/// </remarks>
internal sealed class HealthTracker
{
    /// <summary>The Dirichlet-multinomial prior concentration of the sample-ratio test on units.</summary>
    public const double UnitConcentration = 1000;

    private readonly JudgeSettings _settings;
    private SampleRatioMismatchTest _srm;
    private long _baselineExposures;
    private long _canaryExposures;
    private long _baselineSrmCount;
    private long _canarySrmCount;
    private DateTimeOffset _firstLook;
    private DateTimeOffset _lastCanaryData;
    private bool _started;
    private bool _canaryHasData;
    private int _looksWithoutCanaryData;

    public HealthTracker(JudgeSettings settings)
    {
        _settings = settings;
        _srm = CreateSrm(settings);
    }

    public DateTimeOffset FirstLook => _firstLook;

    /// <param name="baselineExposures">The baseline's cumulative exposures (requests).</param>
    /// <param name="canaryExposures">The canary's cumulative exposures.</param>
    /// <param name="baselineSrmCount">The baseline's cumulative count the SRM test reads (units or requests).</param>
    /// <param name="canarySrmCount">The canary's cumulative count the SRM test reads.</param>
    /// <param name="canaryShare">The canary share in force since the previous look.</param>
    /// <param name="now">The time of the look.</param>
    /// <param name="feeds">
    /// <see langword="null"/>: the SRM counts are the differences of the cumulative counts, all at
    /// <paramref name="canaryShare"/>. Otherwise the units new at this look by the share they were assigned under (a
    /// fleet's decider), and <paramref name="baselineSrmCount"/> and <paramref name="canarySrmCount"/> are ignored in
    /// favour of the feeds' sums.
    /// </param>
    public void Observe(
        long baselineExposures, long canaryExposures, long baselineSrmCount, long canarySrmCount, double canaryShare, DateTimeOffset now,
        IReadOnlyList<UnitFeed>? feeds = null)
    {
        var baselineDelta = baselineExposures - _baselineExposures;
        var canaryDelta = canaryExposures - _canaryExposures;
        long baselineSrmDelta, canarySrmDelta;
        if (feeds is null)
        {
            baselineSrmDelta = baselineSrmCount - _baselineSrmCount;
            canarySrmDelta = canarySrmCount - _canarySrmCount;
        }
        else
        {
            (baselineSrmDelta, canarySrmDelta) = (0, 0);
            foreach (var feed in feeds)
            {
                baselineSrmDelta += feed.Baseline;
                canarySrmDelta += feed.Canary;
            }

            (baselineSrmCount, canarySrmCount) = (_baselineSrmCount + baselineSrmDelta, _canarySrmCount + canarySrmDelta);
        }

        if (baselineDelta < 0 || canaryDelta < 0 || baselineSrmDelta < 0 || canarySrmDelta < 0)
        {
            throw new ArgumentException("Cumulative exposures or units decreased since the previous look; pass cumulative summaries.");
        }

        if (!_started)
        {
            _started = true;
            _firstLook = now;
            _lastCanaryData = now;
        }

        // Whether this interval enters the SRM test is decided from earlier looks only (the canary had an exposure
        // within the no-data window before this look), never from this interval's own split: a predictable choice of
        // which intervals to test keeps the test's martingale, so it stays valid. Selecting on the interval's own
        // counts (e.g. only intervals where both arms got exposures) would overstate the canary's share at low weight
        // or low traffic. A canary starved after it had data keeps being tested for a whole window (a real assignment
        // fault, paused as such); a canary never reached, or silent for longer, is the no-data rules' business and its
        // silence does not pile up as mismatch evidence for when it comes back.
        var live = _canaryHasData && now - _lastCanaryData < _settings.NoDataLimit;

        _baselineExposures = baselineExposures;
        _canaryExposures = canaryExposures;
        _baselineSrmCount = baselineSrmCount;
        _canarySrmCount = canarySrmCount;
        if (canaryDelta > 0)
        {
            _canaryHasData = true;
            _lastCanaryData = now;
            _looksWithoutCanaryData = 0;
        }
        else
        {
            _looksWithoutCanaryData++;
        }

        if (!live)
        {
            return;
        }

        if (feeds is null)
        {
            Feed(canarySrmDelta, baselineSrmDelta, canaryShare);
            return;
        }

        // Each unit once, with the share in force where it was first seen (a late row of an earlier step included).
        foreach (var feed in feeds)
        {
            Feed(feed.Canary, feed.Baseline, feed.Share);
        }
    }

    private void Feed(long canary, long baseline, double share)
    {
        if (canary + baseline > 0 && share > 0 && share < 1)
        {
            _srm.Update(canary, baseline, share);
        }
    }

    public HealthEvidence Evaluate(DateTimeOffset now)
    {
        var total = _srm.GetExposures(0) + _srm.GetExposures(1);
        var expectedShare = total > 0 ? _srm.GetExpectedExposures(0) / total : double.NaN;
        var sequential = _srm.PValue;
        var chiSquare = total >= _settings.SrmMinimumExposures && total > 0 ? _srm.ChiSquare().PValue : double.NaN;
        var mismatch = sequential < _settings.SrmAlpha || (_settings.SrmChiSquarePauses && chiSquare < _settings.SrmAlpha);
        var without = now - _lastCanaryData;
        var limitReached = without >= _settings.NoDataLimit
            || (_settings.NoDataLookLimit > 0 && _looksWithoutCanaryData >= _settings.NoDataLookLimit);
        var all = _baselineSrmCount + _canarySrmCount;
        return new HealthEvidence
        {
            BaselineExposures = _baselineExposures,
            CanaryExposures = _canaryExposures,
            BaselineUnits = _settings.UnitOfAnalysis == UnitOfAnalysis.Unit ? _baselineSrmCount : 0,
            CanaryUnits = _settings.UnitOfAnalysis == UnitOfAnalysis.Unit ? _canarySrmCount : 0,
            UnitOfAnalysis = _settings.UnitOfAnalysis,
            ExpectedCanaryShare = expectedShare,
            ObservedCanaryShare = all > 0 ? (double)_canarySrmCount / all : double.NaN,
            SrmSequentialPValue = sequential,
            SrmChiSquarePValue = chiSquare,
            SampleRatioMismatch = mismatch,
            CanaryHasData = _canaryHasData,
            TimeWithoutCanaryData = without,
            LooksWithoutCanaryData = _looksWithoutCanaryData,
            NoDataLimitReached = limitReached,
        };
    }

    public void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteNumber("baselineExposures", _baselineExposures);
        writer.WriteNumber("canaryExposures", _canaryExposures);
        writer.WriteNumber("baselineSrmCount", _baselineSrmCount);
        writer.WriteNumber("canarySrmCount", _canarySrmCount);
        writer.WriteBoolean("started", _started);
        writer.WriteString("firstLook", _firstLook);
        writer.WriteString("lastCanaryData", _lastCanaryData);
        writer.WriteBoolean("canaryHasData", _canaryHasData);
        writer.WriteNumber("looksWithoutCanaryData", _looksWithoutCanaryData);
        writer.WritePropertyName("srm");
        _srm.WriteTo(writer);
    }

    public void ReadState(JsonElement element)
    {
        _baselineExposures = element.GetProperty("baselineExposures").GetInt64();
        _canaryExposures = element.GetProperty("canaryExposures").GetInt64();
        _baselineSrmCount = element.GetProperty("baselineSrmCount").GetInt64();
        _canarySrmCount = element.GetProperty("canarySrmCount").GetInt64();
        _started = element.GetProperty("started").GetBoolean();
        _firstLook = element.GetProperty("firstLook").GetDateTimeOffset();
        _lastCanaryData = element.GetProperty("lastCanaryData").GetDateTimeOffset();
        _canaryHasData = element.GetProperty("canaryHasData").GetBoolean();
        _looksWithoutCanaryData = element.GetProperty("looksWithoutCanaryData").GetInt32();
        _srm = SampleRatioMismatchTest.ReadFrom(element.GetProperty("srm"));
    }

    private static SampleRatioMismatchTest CreateSrm(JudgeSettings settings) => new(2, new SampleRatioMismatchOptions
    {
        Threshold = settings.SrmAlpha,
        Concentration = settings.UnitOfAnalysis == UnitOfAnalysis.Unit ? UnitConcentration : new SampleRatioMismatchOptions().Concentration,
    });
}
