using System;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Observations;

public class ArmObservationsTests
{
    [Fact]
    public void GetSummary_RecordedObservations_AreSummarised()
    {
        var arm = new ArmObservations();
        arm.RecordExposure();
        arm.RecordExposures(9);
        arm.RecordEvent("errors");
        arm.RecordEvents("errors", 2);
        arm.RecordValue("latency", 0.1);
        arm.RecordValue("latency", 0.3);

        var summary = arm.GetSummary();
        Assert.Equal(10, summary.Exposures);
        Assert.Equal(3, summary.GetCount("errors"));
        Assert.Equal(0, summary.GetCount("crashes"));
        Assert.Equal(2, summary.GetValues("latency").Count);
        Assert.Equal(0.2, summary.GetValues("latency").Mean, 15);
        Assert.Same(ValueSummary.Empty, summary.GetValues("size"));
    }

    [Fact]
    public void GetCounter_SameName_ReturnsSameInstance()
    {
        var arm = new ArmObservations();
        Assert.Same(arm.GetCounter("errors"), arm.GetCounter("errors"));
        Assert.Same(arm.GetValueRecorder("latency"), arm.GetValueRecorder("latency"));
        Assert.NotSame(arm.GetCounter("errors"), arm.GetCounter("Errors"));
    }

    [Fact]
    public void Record_ManyThreads_TotalsExact()
    {
        const int Threads = 8;
        const int PerThread = 20_000;
        var arm = new ArmObservations();
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                arm.RecordExposure();
                if (i % 10 == 0)
                {
                    arm.RecordEvent("errors");
                }

                arm.RecordValue("latency", 0.01 * (1 + (i % 5)));
            }
        });

        var summary = arm.GetSummary();
        Assert.Equal(Threads * PerThread, summary.Exposures);
        Assert.Equal(Threads * PerThread / 10, summary.GetCount("errors"));
        Assert.Equal(Threads * PerThread, summary.GetValues("latency").Count);
        Samples.AssertRelative(0.03, summary.GetValues("latency").Mean, 1e-12);
    }

    [Fact]
    public void Record_RegisteredMetrics_AllocatesNothing()
    {
        var arm = new ArmObservations();
        arm.RecordExposure();
        arm.RecordEvent("errors");
        arm.RecordValue("latency", 0.02);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            arm.RecordExposure();
            arm.RecordEvent("errors");
            arm.RecordValue("latency", 0.02 + (i * 1e-8));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void RecordEvent_EmptyName_Throws() => Assert.Throws<ArgumentException>(() => new ArmObservations().RecordEvent(""));

    [Fact]
    public void Merge_TwoArms_AddsCountsAndMergesValues()
    {
        var a = new ArmSummary(10, [new("errors", 2L)], [new("latency", ValueSummary.FromValues([1.0, 2.0]))]);
        var b = new ArmSummary(5, [new("errors", 1L), new("crashes", 4L)], [new("latency", ValueSummary.FromValues([3.0]))]);
        var merged = ArmSummary.Merge(a, b);
        Assert.Equal(15, merged.Exposures);
        Assert.Equal(3, merged.GetCount("errors"));
        Assert.Equal(4, merged.GetCount("crashes"));
        Assert.Equal(3, merged.GetValues("latency").Count);
        Assert.Equal(2.0, merged.GetValues("latency").Mean, 15);
    }

    [Fact]
    public void Constructor_NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArmSummary(1, [new("errors", -1L)]));

    [Fact]
    public void Constructor_RepeatedMetric_Throws() =>
        Assert.Throws<ArgumentException>(() => new ArmSummary(1, [new("errors", 1L), new("errors", 2L)]));

    [Fact]
    public void Add_PersistedSummaryThenMoreRecording_EqualsRecordingEverythingInOneProcess()
    {
        var first = Samples.LogNormal(31, 3_000, 0, 1);
        var second = Samples.LogNormal(32, 2_000, 0.2, 1);
        var before = new ArmObservations();
        var everything = new ArmObservations();
        foreach (var value in first)
        {
            before.RecordExposure();
            before.RecordValue("latency", value);
            everything.RecordExposure();
            everything.RecordValue("latency", value);
        }

        before.RecordEvents("errors", 7);
        everything.RecordEvents("errors", 7);

        // A restart: the summary goes through JSON and a fresh arm resumes from it.
        var resumed = new ArmObservations();
        resumed.Add(ObservationJson.DeserializeArmSummary(ObservationJson.Serialize(before.GetSummary())));
        foreach (var value in second)
        {
            resumed.RecordExposure();
            resumed.RecordValue("latency", value);
            everything.RecordExposure();
            everything.RecordValue("latency", value);
        }

        var expected = everything.GetSummary();
        var actual = resumed.GetSummary();
        Assert.Equal(expected.Exposures, actual.Exposures);
        Assert.Equal(7, actual.GetCount("errors"));
        var all = new double[first.Length + second.Length];
        first.CopyTo(all, 0);
        second.CopyTo(all, first.Length);
        var (mean, m2) = Samples.TwoPass(all);
        Samples.AssertRelative(mean, actual.GetValues("latency").Mean, 1e-12);
        Samples.AssertRelative(m2, actual.GetValues("latency").M2, 1e-12);
        Assert.Equal(expected.GetValues("latency").Min, actual.GetValues("latency").Min);
        Assert.Equal(expected.GetValues("latency").Max, actual.GetValues("latency").Max);
        Assert.Equal(expected.GetValues("latency").Histogram!.GetBuckets(), actual.GetValues("latency").Histogram!.GetBuckets());
    }

    [Fact]
    public void Add_ValueSummaryWithoutHistogram_Throws() =>
        Assert.Throws<ArgumentException>(() => new ArmObservations().Add(new ArmSummary(0, null, [new("latency", new ValueSummary(2, 1, 0.5, 0.5, 1.5))])));
}
