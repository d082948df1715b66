using System;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Rollouts.Fleet;
using ProgressiveDelivery.Rollouts.Internal;

namespace ProgressiveDelivery.Tests.Rollouts.Internal;

/// <summary>
/// What the merge gives the sample-ratio test: the arms' new units in the proportion they were really assigned, even when
/// so many units share <see cref="UnitSet"/> slots that counting bits would favour the smaller arm.
/// </summary>
public class FleetMergeTests
{
    [Theory]
    [InlineData(50_000, 0.10)]
    [InlineData(50_000, 0.50)]
    [InlineData(150_000, 0.05)]
    [InlineData(5_000, 0.10)]
    public void Merge_UnitFeeds_KeepTheAssignedShare_WhenUnitsShareSlots(int units, double share)
    {
        var random = new Random(units + (int)(share * 100));
        var (aBaseline, aCanary, bBaseline, bCanary) = (new UnitSet(), new UnitSet(), new UnitSet(), new UnitSet());
        long canaryUnits = 0;
        for (var i = 0; i < units; i++)
        {
            var key = UnitKey.FromId("unit-" + i);
            var canary = random.NextDouble() < share; // the assignment, independent of the unit's analysis hash
            canaryUnits += canary ? 1 : 0;
            var replicas = random.Next(3); // seen by replica a, b, or both
            if (replicas != 1)
            {
                (canary ? aCanary : aBaseline).TryAdd(key);
            }

            if (replicas != 0)
            {
                (canary ? bCanary : bBaseline).TryAdd(key);
            }
        }

        var weight = (int)(share * 10_000);
        ReplicaObservations[] rows =
        [
            new("r", 1, 0, weight, "a", 1, new ArmSummary(0), new ArmSummary(0), aBaseline, aCanary),
            new("r", 1, 0, weight, "b", 1, new ArmSummary(0), new ArmSummary(0), bBaseline, bCanary),
        ];

        var feed = Assert.Single(FleetMerge.Merge(rows).Feeds);

        var fed = (double)feed.Canary / (feed.Canary + feed.Baseline);
        var assigned = (double)canaryUnits / units;
        Assert.Equal(share, feed.Share, 4);
        Assert.True(Math.Abs(fed - assigned) < 0.002, $"the test is given a canary share of {fed:P2}; {assigned:P2} of the units were assigned to it");
    }
}
