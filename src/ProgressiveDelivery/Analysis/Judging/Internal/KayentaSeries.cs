using System;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>
/// One metric in the Kayenta-compatible mode: turns each look's cumulative summaries into one aggregate point per arm
/// (the interval's event rate for count rates, the interval's mean of the recorded values for means) and classifies a
/// window of points the way NetflixACAJudge's Mann-Whitney classifier does.
/// </summary>
internal sealed class KayentaSeries
{
    private readonly MetricSettings _settings;
    private readonly PointWindow _baseline;
    private readonly PointWindow _canary;
    private long _baselineCount;
    private double _baselineTotal;
    private long _canaryCount;
    private double _canaryTotal;

    public KayentaSeries(MetricSettings settings, int points)
    {
        _settings = settings;
        _baseline = new PointWindow(points);
        _canary = new PointWindow(points);
    }

    public MetricSettings Settings => _settings;

    public int BaselinePoints => _baseline.Count;

    public int CanaryPoints => _canary.Count;

    public void Observe(ArmSummary baseline, ArmSummary canary)
    {
        AddPoint(baseline, _baseline, ref _baselineCount, ref _baselineTotal);
        AddPoint(canary, _canary, ref _canaryCount, ref _canaryTotal);
    }

    public KayentaClassification Classify(double confidenceLevel, double tolerance)
    {
        var result = KayentaClassifier.Classify(_baseline.ToArray(), _canary.ToArray(), _settings.Direction, confidenceLevel, tolerance);
        _baseline.Clear();
        _canary.Clear();
        return result;
    }

    public void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteNumber("baselineCount", _baselineCount);
        writer.WriteNumber("baselineTotal", _baselineTotal);
        writer.WriteNumber("canaryCount", _canaryCount);
        writer.WriteNumber("canaryTotal", _canaryTotal);
        writer.WritePropertyName("baselinePoints");
        _baseline.WriteTo(writer);
        writer.WritePropertyName("canaryPoints");
        _canary.WriteTo(writer);
    }

    public void ReadState(JsonElement element)
    {
        _baselineCount = element.GetProperty("baselineCount").GetInt64();
        _baselineTotal = element.GetProperty("baselineTotal").GetDouble();
        _canaryCount = element.GetProperty("canaryCount").GetInt64();
        _canaryTotal = element.GetProperty("canaryTotal").GetDouble();
        _baseline.ReadFrom(element.GetProperty("baselinePoints"));
        _canary.ReadFrom(element.GetProperty("canaryPoints"));
    }

    private void AddPoint(ArmSummary arm, PointWindow window, ref long previousCount, ref double previousTotal)
    {
        long count;
        double total;
        if (_settings.Kind == MetricKind.CountRate)
        {
            count = arm.Exposures;
            total = arm.GetCount(_settings.Name);
        }
        else
        {
            var values = arm.GetValues(_settings.Name);
            count = values.Count;
            total = values.Count == 0 ? 0 : values.Mean * values.Count;
        }

        var countDelta = count - previousCount;
        if (countDelta < 0)
        {
            throw new ArgumentException($"The cumulative data of '{_settings.Name}' decreased since the previous look; pass cumulative summaries.");
        }

        if (countDelta > 0)
        {
            var point = (total - previousTotal) / countDelta;
            if (double.IsFinite(point))
            {
                window.Add(point);
            }

            previousCount = count;
            previousTotal = total;
        }
    }
}
