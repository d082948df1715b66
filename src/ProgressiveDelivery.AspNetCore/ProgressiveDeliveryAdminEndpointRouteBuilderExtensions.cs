using System;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProgressiveDelivery.AspNetCore;
using ProgressiveDelivery.AspNetCore.Internal;
using ProgressiveDelivery.Rollouts;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the ProgressiveDelivery admin endpoints.</summary>
public static class ProgressiveDeliveryAdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the admin endpoints under <paramref name="prefix"/>: <c>GET flags</c>, <c>GET rollouts</c>, <c>GET fleet</c> (this
    /// replica's id, leases and applied versions, and every replica's liveness and applied versions, in fleet mode),
    /// <c>GET rollouts/{id}</c>, <c>GET rollouts/{id}/audit</c>, <c>GET rollouts/{id}/history</c> (the bounded history of
    /// looks and transitions, <see cref="RolloutManager.GetHistory"/>) and <c>POST rollouts/{id}/{promote|pause|resume|abort|retry|skip-analysis}</c>
    /// with a JSON body <c>{"reason": "...", "full": true}</c> (reason required; <c>full</c> for promote only). The actor of a
    /// command is the authenticated user's name (<c>Identity.Name</c>, else the <c>NameIdentifier</c> claim). Errors are
    /// problem details: 400 bad body, 403 a cross-site command (its <c>Origin</c> or <c>Sec-Fetch-Site</c> is not this
    /// origin), 404 unknown rollout, 409 a command the rollout's state does not allow, 415 a command body that is not
    /// <c>application/json</c>.
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="prefix">The route prefix.</param>
    /// <returns>The route group of the admin endpoints, to add conventions to.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">
    /// <c>AddProgressiveDelivery</c> was not called, or neither <see cref="ProgressiveDeliveryOptions.AdminPolicy"/> is set
    /// nor <see cref="ProgressiveDeliveryOptions.AllowAnonymousAdmin"/> opted out of authorization: the application fails at start.
    /// </exception>
    /// <remarks>
    /// <para>
    /// Unless <see cref="ProgressiveDeliveryOptions.EnableDashboard"/> is <see langword="false"/>, the group also serves the
    /// dashboard at <c>GET {prefix}/dashboard</c> (its script and style beside it, embedded in the assembly), sent with a
    /// Content-Security-Policy that allows only this origin and <c>frame-ancestors 'none'</c>.
    /// </para>
    /// <para>
    /// The group requires <see cref="ProgressiveDeliveryOptions.AdminPolicy"/> (add authentication and authorization to
    /// the application). With <see cref="ProgressiveDeliveryOptions.AllowAnonymousAdmin"/> and no policy it allows anyone.
    /// </para>
    /// </remarks>
    public static RouteGroupBuilder MapProgressiveDeliveryAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/progressive-delivery")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<RolloutManager>() is null)
        {
            throw new InvalidOperationException(
                "MapProgressiveDeliveryAdmin needs the ProgressiveDelivery services: call services.AddProgressiveDelivery() first.");
        }

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<ProgressiveDeliveryOptions>>().Value;
        var group = endpoints.MapGroup(prefix);
        if (!string.IsNullOrEmpty(options.AdminPolicy))
        {
            group.RequireAuthorization(options.AdminPolicy);
        }
        else if (options.AllowAnonymousAdmin)
        {
            group.AllowAnonymous();
        }
        else
        {
            throw new InvalidOperationException(
                "The ProgressiveDelivery admin endpoints can change every rollout and need an authorization policy: set "
                + "ProgressiveDeliveryOptions.AdminPolicy (\"ProgressiveDelivery:AdminPolicy\" in configuration) to the name of a policy "
                + "registered with AddAuthorization, or set ProgressiveDeliveryOptions.AllowAnonymousAdmin = true to expose them "
                + "without authorization.");
        }

        group.MapGet("/flags", AdminHandlers.GetFlags);
        group.MapGet("/rollouts", AdminHandlers.GetRollouts);
        group.MapGet("/fleet", AdminHandlers.GetFleet);
        group.MapGet("/rollouts/{id}", AdminHandlers.GetRollout);
        group.MapGet("/rollouts/{id}/audit", AdminHandlers.GetAudit);
        group.MapGet("/rollouts/{id}/history", AdminHandlers.GetHistory);
        group.MapPost("/rollouts/{id}/{command}", AdminHandlers.RunCommand);
        if (options.EnableDashboard)
        {
            group.MapGet("/dashboard", DashboardAssets.ServePage);
            group.MapGet("/dashboard.js", DashboardAssets.ServeScript);
            group.MapGet("/dashboard-charts.js", DashboardAssets.ServeCharts);
            group.MapGet("/dashboard.css", DashboardAssets.ServeStyle);
        }

        return group;
    }
}
