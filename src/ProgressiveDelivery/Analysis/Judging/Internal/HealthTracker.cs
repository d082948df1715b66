using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Sequential;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// Tracks the health of the experiment: exposures against the split in force (sample-ratio mismatch, sequential and
/// chi-square) and the flow of canary data (no-data time and looks).
/// </summary>
/// <remarks>
/// A look interval in which either arm received no exposure is a no-data interval: it is left out of the SRM tests,
/// so that a canary that has no traffic yet (or an outage) is reported by the no-data check (which pauses after its
/// limit) instead of leaving a permanent sample-ratio mismatch behind once traffic flows.
/// </remarks>
internal sealed class HealthTracker
{
    private readonly JudgeSettings _settings;
    private SampleRatioMismatchTest _srm;
    private long _baselineExposures;
    private long _canaryExposures;
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

    public void Observe(long baselineExposures, long canaryExposures, double canaryShare, DateTimeOffset now)
    {
        var baselineDelta = baselineExposures - _baselineExposures;
        var canaryDelta = canaryExposures - _canaryExposures;
        if (baselineDelta < 0 || canaryDelta < 0)
        {
            throw new ArgumentException("Cumulative exposures decreased since the previous look; pass cumulative summaries.");
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

        if (live && canaryDelta + baselineDelta > 0 && canaryShare > 0 && canaryShare < 1)
        {
            _srm.Update(canaryDelta, baselineDelta, canaryShare);
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
        var allExposures = _baselineExposures + _canaryExposures;
        return new HealthEvidence
        {
            BaselineExposures = _baselineExposures,
            CanaryExposures = _canaryExposures,
            ExpectedCanaryShare = expectedShare,
            ObservedCanaryShare = allExposures > 0 ? (double)_canaryExposures / allExposures : double.NaN,
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
        _started = element.GetProperty("started").GetBoolean();
        _firstLook = element.GetProperty("firstLook").GetDateTimeOffset();
        _lastCanaryData = element.GetProperty("lastCanaryData").GetDateTimeOffset();
        _canaryHasData = element.GetProperty("canaryHasData").GetBoolean();
        _looksWithoutCanaryData = element.GetProperty("looksWithoutCanaryData").GetInt32();
        _srm = SampleRatioMismatchTest.ReadFrom(element.GetProperty("srm"));
    }

    private static SampleRatioMismatchTest CreateSrm(JudgeSettings settings) =>
        new(2, new SampleRatioMismatchOptions { Threshold = settings.SrmAlpha });
}
