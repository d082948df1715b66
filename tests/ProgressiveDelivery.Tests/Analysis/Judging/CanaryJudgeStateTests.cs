using System;
using System.IO;
using System.Text;
using System.Text.Json;
using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging;

public sealed class CanaryJudgeStateTests
{
    private static JudgeOptions Options(JudgeMode mode)
    {
        var options = new JudgeOptions { Mode = mode, UnitOfAnalysis = UnitOfAnalysis.Request };
        options.Metrics.Add(new MetricOptions { Name = "errors", Tolerance = 0.5 });
        options.Metrics.Add(new MetricOptions { Name = "latency", Kind = MetricKind.Mean, Transform = MetricTransform.Log, Tolerance = 0.05 });
        options.Kayenta.PointsPerAnalysis = 10;
        return options;
    }

    private static string Save(CanaryJudge judge)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            judge.WriteState(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [InlineData(JudgeMode.Sequential)]
    [InlineData(JudgeMode.KayentaCompatible)]
    public void ReadState_AfterRestart_ResumesWithIdenticalVerdicts(JudgeMode mode)
    {
        var random = new Random(7);
        var script = new JudgeScript();
        var original = new CanaryJudge(Options(mode));
        CanaryJudge? restored = null;
        for (var look = 1; look <= 120; look++)
        {
            // A canary slightly worse on errors, with noisy per-look counts and latency means.
            script.Exposures(900 + random.Next(50), 100 + random.Next(10))
                .Events("errors", random.Next(3, 7), random.Next(0, 3))
                .Values("latency", 100, -3 + (0.1 * random.NextDouble()), -2.95 + (0.1 * random.NextDouble()));
            var input = script.Next();
            var expected = original.Judge(input);
            if (restored is not null)
            {
                var actual = restored.Judge(input);
                AssertSame(expected, actual);
            }

            if (look == 45)
            {
                var state = Save(original);
                restored = new CanaryJudge(Options(mode));
                restored.ReadState(state);
                Assert.Equal(state, Save(restored));
                Assert.Equal(45, restored.Looks);
            }
        }
    }

    [Fact]
    public void ReadState_OtherMetrics_Throws()
    {
        var judge = new CanaryJudge(Options(JudgeMode.Sequential));
        judge.Judge(new JudgeScript().Exposures(900, 100).Next());
        var state = Save(judge);
        var other = new JudgeOptions { UnitOfAnalysis = UnitOfAnalysis.Request };
        other.Metrics.Add(new MetricOptions { Name = "crashes" });
        other.Metrics.Add(new MetricOptions { Name = "latency", Kind = MetricKind.Mean });

        Assert.Throws<ArgumentException>(() => new CanaryJudge(other).ReadState(state));
        Assert.Throws<ArgumentException>(() => new CanaryJudge(Options(JudgeMode.KayentaCompatible)).ReadState(state));
        Assert.Throws<ArgumentException>(() => judge.ReadState("{\"version\": 99}"));
    }

    private static void AssertSame(JudgeVerdict expected, JudgeVerdict actual)
    {
        Assert.Equal(expected.Decision, actual.Decision);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Look, actual.Look);
        Assert.Equal(expected.Elapsed, actual.Elapsed);
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(expected.Health.SrmSequentialPValue, actual.Health.SrmSequentialPValue);
        Assert.Equal(expected.Health.TimeWithoutCanaryData, actual.Health.TimeWithoutCanaryData);
        for (var i = 0; i < expected.Metrics.Count; i++)
        {
            var e = expected.Metrics[i];
            var a = actual.Metrics[i];
            Assert.Equal(e.Result, a.Result);
            Assert.Equal(e.Rule, a.Rule);
            Assert.Equal(e.PValue, a.PValue);
            Assert.Equal(e.Statistic, a.Statistic);
            Assert.Equal(e.LowerBound, a.LowerBound);
            Assert.Equal(e.UpperBound, a.UpperBound);
            Assert.Equal(e.CanaryCount, a.CanaryCount);
        }
    }
}
