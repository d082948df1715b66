using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Outcomes;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Everything the middleware, the variant dispatcher and <c>HttpContext.GetProgressiveDelivery()</c> share: the settings
/// (copied from the options once), the evaluator, the meters, the outcome recorders and the feature pool.
/// </summary>
internal sealed partial class ProgressiveDeliveryRuntime
{
    private readonly ProgressiveDeliveryMetrics _metrics;
    private readonly IOutcomeRecorder[] _recorders;
    private readonly ObjectPool<ProgressiveDeliveryFeature> _pool =
        new DefaultObjectPool<ProgressiveDeliveryFeature>(new FeaturePoolPolicy(), Environment.ProcessorCount * 8);

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

    /// <summary>Rents a feature for a request through the middleware, with its unit and context resolved.</summary>
    public ProgressiveDeliveryFeature Rent(HttpContext context)
    {
        var feature = _pool.Get();
        Initialize(feature, context);
        return feature;
    }

    /// <summary>Clears a rented feature from the request and returns it to the pool.</summary>
    public void Return(HttpContext context, ProgressiveDeliveryFeature feature)
    {
        context.Features.Set<IProgressiveDeliveryFeature>(null);
        _pool.Return(feature);
    }

    /// <summary>Creates a feature on demand for a request that the middleware did not handle (not pooled).</summary>
    public ProgressiveDeliveryFeature Create(HttpContext context)
    {
        var feature = new ProgressiveDeliveryFeature();
        Initialize(feature, context);
        context.Features.Set<IProgressiveDeliveryFeature>(feature);
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
        foreach (ref readonly var evaluation in feature.Assignments)
        {
            _metrics.RecordRequest(evaluation, errorType, durationSeconds);
            foreach (var recorder in _recorders)
            {
                try
                {
                    recorder.Record(evaluation, outcome);
                }
                catch (Exception)
                {
                    // The contract forbids throwing; a faulty recorder must still not replace the request's own outcome.
                }
            }
        }
    }

    private sealed class FeaturePoolPolicy : PooledObjectPolicy<ProgressiveDeliveryFeature>
    {
        public override ProgressiveDeliveryFeature Create() => new();

        public override bool Return(ProgressiveDeliveryFeature obj)
        {
            obj.Reset();
            return true;
        }
    }
}
