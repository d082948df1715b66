using System;
using System.Linq;
using System.Threading.Tasks;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.PostgreSql.Internal;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

using ProgressiveDelivery.Rollouts.Fleet;

namespace ProgressiveDelivery.PostgreSql.Tests.Internal;

public sealed class ObservationTableTests(PostgresServer server) : PostgresTestBase(server)
{
    private ObservationTable Observations => new(Database);

    /// <summary>A replica's cumulative row: <paramref name="exposures"/> per arm, with a unit per exposure.</summary>
    private static ReplicaObservations Row(string replica, long sequence, long exposures, int step = 0, int attempt = 1)
    {
        var baseline = new ArmObservations(new UnitSet());
        var canary = new ArmObservations(new UnitSet());
        for (var i = 0; i < exposures; i++)
        {
            baseline.RecordExposure(UnitKey.FromId($"{replica}-b{i}"));
            canary.RecordExposure(UnitKey.FromId($"{replica}-c{i}"));
            canary.RecordEvent("errors");
        }

        return new ReplicaObservations("checkout", attempt, step, 500, replica, sequence, baseline.GetSummary(), canary.GetSummary(), baseline.UnitSet, canary.UnitSet);
    }

    private async Task<long> SumCanaryExposuresAsync() =>
        (await Observations.ReadAsync("checkout", 1)).Sum(o => o.Row.Canary.Exposures);

    [PostgresFact]
    public async Task UpsertAsync_DuplicateFlush_CountsOnce()
    {
        Assert.Equal(2, await Observations.UpsertAsync([Row("a", 1, 10), Row("b", 1, 5)]));

        Assert.Equal(0, await Observations.UpsertAsync([Row("a", 1, 10)]));

        Assert.Equal(15, await SumCanaryExposuresAsync());
    }

    [PostgresFact]
    public async Task UpsertAsync_ReorderedFlushes_KeepsTheNewest()
    {
        await Observations.UpsertAsync([Row("a", 3, 30)]);

        Assert.Equal(0, await Observations.UpsertAsync([Row("a", 2, 20), Row("a", 1, 10)]));
        Assert.Equal(1, await Observations.UpsertAsync([Row("a", 4, 40)]));

        var stored = Assert.Single(await Observations.ReadAsync("checkout", 1));
        Assert.Equal((4L, 40L), (stored.Row.Sequence, stored.Row.Canary.Exposures));
    }

    [PostgresFact]
    public async Task UpsertAsync_OneBatchWithRetryAndNewer_TakesTheNewerOnly()
    {
        Assert.Equal(2, await Observations.UpsertAsync([Row("a", 1, 10), Row("a", 2, 20), Row("a", 1, 10)]));

        Assert.Equal(20, await SumCanaryExposuresAsync());
    }

    [PostgresFact]
    public async Task ReadAsync_RowsPerStepAndReplica_RoundTripBitExactly()
    {
        var arm = new ArmObservations(new UnitSet());
        arm.RecordExposures(123_456_789_012);
        foreach (var value in new[] { -1e-300, 0.0, 1e-300, -123.456, Math.PI, 1e100 / 3, -double.Epsilon, 0.1 + 0.2 })
        {
            var unit = UnitKey.FromId(BitConverter.DoubleToInt64Bits(value).ToString(System.Globalization.CultureInfo.InvariantCulture));
            arm.RecordExposure(unit);
            arm.RecordValue("latency", value, unit);
        }

        var rich = new ReplicaObservations("checkout", 1, 2, 2_500, "z", 7, arm.GetSummary(), ArmSummary.Empty, arm.UnitSet, new UnitSet());
        await Observations.UpsertAsync([rich, Row("a", 1, 3, step: 2), Row("a", 1, 1, step: 0), Row("a", 1, 9, attempt: 2)]);

        var rows = await Observations.ReadAsync("checkout", 1);

        Assert.Equal(new[] { (0, "a"), (2, "a"), (2, "z") }, rows.Select(o => (o.Row.Step, o.Row.ReplicaId)));
        var read = rows[2].Row;
        Assert.Equal((7L, 2_500), (read.Sequence, read.WeightBasisPoints));
        Assert.Equal(ObservationJson.Serialize(rich.Baseline), ObservationJson.Serialize(read.Baseline));
        Assert.Equal(ObservationJson.Serialize(rich.Canary), ObservationJson.Serialize(read.Canary));
        Assert.Equal(rich.BaselineUnits.ToBytes(), read.BaselineUnits.ToBytes());
        Assert.Equal(rich.BaselineUnits.Count, read.BaselineUnits.Count);
        Assert.True(read.BaselineUnits.Contains(UnitKey.FromId(BitConverter.DoubleToInt64Bits(Math.PI).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(BitConverter.DoubleToInt64Bits(rich.Baseline.GetValues("latency").Mean), BitConverter.DoubleToInt64Bits(read.Baseline.GetValues("latency").Mean));
    }

    [PostgresFact]
    public async Task UpsertAsync_InvalidRow_ThrowsNamingTheRowAndWritesNothing()
    {
        var bad = Row(new string('b', 129), 1, 1); // the core type checks the rest; the table, what its column takes

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Observations.UpsertAsync([Row("a", 1, 1), bad]));

        Assert.Contains("replica id of observation row 1 (checkout/1/0)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Observations.ReadAsync("checkout", 1));
    }
}
