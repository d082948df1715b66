using System;
using System.Collections.Generic;
using System.Globalization;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Rollouts.Plans.Internal;

/// <summary>Checks a <see cref="RolloutSet"/> against itself and the flags, collecting every error with its path.</summary>
internal static class RolloutSetValidator
{
    public static IReadOnlyList<DefinitionError> Validate(RolloutSet set, FlagSnapshot flags)
    {
        var errors = new List<DefinitionError>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var flagOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < set.Rollouts.Count; i++)
        {
            var rollout = set.Rollouts[i];
            if (rollout is null)
            {
                errors.Add(new DefinitionError(RolloutPaths.RolloutAt(i), null, DefinitionErrorCodes.Missing, "The rollout is missing (null)."));
                continue;
            }

            var id = rollout.Id ?? string.Empty;
            var path = RolloutPaths.Rollout(id);
            if (!RolloutDocument.IsValidRolloutId(id))
            {
                Add(errors, path, id, DefinitionErrorCodes.InvalidKey, $"The rollout id '{id}' is not valid: 1 to 128 characters from [A-Za-z0-9._-], neither '.' nor '..'.");
            }

            if (!ids.Add(id))
            {
                Add(errors, path, id, DefinitionErrorCodes.DuplicateKey, $"The rollout id '{id}' is defined more than once.");
            }

            ValidateFlag(rollout, id, path, flags, flagOwners, errors);
            ValidatePlan(rollout.Plan, id, RolloutPaths.Field(path, "plan"), errors);
            ValidateJudge(rollout.Judge, id, RolloutPaths.Field(path, "analysis"), errors);
        }

        return errors.AsReadOnly();
    }

    private static void ValidateFlag(RolloutDefinition rollout, string id, string path, FlagSnapshot flags, Dictionary<string, string> owners, List<DefinitionError> errors)
    {
        var flagPath = RolloutPaths.Field(path, "flag");
        var flagKey = rollout.FlagKey ?? string.Empty;
        var variants = flags.GetVariantNames(flagKey);
        if (variants is null)
        {
            Add(errors, flagPath, id, DefinitionErrorCodes.UnknownFlag, $"The flag '{flagKey}' is not defined.");
        }
        else if (owners.TryGetValue(flagKey, out var owner))
        {
            Add(errors, flagPath, id, DefinitionErrorCodes.DuplicateKey, $"The flag '{flagKey}' is already driven by rollout '{owner}'; a flag has at most one rollout.");
        }
        else
        {
            owners[flagKey] = id;
        }

        CheckVariant(rollout.StableVariant, "stableVariant", flagKey, variants, id, path, errors);
        CheckVariant(rollout.CanaryVariant, "canaryVariant", flagKey, variants, id, path, errors);
        if (!string.IsNullOrEmpty(rollout.StableVariant) && string.Equals(rollout.StableVariant, rollout.CanaryVariant, StringComparison.Ordinal))
        {
            Add(errors, RolloutPaths.Field(path, "canaryVariant"), id, DefinitionErrorCodes.InvalidValue, "The canary variant must differ from the stable variant.");
        }
    }

    private static void CheckVariant(string? variant, string field, string flagKey, IReadOnlyList<string>? variants, string id, string path, List<DefinitionError> errors)
    {
        var variantPath = RolloutPaths.Field(path, field);
        if (string.IsNullOrEmpty(variant))
        {
            Add(errors, variantPath, id, DefinitionErrorCodes.Missing, $"The {field} is required.");
        }
        else if (variants is not null && !Contains(variants, variant))
        {
            Add(errors, variantPath, id, DefinitionErrorCodes.UnknownVariant, $"The variant '{variant}' is not defined by flag '{flagKey}'. Variants: {string.Join(", ", variants)}.");
        }
    }

    private static void ValidatePlan(RolloutPlan? plan, string id, string path, List<DefinitionError> errors)
    {
        if (plan is null)
        {
            Add(errors, path, id, DefinitionErrorCodes.Missing, "The plan is required.");
            return;
        }

        var stepsPath = RolloutPaths.Field(path, "steps");
        if (plan.Steps.Count == 0)
        {
            Add(errors, stepsPath, id, DefinitionErrorCodes.Missing, "The plan has no step; give steps or a preset.");
        }

        for (var i = 0; i < plan.Steps.Count; i++)
        {
            ValidateStep(plan.Steps[i], id, RolloutPaths.Index(stepsPath, i), errors);
        }

        if (plan.MaximumDuration is { } maximum && maximum <= TimeSpan.Zero)
        {
            Add(errors, RolloutPaths.Field(path, "maximumDuration"), id, DefinitionErrorCodes.InvalidValue, $"The maximum duration must be positive; was {maximum:c}.");
        }

        if (plan.AdaptiveMinimumBake < TimeSpan.Zero)
        {
            Add(errors, RolloutPaths.Field(path, "adaptiveMinimumBake"), id, DefinitionErrorCodes.InvalidValue, $"The adaptive minimum bake must not be negative; was {plan.AdaptiveMinimumBake:c}.");
        }

        CheckPolicy(plan.OnNoData, "onNoData", id, path, errors);
        CheckPolicy(plan.OnUnhealthyAssignment, "onUnhealthyAssignment", id, path, errors);
        CheckPolicy(plan.OnInconclusive, "onInconclusive", id, path, errors);
    }

    private static void ValidateStep(RolloutStep? step, string id, string path, List<DefinitionError> errors)
    {
        if (step is null)
        {
            Add(errors, path, id, DefinitionErrorCodes.Missing, "The step is missing (null).");
            return;
        }

        switch (step.Kind)
        {
            case RolloutStepKind.SetWeight:
                var weight = step.WeightPercent;
                if (!(weight >= 0 && weight <= 100) || Math.Abs((weight * 100) - Math.Round(weight * 100)) > 1e-6)
                {
                    Add(errors, RolloutPaths.Field(path, "setWeight"), id, DefinitionErrorCodes.InvalidWeights, string.Create(CultureInfo.InvariantCulture, $"A weight is a percentage in [0, 100] with at most two decimals (0.01% resolution); was {weight}."));
                }

                break;
            case RolloutStepKind.Bake when step.Duration is not { } bake || bake <= TimeSpan.Zero:
                Add(errors, RolloutPaths.Field(path, "bake"), id, DefinitionErrorCodes.InvalidValue, "A bake time must be positive.");
                break;
            case RolloutStepKind.Analysis when step.Duration is { } timeout && timeout <= TimeSpan.Zero:
                Add(errors, RolloutPaths.Field(RolloutPaths.Field(path, "analysis"), "timeout"), id, DefinitionErrorCodes.InvalidValue, "An analysis timeout must be positive when set.");
                break;
        }
    }

    private static void CheckPolicy(RolloutPolicy policy, string field, string id, string path, List<DefinitionError> errors)
    {
        if (!Enum.IsDefined(policy))
        {
            Add(errors, RolloutPaths.Field(path, field), id, DefinitionErrorCodes.InvalidValue, $"Unknown policy {(int)policy}; use pause or rollback.");
        }
    }

    private static void ValidateJudge(JudgeOptions? judge, string id, string path, List<DefinitionError> errors)
    {
        if (judge is null)
        {
            Add(errors, path, id, DefinitionErrorCodes.Missing, "The analysis (judge options) is required.");
            return;
        }

        var metricsPath = RolloutPaths.Field(path, "metrics");
        foreach (var error in judge.Validate())
        {
            var errorPath = error.Metric is null
                ? RolloutPaths.Field(path, RolloutPaths.Camel(error.Field.Replace("Kayenta.", "kayenta.", StringComparison.Ordinal)))
                : RolloutPaths.Field(RolloutPaths.Index(metricsPath, MetricIndex(judge, error.Metric)), RolloutPaths.Camel(error.Field));
            Add(errors, errorPath, id, DefinitionErrorCodes.InvalidValue, error.Message);
        }

        for (var i = 0; i < judge.Metrics.Count; i++)
        {
            if (judge.Metrics[i] is { } metric && !string.IsNullOrEmpty(metric.Name)
                && metric.Name is not (RolloutMetrics.Errors or RolloutMetrics.Latency))
            {
                Add(errors, RolloutPaths.Field(RolloutPaths.Index(metricsPath, i), "name"), id, DefinitionErrorCodes.InvalidValue, $"A rollout records only '{RolloutMetrics.Errors}' (failed requests) and '{RolloutMetrics.Latency}' (durations); '{metric.Name}' would never have data.");
            }
            else if (judge.Metrics[i] is { Name: RolloutMetrics.Errors, Kind: not MetricKind.CountRate })
            {
                Add(errors, RolloutPaths.Field(RolloutPaths.Index(metricsPath, i), "kind"), id, DefinitionErrorCodes.InvalidValue, $"'{RolloutMetrics.Errors}' is a count of failed requests; its kind must be countRate.");
            }
            else if (judge.Metrics[i] is { Name: RolloutMetrics.Latency, Kind: MetricKind.CountRate })
            {
                Add(errors, RolloutPaths.Field(RolloutPaths.Index(metricsPath, i), "kind"), id, DefinitionErrorCodes.InvalidValue, $"'{RolloutMetrics.Latency}' is a value per request; its kind must be mean or quantile.");
            }
        }
    }

    private static int MetricIndex(JudgeOptions judge, string label)
    {
        if (label.StartsWith('#') && int.TryParse(label.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index;
        }

        for (var i = 0; i < judge.Metrics.Count; i++)
        {
            if (judge.Metrics[i] is { } metric && string.Equals(metric.Name, label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(List<DefinitionError> errors, string path, string id, string code, string message) =>
        errors.Add(new DefinitionError(path, id, code, message));
}
