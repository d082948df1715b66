using System;
using System.Text.Json;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>Persistence of <see cref="CanaryJudge"/>'s sequential state.</summary>
public sealed partial class CanaryJudge
{
    private const int StateVersion = 2;

    /// <summary>
    /// Writes the judge's state (looks so far, each metric's sequential state, health tracking) as one JSON object, so
    /// that a judge created later from the same options resumes with <see cref="ReadState(JsonElement)"/> exactly where
    /// this one is. Doubles are written in round-trip form.
    /// </summary>
    /// <param name="writer">The writer to write the object to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    public void WriteState(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", StateVersion);
        writer.WriteString("mode", _settings.Mode == JudgeMode.KayentaCompatible ? "kayenta" : "sequential");
        writer.WriteNumber("looks", _looks);
        writer.WriteNumber("looksSinceAnalysis", _looksSinceAnalysis);
        writer.WriteString("lastNow", _lastNow);
        writer.WritePropertyName("health");
        writer.WriteStartObject();
        _health.WriteState(writer);
        writer.WriteEndObject();
        writer.WriteStartArray("metrics");
        var metrics = _settings.Metrics;
        for (var i = 0; i < metrics.Length; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("name", metrics[i].Name);
            writer.WriteNumber("kind", (int)metrics[i].Kind);
            if (_settings.Mode == JudgeMode.KayentaCompatible)
            {
                _series[i].WriteState(writer);
            }
            else
            {
                _trackers[i].WriteState(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Restores state written by <see cref="WriteState"/> from a judge with the same options (same mode, same metrics in
    /// the same order), replacing this judge's state.
    /// </summary>
    /// <param name="state">The JSON object written by <see cref="WriteState"/>.</param>
    /// <exception cref="ArgumentException">The state is not a judge state, has another version, or another mode or metrics than this judge.</exception>
    public void ReadState(JsonElement state)
    {
        if (state.ValueKind != JsonValueKind.Object
            || !state.TryGetProperty("version", out var version) || version.GetInt32() != StateVersion)
        {
            throw new ArgumentException($"Not a judge state of version {StateVersion}.", nameof(state));
        }

        var mode = _settings.Mode == JudgeMode.KayentaCompatible ? "kayenta" : "sequential";
        if (state.GetProperty("mode").GetString() != mode)
        {
            throw new ArgumentException($"The state was written by a judge in another mode than '{mode}'.", nameof(state));
        }

        var metrics = state.GetProperty("metrics");
        if (metrics.GetArrayLength() != _settings.Metrics.Length)
        {
            throw new ArgumentException($"The state has {metrics.GetArrayLength()} metrics; this judge has {_settings.Metrics.Length}.", nameof(state));
        }

        var i = 0;
        foreach (var metric in metrics.EnumerateArray())
        {
            var expected = _settings.Metrics[i];
            if (metric.GetProperty("name").GetString() != expected.Name || metric.GetProperty("kind").GetInt32() != (int)expected.Kind)
            {
                throw new ArgumentException($"Metric #{i} of the state is not '{expected.Name}' of kind {expected.Kind}.", nameof(state));
            }

            i++;
        }

        i = 0;
        foreach (var metric in metrics.EnumerateArray())
        {
            if (_settings.Mode == JudgeMode.KayentaCompatible)
            {
                _series[i].ReadState(metric);
            }
            else
            {
                _trackers[i].ReadState(metric);
            }

            i++;
        }

        _health.ReadState(state.GetProperty("health"));
        _looks = state.GetProperty("looks").GetInt64();
        _looksSinceAnalysis = state.GetProperty("looksSinceAnalysis").GetInt64();
        _lastNow = state.GetProperty("lastNow").GetDateTimeOffset();
    }

    /// <summary>Restores state from the JSON text written by <see cref="WriteState"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The text is not a matching judge state.</exception>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public void ReadState(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        ReadState(document.RootElement);
    }
}
