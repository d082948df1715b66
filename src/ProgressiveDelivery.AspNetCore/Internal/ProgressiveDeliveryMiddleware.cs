using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Resolves the unit, evaluates the flags an endpoint is gated or routed on (and the measured flags), answers a closed
/// gate, exposes the assignment as <see cref="IProgressiveDeliveryFeature"/> and records the request's outcome per
/// (flag, variant). A request to an endpoint without gates goes straight to the next middleware.
/// </summary>
internal sealed class ProgressiveDeliveryMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ProgressiveDeliveryRuntime _runtime;
    private readonly bool _hasMeasuredFlags;

    public ProgressiveDeliveryMiddleware(RequestDelegate next, ProgressiveDeliveryRuntime runtime)
    {
        _next = next;
        _runtime = runtime;
        _hasMeasuredFlags = runtime.MeasuredFlags.Length > 0;
    }

    public Task InvokeAsync(HttpContext context)
    {
        IReadOnlyList<FeatureGateAttribute> gates = [];
        VariantRouteMetadata? route = null;
        if (context.GetEndpoint() is { } endpoint)
        {
            gates = endpoint.Metadata.GetOrderedMetadata<FeatureGateAttribute>();
            route = endpoint.Metadata.GetMetadata<VariantRouteMetadata>();
        }

        if (gates.Count == 0 && route is null && !_hasMeasuredFlags)
        {
            return _next(context);
        }

        var feature = _runtime.Rent(context);
        return _runtime.HasOverrideRequest(context)
            ? InvokeWithOverridesAsync(context, feature, gates, route)
            : InvokeCoreAsync(context, feature, gates, route);
    }

    private async Task InvokeWithOverridesAsync(HttpContext context, ProgressiveDeliveryFeature feature, IReadOnlyList<FeatureGateAttribute> gates, VariantRouteMetadata? route)
    {
        try
        {
            await _runtime.ApplyOverridesAsync(context, feature).ConfigureAwait(false);
        }
        catch
        {
            _runtime.Return(context, feature);
            throw;
        }

        await InvokeCoreAsync(context, feature, gates, route).ConfigureAwait(false);
    }

    private Task InvokeCoreAsync(HttpContext context, ProgressiveDeliveryFeature feature, IReadOnlyList<FeatureGateAttribute> gates, VariantRouteMetadata? route)
    {
        // Not async: when the endpoint completes synchronously (the common case for a cached or small response), the
        // outcome is recorded here without a state machine; otherwise AwaitAndRecordAsync takes over.
        var start = _runtime.TimeProvider.GetTimestamp();
        Task task;
        try
        {
            var open = true;
            for (var i = 0; i < gates.Count; i++)
            {
                var gate = gates[i];
                open &= ProgressiveDeliveryRuntime.IsOpen(gate, in feature.Assign(gate.FlagKey));
            }

            if (route is not null)
            {
                feature.Assign(route.FlagKey);
            }

            foreach (var flagKey in _runtime.MeasuredFlags)
            {
                feature.Assign(flagKey);
            }

            context.Features.Set<IProgressiveDeliveryFeature>(feature);
            task = open ? _next(context) : _runtime.CloseGate(context);
        }
        catch (Exception exception)
        {
            Complete(context, feature, start, exception.GetType().FullName ?? nameof(Exception));
            throw;
        }

        if (task.IsCompletedSuccessfully)
        {
            Complete(context, feature, start, ProgressiveDeliveryMetrics.StatusErrorType(context.Response.StatusCode));
            return Task.CompletedTask;
        }

        return AwaitAndRecordAsync(task, context, feature, start);
    }

    private async Task AwaitAndRecordAsync(Task task, HttpContext context, ProgressiveDeliveryFeature feature, long start)
    {
        string? errorType = null;
        try
        {
            await task.ConfigureAwait(false);
            errorType = ProgressiveDeliveryMetrics.StatusErrorType(context.Response.StatusCode);
        }
        catch (Exception exception)
        {
            errorType = exception.GetType().FullName ?? nameof(Exception);
            throw;
        }
        finally
        {
            Complete(context, feature, start, errorType);
        }
    }

    private void Complete(HttpContext context, ProgressiveDeliveryFeature feature, long start, string? errorType)
    {
        _runtime.RecordOutcomes(feature, errorType, _runtime.TimeProvider.GetElapsedTime(start).TotalSeconds);
        _runtime.Return(context, feature);
    }
}
