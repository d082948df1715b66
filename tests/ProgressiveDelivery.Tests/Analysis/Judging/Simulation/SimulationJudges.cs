using System;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>The judge configurations the simulation report and the fast simulation tests use (all defaults unless stated).</summary>
internal static class SimulationJudges
{
    /// <summary>Errors as a count rate (higher is worse), promotable within a rate ratio of 1.5.</summary>
    public static JudgeOptions Errors(JudgeMode mode)
    {
        var options = new JudgeOptions { Mode = mode };
        options.Metrics.Add(new MetricOptions { Name = "errors", Kind = MetricKind.CountRate, Tolerance = 0.5 });
        return options;
    }

    /// <summary>Latency as the mean of ln(latency) (higher is worse), promotable within a 5% ratio of geometric means.</summary>
    public static JudgeOptions Latency(JudgeMode mode)
    {
        var options = new JudgeOptions { Mode = mode };
        options.Metrics.Add(new MetricOptions { Name = "latency", Kind = MetricKind.Mean, Transform = MetricTransform.Log, Tolerance = 0.05 });
        return options;
    }

    /// <summary>The sequential and the Kayenta-compatible judge of a metric family, in that order.</summary>
    public static Func<JudgeOptions>[] Both(Func<JudgeMode, JudgeOptions> factory) =>
    [
        () => factory(JudgeMode.Sequential),
        () => factory(JudgeMode.KayentaCompatible),
    ];
}
