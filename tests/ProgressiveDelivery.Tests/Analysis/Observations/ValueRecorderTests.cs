using System;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Observations;

public class ValueRecorderTests
{
    [Fact]
    public void GetSummary_SeededValues_MatchesTwoPass()
    {
        var values = Samples.LogNormal(5, 10_000, Math.Log(0.2), 1);
        var recorder = new ValueRecorder();
        foreach (var value in values)
        {
            recorder.Record(value);
        }

        var summary = recorder.GetSummary();
        var (mean, m2) = Samples.TwoPass(values);
        Assert.Equal(values.Length, summary.Count);
        Samples.AssertRelative(mean, summary.Mean, 1e-12);
        Samples.AssertRelative(m2, summary.M2, 1e-12);
        Assert.Equal(values.Length, summary.Histogram!.Count);
        Assert.True(summary.Histogram.IsReadOnly);
    }

    [Fact]
    public void Record_ManyThreads_TotalsExactAndMomentsMatchTwoPass()
    {
        const int Threads = 8;
        const int PerThread = 25_000;
        var recorder = new ValueRecorder();
        var all = new double[Threads * PerThread];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var values = Samples.LogNormal(1000 + thread, PerThread, 0, 1);
            values.CopyTo(all, thread * PerThread);
            foreach (var value in values)
            {
                recorder.Record(value);
            }
        });

        var summary = recorder.GetSummary();
        var (mean, m2) = Samples.TwoPass(all);
        Assert.Equal(all.Length, summary.Count);
        Assert.Equal(all.Length, summary.Histogram!.Count);
        Samples.AssertRelative(mean, summary.Mean, 1e-12);
        Samples.AssertRelative(m2, summary.M2, 1e-12);
        Array.Sort(all);
        Assert.Equal(all[0], summary.Min);
        Assert.Equal(all[^1], summary.Max);
    }

    [Fact]
    public async Task GetSummary_WhileRecording_IsConsistent()
    {
        var recorder = new ValueRecorder();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                recorder.Record(1 + (i % 7));
            }
        });

        while (!writer.IsCompleted)
        {
            var summary = recorder.GetSummary();
            Assert.Equal(summary.Count, summary.Histogram!.Count);
        }

        await writer;
        Assert.Equal(50_000, recorder.GetSummary().Count);
    }

    [Fact]
    public void Record_AfterWarmUp_AllocatesNothing()
    {
        var recorder = new ValueRecorder();
        recorder.Record(0.05);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            recorder.Record(0.05 + (i * 1e-7));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1.0000001e100)]
    public void Record_NotFiniteOrTooLarge_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueRecorder().Record(value));

    [Fact]
    public void GetSummary_Nothing_IsEmpty()
    {
        var summary = new ValueRecorder().GetSummary();
        Assert.Equal(0, summary.Count);
        Assert.True(double.IsNaN(summary.Max));
    }
}
