using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ProgressiveDelivery.PostgreSql.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>
/// Fleet mode with real processes when things stop: a leader frozen (SIGSTOP) past its lease, and the database stopped
/// for 30 s under load. Measurements go to the test output (benchmarks/results/fleet-processes.md).
/// </summary>
public sealed class FleetProcessFailureTests(PostgresServer server, ITestOutputHelper output) : FleetProcessTestBase(server, output)
{
    [PostgresFact]
    public async Task LeaderFrozenPastItsLease_IsReplaced_StepsDownWithoutStoringAnything_AndFollows()
    {
        // One long step: the weight does not move while the leader is frozen, so when it thaws it has a decision to
        // write at once (a look) instead of waiting for the replicas to apply a new weight.
        double[] weights = [10];
        var replicas = await StartReplicasAsync(3, weights, TimeSpan.FromSeconds(60));
        var sampler = StartSampler(replicas);
        await WaitForEveryAsync(replicas, rollout => rollout.GetProperty("status").GetString() == "progressing", TimeSpan.FromSeconds(10), "progressing everywhere");
        var load = StartLoad(replicas);
        var leader = await WaitForLeaderAsync(replicas, sampler, TimeSpan.FromSeconds(10));
        var others = replicas.Where(replica => replica != leader).ToList();
        var before = await sampler.ReadLeaseAsync();

        load.Exclude(leader);
        sampler.Exclude(leader);
        var frozen = Stopwatch.GetTimestamp();
        await leader.SignalAsync("STOP");
        var successor = await WaitForLeaderAsync(others, sampler, Lease * 3);
        var takeover = Stopwatch.GetElapsedTime(frozen);
        var after = await sampler.ReadLeaseAsync();
        Assert.True(after!.Epoch > before!.Epoch && after.Holder == successor.ReplicaId, $"epoch {before.Epoch} -> {after.Epoch} held by {after.Holder}");

        // The successor decides: the stored version moves on under the new epoch.
        var versionAtTakeover = await StoredVersionAsync();
        await WaitUntilAsync(async () => await StoredVersionAsync() > versionAtTakeover + 2, TimeSpan.FromSeconds(5), "the successor writes");
        var versionAtThaw = await StoredVersionAsync();
        var thawed = Stopwatch.GetTimestamp();
        await leader.SignalAsync("CONT");

        // It steps down (holds no lease) and follows: it applies versions the successor wrote after it thawed.
        var stepDown = await WaitUntilAsync(async () => !await leader.ClaimsLeaseAsync(), TimeSpan.FromSeconds(5), "the thawed leader steps down");
        await WaitUntilAsync(async () => (await leader.GetRolloutAsync()).GetProperty("version").GetInt64() > versionAtThaw + 2, TimeSpan.FromSeconds(5), "the thawed leader follows");
        var lease = await sampler.ReadLeaseAsync();
        Assert.Equal(after.Epoch, lease!.Epoch);
        Assert.Equal(successor.ReplicaId, lease.Holder);
        Assert.True(await successor.ClaimsLeaseAsync());

        // It learned it was deposed: its write after thawing was refused (the fence: the lease row names another holder
        // and epoch; or its own check once its renewal failed), or its renewal found the lease taken first and it logged
        // the loss before any write. Either way nothing of its old epoch was stored (the audit check below).
        var rejected = leader.Output.Split('\n').Where(line => line.Contains("lost the lease", StringComparison.Ordinal) || line.Contains("does not hold the lease", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rejected);
        await load.StopAsync();
        Assert.Empty(load.Failures);
        AssertAliveWithoutUnhandledExceptions(replicas);
        Assert.Equal(FleetChecks.Planned(weights).Take(1), await AssertAuditAsync(weights));
        Output.WriteLine(
            $"froze {leader.Name} (epoch {before.Epoch}); {successor.Name} took over after {FleetChecks.Milliseconds(takeover)} (epoch {after.Epoch}, lease {Lease.TotalSeconds} s); " +
            $"thawed after {FleetChecks.Milliseconds(Stopwatch.GetElapsedTime(frozen, thawed))}, stepped down {FleetChecks.Milliseconds(stepDown)} later; rejected: {rejected[0]}");
    }

    [PostgresFact]
    public async Task DatabaseDownFor30sUnderLoad_EveryRequestServed_NothingEscapes_RolloutResumes()
    {
        double[] weights = [10, 20, 30, 40, 50, 60, 70, 80];
        var replicas = await StartReplicasAsync(3, weights, TimeSpan.FromSeconds(2));
        var sampler = StartSampler(replicas);
        await WaitForEveryAsync(replicas, rollout => rollout.GetProperty("status").GetString() == "progressing", TimeSpan.FromSeconds(10), "progressing everywhere");
        var load = StartLoad(replicas);
        await WaitForEveryAsync(replicas, rollout => WeightOf(rollout) >= 2_000, TimeSpan.FromSeconds(15), "20% everywhere");

        var stopping = Stopwatch.GetTimestamp();
        await Server.StopAsync();
        var down = Stopwatch.GetTimestamp();
        var weightsDown = (await Task.WhenAll(replicas.Select(replica => replica.GetRolloutAsync()))).Select(WeightOf).ToList();
        var answersBefore = load.Answers.Count;
        while (Stopwatch.GetElapsedTime(down) < TimeSpan.FromSeconds(30))
        {
            AssertAliveWithoutUnhandledExceptions(replicas);
            await Task.Delay(TimeSpan.FromSeconds(1)); // the outage itself: 30 s of load on replicas without their database
        }

        // Stale but stable: every replica kept serving the weight it had applied.
        var weightsAtRestart = (await Task.WhenAll(replicas.Select(replica => replica.GetRolloutAsync()))).Select(WeightOf).ToList();
        Assert.Equal(weightsDown, weightsAtRestart);
        var servedWhileDown = load.Answers.Count - answersBefore;
        await Server.StartAsync();
        var restarted = Stopwatch.GetTimestamp();
        var restartedAt = DateTimeOffset.UtcNow;

        // It resumes: the next weight reaches every replica, and every replica syncs again (its loops retried past the
        // connections the restart cut).
        var resumed = await WaitUntilAsync(async () => (await Task.WhenAll(replicas.Select(replica => replica.GetRolloutAsync()))).All(rollout => WeightOf(rollout) > weightsAtRestart.Max()), TimeSpan.FromSeconds(20), "a new weight everywhere");
        var synced = await WaitUntilAsync(async () => (await Task.WhenAll(replicas.Select(replica => replica.GetJsonAsync("/progressive-delivery/fleet")))).All(fleet => fleet.GetProperty("lastSyncedAt").GetDateTimeOffset() > restartedAt), TimeSpan.FromSeconds(10), "every replica synced since the restart");
        await load.StopAsync();

        Assert.Empty(load.Failures);
        Assert.True(servedWhileDown > 1_000, $"only {servedWhileDown} requests during the outage");
        AssertAliveWithoutUnhandledExceptions(replicas);
        var retries = replicas.Select(replica => replica.Output.Split('\n').Count(line => line.Contains("failed; retrying", StringComparison.Ordinal))).ToList();
        Assert.All(retries, count => Assert.True(count > 0, "the fleet loops met the outage"));
        var entered = await AssertAuditAsync(weights);
        Output.WriteLine(
            $"server down {FleetChecks.Milliseconds(Stopwatch.GetElapsedTime(stopping, restarted))} (stop took {FleetChecks.Milliseconds(Stopwatch.GetElapsedTime(stopping, down))}); " +
            $"{servedWhileDown} requests served during it, {load.Answers.Count} in all, 0 failed; weight held at {string.Join("/", weightsAtRestart)} bp; " +
            $"next weight on every replica {FleetChecks.Milliseconds(resumed)} after the restart, every replica synced {FleetChecks.Milliseconds(synced)} after that; " +
            $"loop retries logged per replica {string.Join(", ", retries)}; weights entered {string.Join(", ", entered)}");
    }

    private async Task<long> StoredVersionAsync() =>
        (long)(await ScalarAsync($"SELECT version FROM \"{Schema}\".rollout_state WHERE rollout_id = '{FleetProcess.RolloutId}'"))!;
}
