using System;
using System.Linq;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

public sealed class JudgeOptionsTests
{
    [Fact]
    public void Validate_OneDefaultMetric_HasNoErrors()
    {
        var options = new JudgeOptions();
        options.Metrics.Add(new MetricOptions { Name = "errors" });

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_NoMetric_ReportsMetrics()
    {
        var errors = new JudgeOptions().Validate();

        var error = Assert.Single(errors);
        Assert.Null(error.Metric);
        Assert.Equal("Metrics", error.Field);
    }

    [Fact]
    public void Validate_ManyProblems_ListsEveryProblemWithMetricAndField()
    {
        var options = new JudgeOptions { Alpha = 1.5, NoDataLimit = TimeSpan.Zero, SrmAlpha = 0 };
        options.Kayenta.PassThreshold = 120;
        options.Kayenta.MarginalThreshold = 130;
        options.Metrics.Add(new MetricOptions { Name = "errors", Tolerance = 0, MinimumSample = 0, Alpha = 2 });
        options.Metrics.Add(new MetricOptions { Name = "latency", Kind = MetricKind.Quantile, Quantile = 1.5, Transform = MetricTransform.Log });
        options.Metrics.Add(new MetricOptions { Name = "cpu", Critical = true, SignalOnly = true, Weight = -1 });
        options.Metrics.Add(new MetricOptions { Name = "errors", Muted = true, Critical = true });
        options.Metrics.Add(new MetricOptions { Name = " " });

        var errors = options.Validate();
        var found = errors.Select(e => $"{e.Metric}.{e.Field}").ToHashSet();

        string[] expected =
        [
            ".Alpha", ".NoDataLimit", ".SrmAlpha", ".Kayenta.PassThreshold", ".Kayenta.MarginalThreshold",
            "errors.Tolerance", "errors.MinimumSample", "errors.Alpha",
            "latency.Quantile", "latency.Transform",
            "cpu.SignalOnly", "cpu.Weight",
            "errors.Name", "errors.Muted",
            "#4.Name",
        ];
        foreach (var item in expected)
        {
            Assert.Contains(item, found);
        }

        Assert.Equal(expected.Length, errors.Count);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Validate_EveryMetricMuted_ReportsThatOneMustDecide()
    {
        var options = new JudgeOptions();
        options.Metrics.Add(new MetricOptions { Name = "errors", Muted = true });

        var error = Assert.Single(options.Validate());
        Assert.Equal("Metrics", error.Field);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithEveryProblemInTheMessage()
    {
        var options = new JudgeOptions { Alpha = 0 };
        options.Metrics.Add(new MetricOptions { Name = "errors", Tolerance = -1 });

        var exception = Assert.Throws<JudgeOptionsException>(() => new CanaryJudge(options));

        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("Alpha", exception.Message, StringComparison.Ordinal);
        Assert.Contains("metric 'errors'.Tolerance", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullOptions_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new CanaryJudge(null!));
    }

    [Fact]
    public void ToRecordedValue_LogTransform_ReturnsNaturalLogarithmAndRejectsNonPositive()
    {
        var metric = new MetricOptions { Name = "latency", Kind = MetricKind.Mean, Transform = MetricTransform.Log };

        Assert.Equal(Math.Log(0.25), metric.ToRecordedValue(0.25));
        Assert.Throws<ArgumentOutOfRangeException>(() => metric.ToRecordedValue(0));
        Assert.Equal(-3.0, new MetricOptions().ToRecordedValue(-3.0));
    }
}
