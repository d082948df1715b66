using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Metadata of an endpoint mapped with <c>MapVariants</c>: the flag and a handler per variant. The middleware evaluates
/// the flag (and records the outcome per variant); the endpoint's own delegate dispatches to the variant's handler.
/// </summary>
internal sealed class VariantRouteMetadata(string flagKey, string[] variants, RequestDelegate[] handlers, RequestDelegate? otherwise) : IProgressiveDeliveryEndpointMetadata
{
    public string FlagKey { get; } = flagKey;

    /// <summary>The endpoint's request delegate: runs the handler of the variant served to the request.</summary>
    public Task DispatchAsync(HttpContext context)
    {
        var feature = context.GetProgressiveDelivery();
        var variant = feature.GetVariant(FlagKey);
        for (var i = 0; i < variants.Length; i++)
        {
            if (string.Equals(variants[i], variant, StringComparison.Ordinal))
            {
                return handlers[i](context);
            }
        }

        return otherwise is not null
            ? otherwise(context)
            : context.RequestServices.GetRequiredService<ProgressiveDeliveryRuntime>().CloseGate(context);
    }
}
