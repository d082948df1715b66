using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Resolves the <see cref="FlagEvaluator"/> while the pipeline is built, before the server listens, so that invalid
/// definitions fail start-up (with a <see cref="Flags.DefinitionException"/> listing every error) even in an
/// application that evaluates flags only later.
/// </summary>
internal sealed class DefinitionsStartupFilter(IServiceProvider services) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        _ = services.GetRequiredService<FlagEvaluator>();
        return next;
    }
}
