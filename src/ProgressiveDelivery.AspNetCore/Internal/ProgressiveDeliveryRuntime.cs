using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Outcomes;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Everything the middleware, the variant dispatcher and <c>HttpContext.GetProgressiveDelivery()</c> share: the settings
/// (copied from the options once), the evaluator, the meters and the outcome recorders.
/// </summary>
internal sealed partial class ProgressiveDeliveryRuntime
{
    private readonly ProgressiveDeliveryMetrics _metrics;
    private readonly IOutcomeRecorder[] _recorders;
    private readonly ClosedGateBehavior _closedGate;
    private readonly string? _redirectUrl;
    private readonly RequestDelegate? _fallback;

    public ProgressiveDeliveryRuntime(
        FlagEvaluator evaluator,
        IOptions<ProgressiveDeliveryOptions> options,
        ProgressiveDeliveryMetrics metrics,
        IEnumerable<IOutcomeRecorder> recorders,
        TimeProvider timeProvider,
        IServiceProvider services)
    {
        var settings = options.Value;
        Evaluator = evaluator;
        TimeProvider = timeProvider;
        _metrics = metrics;
        _recorders = new List<IOutcomeRecorder>(recorders).ToArray();
        _closedGate = settings.ClosedGate;
        _redirectUrl = settings.ClosedGateRedirectUrl;
        _fallback = settings.ClosedGateFallback;
        MeasuredFlags = new List<string>(settings.MeasuredFlags).ToArray();
        InitializeUnits(settings);
        InitializeOverrides(settings, services.GetService<IAuthorizationService>());
    }

    public FlagEvaluator Evaluator { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>The flags evaluated and measured on every request.</summary>
    public string[] MeasuredFlags { get; }

    public ProgressiveDeliveryMetrics Metrics => _metrics;

    /// <summary>Puts a request's feature in its features.</summary>
    /// <remarks>
    /// The indexer, not <c>Set&lt;T&gt;</c>: the generic method is a generic virtual call, and Kestrel's implementation
    /// compares the type against each feature it knows through runtime lookups of <c>typeof(T)</c> in shared generic code.
    /// </remarks>
    public static void Expose(HttpContext context, ProgressiveDeliveryFeature feature) =>
        context.Features[typeof(IProgressiveDeliveryFeature)] = feature;

    /// <summary>Creates the feature on demand for a request that the middleware did not handle, and exposes it.</summary>
    public ProgressiveDeliveryFeature Create(HttpContext context)
    {
        var feature = CreateFeature(context);
        Expose(context, feature);
        return feature;
    }

    /// <summary>Evaluates a flag for a request: an authorized override first, else the evaluator.</summary>
    public FlagEvaluation EvaluateFresh(ProgressiveDeliveryFeature feature, string flagKey, FlagValue defaultValue)
    {
        if (feature.Overrides is { } overrides && TryOverride(overrides, flagKey, defaultValue, out var overridden))
        {
            return overridden;
        }

        return Evaluator.Evaluate(flagKey, feature.Context, defaultValue);
    }

    /// <summary>Whether a gate is open for an evaluation: the named variant, or <c>true</c> for a boolean gate.</summary>
    public static bool IsOpen(FeatureGateAttribute gate, in FlagEvaluation evaluation)
    {
        if (evaluation.IsError)
        {
            return false;
        }

        return gate.Variant is { } variant
            ? string.Equals(evaluation.Variant, variant, StringComparison.Ordinal)
            : evaluation.Value.Kind == FlagValueKind.Boolean && evaluation.Value.AsBoolean();
    }

    /// <summary>Answers a request whose gate is closed, as configured.</summary>
    public Task CloseGate(HttpContext context)
    {
        switch (_closedGate)
        {
            case ClosedGateBehavior.Forbidden:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            case ClosedGateBehavior.Redirect:
                context.Response.Redirect(_redirectUrl!);
                return Task.CompletedTask;
            case ClosedGateBehavior.Fallback:
                return _fallback!(context);
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }

    /// <summary>Records the outcome of a request for every assignment: meters, then each outcome recorder.</summary>
    public void RecordOutcomes(ProgressiveDeliveryFeature feature, string? errorType, double durationSeconds)
    {
        var outcome = new RequestOutcome(errorType is not null, durationSeconds);
        var unit = _recorders.Length > 0 && feature.UnitId is { } unitId ? UnitKey.FromId(unitId) : UnitKey.None;
        foreach (ref readonly var evaluation in feature.Assignments)
        {
            _metrics.RecordRequest(evaluation, errorType, durationSeconds);
            foreach (var recorder in _recorders)
            {
                try
                {
                    recorder.Record(evaluation, unit, outcome);
                }
                catch (Exception)
                {
                    // The contract forbids throwing; a faulty recorder must still not replace the request's own outcome.
                }
            }
        }
    }
}
