using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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
        // The endpoint through the features indexer: GetEndpoint() is a generic virtual Get<T> call. The metadata
        // collection caches an array per type; indexing it as one avoids an interface call per read.
        var metadata = (context.Features[typeof(IEndpointFeature)] as IEndpointFeature)?.Endpoint is { } endpoint
            ? AsArray(endpoint.Metadata.GetOrderedMetadata<IProgressiveDeliveryEndpointMetadata>())
            : [];
        if (metadata.Length == 0 && !_hasMeasuredFlags)
        {
            return _next(context);
        }

        var feature = _runtime.CreateFeature(context);
        return _runtime.HasOverrideRequest(context)
            ? InvokeWithOverridesAsync(context, feature, metadata)
            : InvokeCoreAsync(context, feature, metadata);
    }

    private async Task InvokeWithOverridesAsync(HttpContext context, ProgressiveDeliveryFeature feature, IProgressiveDeliveryEndpointMetadata[] metadata)
    {
        await _runtime.ApplyOverridesAsync(context, feature).ConfigureAwait(false);
        await InvokeCoreAsync(context, feature, metadata).ConfigureAwait(false);
    }

    private Task InvokeCoreAsync(HttpContext context, ProgressiveDeliveryFeature feature, IProgressiveDeliveryEndpointMetadata[] metadata)
    {
        // Not async: when the endpoint completes synchronously (the common case for a cached or small response), the
        // outcome is recorded here without a state machine; otherwise AwaitAndRecordAsync takes over.
        var start = _runtime.TimeProvider.GetTimestamp();
        Task task;
        try
        {
            // Every gate, in order, then the route's flag (the last route metadata, the most specific, as GetMetadata).
            var open = true;
            VariantRouteMetadata? route = null;
            for (var i = 0; i < metadata.Length; i++)
            {
                switch (metadata[i])
                {
                    case FeatureGateAttribute gate:
                        open &= ProgressiveDeliveryRuntime.IsOpen(gate, in feature.Assign(gate.FlagKey));
                        break;
                    case VariantRouteMetadata variantRoute:
                        route = variantRoute;
                        break;
                }
            }

            if (route is not null)
            {
                feature.Assign(route.FlagKey);
            }

            foreach (var flagKey in _runtime.MeasuredFlags)
            {
                feature.Assign(flagKey);
            }

            ProgressiveDeliveryRuntime.Expose(context, feature);
            task = open ? _next(context) : _runtime.CloseGate(context);
        }
        catch (Exception exception)
        {
            Complete(feature, start, exception.GetType().FullName ?? nameof(Exception));
            throw;
        }

        if (task.IsCompletedSuccessfully)
        {
            Complete(feature, start, ProgressiveDeliveryMetrics.StatusErrorType(context.Response.StatusCode));
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
            Complete(feature, start, errorType);
        }
    }

    private static IProgressiveDeliveryEndpointMetadata[] AsArray(IReadOnlyList<IProgressiveDeliveryEndpointMetadata> metadata) =>
        metadata as IProgressiveDeliveryEndpointMetadata[] ?? [.. metadata];

    private void Complete(ProgressiveDeliveryFeature feature, long start, string? errorType) =>
        _runtime.RecordOutcomes(feature, errorType, _runtime.TimeProvider.GetElapsedTime(start).TotalSeconds);
}
