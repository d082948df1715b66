using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>Overrides for testers: <c>flag=variant,other=variant</c> in a header or cookie, honoured only for callers that pass the policy.</summary>
internal sealed partial class ProgressiveDeliveryRuntime
{
    private const int MaxOverrideLength = 2048;

    private string? _overridePolicy;
    private string? _overrideHeaderName;
    private string? _overrideCookieName;
    private IAuthorizationService? _authorization;

    private void InitializeOverrides(ProgressiveDeliveryOptions settings, IAuthorizationService? authorization)
    {
        _overridePolicy = settings.OverridePolicy;
        _overrideHeaderName = settings.OverrideHeaderName;
        _overrideCookieName = settings.OverrideCookieName;
        if (_overridePolicy is not null && authorization is null)
        {
            throw new InvalidOperationException(
                "ProgressiveDeliveryOptions.OverridePolicy is set but no IAuthorizationService is registered: call services.AddAuthorization() and define the policy.");
        }

        _authorization = authorization;
    }

    /// <summary>
    /// Whether the request carries overrides that may be honoured (a header lookup; the cookie only when configured).
    /// Without an <see cref="ProgressiveDeliveryOptions.OverridePolicy"/> overrides are off and nothing is looked up:
    /// every gated request would otherwise pay a header lookup for a feature that is not in use.
    /// </summary>
    public bool HasOverrideRequest(HttpContext context) =>
        _overridePolicy is not null
        && ((_overrideHeaderName is not null && context.Request.Headers.ContainsKey(_overrideHeaderName))
            || (_overrideCookieName is not null && context.Request.Cookies.ContainsKey(_overrideCookieName)));

    /// <summary>
    /// Authorizes the caller and installs its valid overrides on the feature; otherwise ignores them. Every outcome is
    /// counted. Called only when <see cref="HasOverrideRequest"/> said yes, so the policy is set, and the constructor
    /// made sure an <see cref="IAuthorizationService"/> exists for it.
    /// </summary>
    public async Task ApplyOverridesAsync(HttpContext context, ProgressiveDeliveryFeature feature)
    {
        var authorization = await _authorization!.AuthorizeAsync(context.User, _overridePolicy!).ConfigureAwait(false);
        if (!authorization.Succeeded)
        {
            _metrics.RecordOverride(ProgressiveDeliveryMetrics.OverrideUnauthorized);
            return;
        }

        var text = _overrideHeaderName is not null && context.Request.Headers[_overrideHeaderName] is { Count: > 0 } header
            ? header.ToString()
            : _overrideCookieName is not null ? context.Request.Cookies[_overrideCookieName] : null;
        var overrides = Parse(text, Evaluator.Snapshot);
        if (overrides is null)
        {
            _metrics.RecordOverride(ProgressiveDeliveryMetrics.OverrideInvalid);
            return;
        }

        feature.SetOverrides(overrides);
        _metrics.RecordOverride(ProgressiveDeliveryMetrics.OverrideApplied);
    }

    /// <summary>Parses <c>flag=variant</c> pairs separated by commas; <see langword="null"/> unless every pair names a defined flag and variant.</summary>
    internal static List<KeyValuePair<string, string>>? Parse(string? text, FlagSnapshot snapshot)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxOverrideLength)
        {
            return null;
        }

        var overrides = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.AsSpan();
            var equals = pair.IndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1)
            {
                return null;
            }

            var flagKey = pair[..equals].Trim().ToString();
            var variant = pair[(equals + 1)..].Trim().ToString();
            if (!snapshot.TryGetVariantValue(flagKey, variant, out _))
            {
                return null;
            }

            overrides.Add(new KeyValuePair<string, string>(flagKey, variant));
        }

        return overrides;
    }

    private bool TryOverride(List<KeyValuePair<string, string>> overrides, string flagKey, FlagValue defaultValue, out FlagEvaluation evaluation)
    {
        foreach (var (key, variant) in overrides)
        {
            if (string.Equals(key, flagKey, StringComparison.Ordinal)
                && Evaluator.Snapshot.TryGetVariantValue(flagKey, variant, out var value)
                && (defaultValue.Kind == FlagValueKind.None || defaultValue.Kind == value.Kind))
            {
                evaluation = new FlagEvaluation(flagKey, value, variant, EvaluationReason.TargetingMatch);
                return true;
            }
        }

        evaluation = default;
        return false;
    }
}
