using System;
using System.Collections.Frozen;
using ProgressiveDelivery.Bucketing;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// FM's <c>Microsoft.Targeting</c> filter with its audience, as FM 4.7.0 evaluates it (its default, case-sensitive
/// <c>TargetingEvaluationOptions</c>): an excluded user or a member of an excluded group fails; then a listed user
/// passes; then each of the context's groups that has a rollout (the first rollout listed under that name) passes when
/// the user's percentage of <c>"{userId}\n{feature}\n{group}"</c> is inside it; then the default rollout percentage
/// of <c>"{userId}\n{feature}"</c> decides. Ids and group names compare ordinally; a missing user id hashes as empty.
/// </summary>
internal sealed class FeatureManagementTargetingFilter(
    string featureName,
    FrozenSet<string> users,
    FrozenDictionary<string, double> groupRollouts,
    double defaultRolloutPercentage,
    FrozenSet<string> excludedUsers,
    FrozenSet<string> excludedGroups) : FeatureManagementFilter
{
    public override bool Evaluate(string? userId, ReadOnlySpan<string> groups)
    {
        if (userId is not null && excludedUsers.Contains(userId))
        {
            return false;
        }

        foreach (var group in groups)
        {
            if (group is not null && excludedGroups.Contains(group))
            {
                return false;
            }
        }

        if (userId is not null && users.Contains(userId))
        {
            return true;
        }

        foreach (var group in groups)
        {
            if (group is not null && groupRollouts.TryGetValue(group, out var percentage)
                && FeatureManagementBucketer.IsInGroupPercentage(userId, featureName, group, percentage))
            {
                return true;
            }
        }

        return FeatureManagementBucketer.IsInPercentage(userId, featureName, defaultRolloutPercentage);
    }
}
