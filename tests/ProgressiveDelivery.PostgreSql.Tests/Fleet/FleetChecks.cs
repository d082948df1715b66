using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>What the multi-process tests measure from the samples, the load's answers and the audit chain.</summary>
internal static partial class FleetChecks
{
    /// <summary>The replicas claiming the lease in the rounds where the epoch did not change, by epoch, with the epoch's holder.</summary>
    public static SortedDictionary<long, (string Holder, HashSet<string> Claimants)> ClaimsByEpoch(IEnumerable<SampleRound> rounds)
    {
        var byEpoch = new SortedDictionary<long, (string Holder, HashSet<string> Claimants)>();
        foreach (var round in rounds)
        {
            if (round.StableLease is not { } lease)
            {
                continue;
            }

            if (!byEpoch.TryGetValue(lease.Epoch, out var entry))
            {
                entry = (lease.Holder, new HashSet<string>(StringComparer.Ordinal));
                byEpoch[lease.Epoch] = entry;
            }

            foreach (var sample in round.Samples.Where(sample => sample.ClaimsLease))
            {
                entry.Claimants.Add(sample.Replica.ReplicaId);
            }
        }

        return byEpoch;
    }

    /// <summary>
    /// For each weight the rollout moved to: how long from the first replica serving it to the last, as an upper bound
    /// (the last replica's first sample showing it answered, minus the earliest "not yet" sample sent by any replica)
    /// and as observed (first answers showing it, last minus first). Only replicas sampled throughout count.
    /// </summary>
    public static List<PropagationLag> PropagationLags(IReadOnlyCollection<SampleRound> rounds, IReadOnlyList<FleetProcess> replicas)
    {
        var samples = rounds.SelectMany(round => round.Samples).ToList();
        var weights = samples.Select(sample => sample.WeightBasisPoints).Where(weight => weight > 0).Distinct().Order().ToList();
        var lags = new List<PropagationLag>();
        foreach (var weight in weights)
        {
            long? firstBefore = null, lastSeen = null, firstSeen = null;
            var complete = true;
            foreach (var replica in replicas)
            {
                var own = samples.Where(sample => sample.Replica == replica).OrderBy(sample => sample.SentAt).ToList();
                var seenIndex = own.FindIndex(sample => sample.WeightBasisPoints >= weight);
                if (seenIndex <= 0)
                {
                    complete = false; // never seen below it (or never seen at it): nothing to time
                    break;
                }

                var seen = own[seenIndex].ReceivedAt;
                var before = own[seenIndex - 1].SentAt;
                firstBefore = firstBefore is null ? before : Math.Min(firstBefore.Value, before);
                lastSeen = lastSeen is null ? seen : Math.Max(lastSeen.Value, seen);
                firstSeen = firstSeen is null ? seen : Math.Min(firstSeen.Value, seen);
            }

            if (complete)
            {
                lags.Add(new PropagationLag(weight, Stopwatch.GetElapsedTime(firstBefore!.Value, lastSeen!.Value), Stopwatch.GetElapsedTime(firstSeen!.Value, lastSeen.Value)));
            }
        }

        return lags;
    }

    /// <summary>The (weight, user) pairs served more than one variant, and how many pairs were served by two replicas or more.</summary>
    public static (List<string> Flapping, int SeenOnSeveralReplicas) Stickiness(IEnumerable<CheckoutAnswer> answers)
    {
        var flapping = new List<string>();
        var several = 0;
        foreach (var group in answers.Where(answer => answer.WeightBasisPoints is not null).GroupBy(answer => (answer.WeightBasisPoints, answer.User)))
        {
            var variants = group.Select(answer => answer.Variant).Distinct().ToList();
            if (variants.Count > 1)
            {
                flapping.Add($"{group.Key.User} at {group.Key.WeightBasisPoints} bp: {string.Join(", ", group.Select(answer => $"{answer.Variant} from {answer.Replica.Name}"))}");
            }

            several += group.Select(answer => answer.Replica).Distinct().Count() > 1 ? 1 : 0;
        }

        return (flapping, several);
    }

    /// <summary>The weights (percent) the audited transitions moved the rollout to, in order.</summary>
    public static List<double> WeightsEntered(IEnumerable<AuditEntry> chain)
    {
        var entered = new List<double>();
        foreach (var entry in chain.Where(entry => entry.Action == AuditActions.Transition))
        {
            var before = WeightOf(entry.Before);
            var after = WeightOf(entry.After);
            if (after is { } weight && weight != before)
            {
                entered.Add(weight);
            }
        }

        return entered;
    }

    /// <summary>The plan's weights in order: each of <paramref name="weights"/>, then 100.</summary>
    public static List<double> Planned(IEnumerable<double> weights) => [.. weights, 100];

    public static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The p-th percentile (nearest rank) of the times.</summary>
    public static TimeSpan Percentile(IEnumerable<TimeSpan> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double? WeightOf(string? state) =>
        state is not null && WeightPattern().Match(state) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"at ([0-9.]+)%")]
    private static partial Regex WeightPattern();
}

/// <summary>How long one weight took to reach every replica: an upper bound, and as observed by the samples.</summary>
internal sealed record PropagationLag(int WeightBasisPoints, TimeSpan UpperBound, TimeSpan Observed);
