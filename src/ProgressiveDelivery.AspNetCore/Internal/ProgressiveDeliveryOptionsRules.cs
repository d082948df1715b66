using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>The rules of <see cref="ProgressiveDeliveryOptions"/> that span fields; every message names the field.</summary>
internal sealed class ProgressiveDeliveryOptionsRules : IValidateOptions<ProgressiveDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, ProgressiveDeliveryOptions options)
    {
        var failures = new List<string>();
        CheckOptionalName(failures, options.UnitClaimType, nameof(options.UnitClaimType));
        CheckOptionalName(failures, options.UnitHeaderName, nameof(options.UnitHeaderName));
        CheckOptionalName(failures, options.OverrideHeaderName, nameof(options.OverrideHeaderName));
        CheckOptionalName(failures, options.OverrideCookieName, nameof(options.OverrideCookieName));
        CheckOptionalName(failures, options.OverridePolicy, nameof(options.OverridePolicy));
        CheckOptionalName(failures, options.FilePath, nameof(options.FilePath));

        if (options.UnitClaimType is null && options.UnitHeaderName is null && !options.UseAnonymousCookie)
        {
            failures.Add("No unit source: set UnitClaimType, UnitHeaderName or UseAnonymousCookie, else every split fails with targeting_key_missing.");
        }

        switch (options.ClosedGate)
        {
            case ClosedGateBehavior.NotFound:
            case ClosedGateBehavior.Forbidden:
                break;
            case ClosedGateBehavior.Redirect when string.IsNullOrWhiteSpace(options.ClosedGateRedirectUrl):
                failures.Add("ClosedGate is Redirect but ClosedGateRedirectUrl is not set.");
                break;
            case ClosedGateBehavior.Fallback when options.ClosedGateFallback is null:
                failures.Add("ClosedGate is Fallback but ClosedGateFallback is not set.");
                break;
            case ClosedGateBehavior.Redirect:
            case ClosedGateBehavior.Fallback:
                break;
            default:
                failures.Add($"ClosedGate has the undefined value {(int)options.ClosedGate}; use NotFound, Forbidden, Redirect or Fallback.");
                break;
        }

        if (options.OverridePolicy is not null && options.OverrideHeaderName is null && options.OverrideCookieName is null)
        {
            failures.Add("OverridePolicy is set but neither OverrideHeaderName nor OverrideCookieName is: overrides could never be read.");
        }

        for (var i = 0; i < options.MeasuredFlags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.MeasuredFlags[i]))
            {
                failures.Add($"MeasuredFlags[{i}] is empty; it must be a flag key.");
            }
        }

        CheckAttributes(failures, options.ClaimAttributes, nameof(options.ClaimAttributes));
        CheckAttributes(failures, options.HeaderAttributes, nameof(options.HeaderAttributes));

        if (options.FilePath is not null && options.CodeFlags is not null)
        {
            failures.Add("FilePath is set and flags are defined in code (Flags(...)): use one source of definitions.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckOptionalName(List<string> failures, string? value, string field)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{field} is empty; leave it null to turn it off, or give a name.");
        }
    }

    private static void CheckAttributes(List<string> failures, IDictionary<string, string> attributes, string field)
    {
        foreach (var (attribute, source) in attributes)
        {
            if (string.IsNullOrWhiteSpace(attribute) || string.Equals(attribute, ConditionDefinition.TargetingKeyAttribute, StringComparison.Ordinal))
            {
                failures.Add($"{field} has the attribute name '{attribute}'; it must be non-empty and not 'key' (the targeting key).");
            }

            if (string.IsNullOrWhiteSpace(source))
            {
                failures.Add($"{field}['{attribute}'] is empty; it must name where the attribute comes from.");
            }
        }
    }
}
