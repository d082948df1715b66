using System;
using System.Collections.Generic;
using System.Linq;
using ProgressiveDelivery.Analysis.Observations;

namespace ProgressiveDelivery.Tests.Analysis.Observations;

public class UnitCellsTests
{
    [Fact]
    public void UnitKey_FromId_IsTheBucketingHashUnderTheAnalysisSalt()
    {
        var key = UnitKey.FromId("user-42");

        Assert.Equal(ProgressiveDelivery.Bucketing.Bucketer.Hash("progressive-delivery/analysis", "user-42"), key.Hash);
        Assert.Equal((int)(key.Hash >> 25), key.Cell);
        Assert.InRange(key.Cell, 0, UnitKey.CellCount - 1);
    }

    [Fact]
    public void UnitKey_Cells_AreUniformAcrossUnitsAndIndependentOfAssignment()
    {
        // 128,000 ids: each cell should get about 1,000; and within the canary (bucket < 1,000 of 10,000) as well.
        var all = new int[UnitKey.CellCount];
        var canary = new int[UnitKey.CellCount];
        for (var i = 0; i < 128_000; i++)
        {
            var id = "u" + i;
            var cell = UnitKey.FromId(id).Cell;
            all[cell]++;
            if (ProgressiveDelivery.Bucketing.Bucketer.GetBucket("checkout", id) < 1_000)
            {
                canary[cell]++;
            }
        }

        // Chi-square with 127 degrees of freedom: the 0.999 quantile is 181.
        Assert.InRange(ChiSquare(all), 0, 181);
        Assert.InRange(ChiSquare(canary), 0, 181);
    }

    [Fact]
    public void ArmObservations_RecordsPerCellAndCountsEachUnitOnceAcrossSharedArms()
    {
        var units = new UnitSet();
        var baseline = new ArmObservations(units);
        var canary = new ArmObservations(units);
        var a = UnitKey.FromId("a");
        var b = UnitKey.FromId("b");

        baseline.RecordExposure(a);
        baseline.RecordExposure(a);
        canary.RecordExposure(a); // moved to the canary by a weight increase: not a new unit
        canary.RecordExposure(b);
        canary.RecordEvent("errors", b);
        canary.RecordValue("latency", 2.5, b);
        var summary = canary.GetSummary();

        Assert.Equal(1, baseline.Units);
        Assert.Equal(1, canary.Units);
        Assert.Equal(2, summary.Exposures);
        Assert.Equal(1, summary.ExposureCells!.Counts[a.Cell] - (a.Cell == b.Cell ? 1 : 0));
        Assert.Equal(1, summary.GetCountCells("errors")!.Counts[b.Cell]);
        Assert.Equal(2.5, summary.GetValues("latency").Cells!.Sums[b.Cell]);
        Assert.Equal(1, summary.GetValues("latency").Cells!.Counts[b.Cell]);
    }

    [Fact]
    public void Merge_OfTwoProcesses_EqualsTheSummaryOfAllTheirObservations()
    {
        var random = new Random(7);
        var one = new ArmObservations();
        var two = new ArmObservations();
        var all = new ArmObservations();
        for (var i = 0; i < 5_000; i++)
        {
            var unit = new UnitKey((uint)random.NextInt64(0, 1L << 32));
            var latency = Math.Round(random.NextDouble() * 100) / 4; // exact in binary: sums do not depend on order
            var failed = random.NextDouble() < 0.1;
            foreach (var arm in new[] { i % 2 == 0 ? one : two, all })
            {
                arm.RecordExposure(unit);
                arm.RecordValue("latency", latency, unit);
                if (failed)
                {
                    arm.RecordEvent("errors", unit);
                }
            }
        }

        var merged = ArmSummary.Merge(one.GetSummary(), two.GetSummary());
        var expected = all.GetSummary();

        Assert.Equal(expected.ExposureCells!.Counts.ToArray(), merged.ExposureCells!.Counts.ToArray());

        // Units: each process counts the slots it took; the union of their sets is what one process would have counted
        // (they differ by the slots both took, which is where a fleet merges sets rather than counts).
        Assert.Equal(one.UnitSet.Count + two.UnitSet.Count, merged.Units);
        var union = new UnitSet();
        union.UnionWith(one.UnitSet);
        union.UnionWith(two.UnitSet);
        Assert.Equal(expected.Units, union.Count);
        Assert.Equal(expected.GetCountCells("errors")!.Counts.ToArray(), merged.GetCountCells("errors")!.Counts.ToArray());
        Assert.Equal(expected.GetValues("latency").Cells!.Sums.ToArray(), merged.GetValues("latency").Cells!.Sums.ToArray());
        Assert.Equal(expected.GetValues("latency").Cells!.Counts.ToArray(), merged.GetValues("latency").Cells!.Counts.ToArray());
    }

    [Fact]
    public void ObservationJson_ArmSummaryWithCells_RoundTripsBitExactly()
    {
        var random = new Random(3);
        var arm = new ArmObservations();
        arm.GetValueRecorder("latency").KeepUnitQuantiles();
        for (var i = 0; i < 2_000; i++)
        {
            var unit = new UnitKey((uint)random.NextInt64(0, 1L << 32));
            arm.RecordExposure(unit);
            arm.RecordValue("latency", Math.Log(0.01 + random.NextDouble()), unit);
            if (random.NextDouble() < 0.05)
            {
                arm.RecordEvent("errors", unit);
            }
        }

        var summary = arm.GetSummary();
        var json = ObservationJson.Serialize(summary);
        var read = ObservationJson.DeserializeArmSummary(json);

        Assert.Equal(json, ObservationJson.Serialize(read));
        Assert.Equal(summary.Units, read.Units);
        Assert.Equal(summary.GetValues("latency").CellBins, read.GetValues("latency").CellBins);
        Assert.Equal(2_000, read.GetValues("latency").CellBins!.Sum());
        Assert.Equal(
            summary.GetValues("latency").Cells!.Sums.ToArray().Select(BitConverter.DoubleToInt64Bits),
            read.GetValues("latency").Cells!.Sums.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void ObservationJson_CellsThatDisagreeWithTheirTotals_AreRejectedNamingTheField()
    {
        var arm = new ArmObservations();
        arm.RecordExposure(UnitKey.FromId("a"));
        var json = ObservationJson.Serialize(arm.GetSummary()).Replace("{\"exposures\":1,", "{\"exposures\":2,", StringComparison.Ordinal);

        var exception = Assert.ThrowsAny<System.Text.Json.JsonException>(() => ObservationJson.DeserializeArmSummary(json));
        Assert.Contains("exposures", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnitCells_Create_RejectsWrongLengthsAndNegativeCounts()
    {
        Assert.Throws<ArgumentException>(() => UnitCells.Create(new long[3], default));
        var counts = new long[UnitKey.CellCount];
        counts[5] = -1;
        var error = Assert.Throws<ArgumentException>(() => UnitCells.Create(counts, default));
        Assert.Contains("cell 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnitSet_CollisionsDependOnTheSlotOnly_AndRoundTripThroughBytes()
    {
        var set = new UnitSet();
        Assert.True(set.TryAdd(new UnitKey(5u << 14)));
        Assert.False(set.TryAdd(new UnitKey((5u << 14) + 12_345))); // same top 18 bits: same slot
        Assert.True(set.TryAdd(new UnitKey(6u << 14)));
        var copy = UnitSet.FromBytes(set.ToBytes());
        var other = new UnitSet();
        other.TryAdd(new UnitKey(7u << 14));
        copy.UnionWith(other);

        Assert.Equal(2, set.Count);
        Assert.Equal(3, copy.Count);
        Assert.True(copy.Contains(new UnitKey(7u << 14)));
    }

    [Fact]
    public void UnitSet_CountPerCell_CountsTheSlotsOfEachCell_NotInTheOtherSet()
    {
        var set = new UnitSet();
        var except = new UnitSet();
        var slots = new HashSet<uint>();
        var exceptSlots = new HashSet<uint>();
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var key = new UnitKey((uint)random.NextInt64(0, 1L << 32));
            set.TryAdd(key);
            slots.Add(key.Hash >> 14); // a slot: the top 18 bits
            if (i % 3 == 0)
            {
                except.TryAdd(key);
                exceptSlots.Add(key.Hash >> 14);
            }
        }

        var expected = new long[UnitKey.CellCount];
        foreach (var slot in slots.Except(exceptSlots))
        {
            expected[slot >> 11]++; // a cell: the top 7 bits
        }

        var counts = new long[UnitKey.CellCount];
        set.CountPerCell(except, counts);
        Assert.Equal(expected, counts);
        Array.Clear(counts);
        set.CountPerCell(null, counts);
        Assert.Equal(set.Count, counts.Sum());
    }

    private static double ChiSquare(IReadOnlyList<int> counts)
    {
        var expected = counts.Sum() / (double)counts.Count;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
