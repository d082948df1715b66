using System.Collections.Generic;
using System.Security.Claims;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Fleet;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>The request handlers of <c>MapProgressiveDeliveryAdmin</c> (admin traffic: allocation is fine here).</summary>
internal static class AdminHandlers
{
    private const string AnonymousActor = "anonymous";

    public static Task GetFlags(HttpContext context)
    {
        var evaluator = context.RequestServices.GetRequiredService<Evaluation.FlagEvaluator>();
        var definitions = context.RequestServices.GetRequiredService<ProgressiveDeliveryRegistration>().Loader?.Definitions;
        var staleness = context.RequestServices.GetRequiredService<FlagStaleness>();
        return WriteJsonAsync(
            context, StatusCodes.Status200OK, AdminJson.Flags(definitions, evaluator.SplitOverrides, staleness.Assess(), staleness.SingleVariantStaleAfter));
    }

    public static Task GetRollouts(HttpContext context)
    {
        var manager = context.RequestServices.GetRequiredService<RolloutManager>();
        return WriteJsonAsync(context, StatusCodes.Status200OK, AdminJson.Rollouts(manager.GetRollouts()));
    }

    public static Task GetFleet(HttpContext context)
    {
        var fleet = context.RequestServices.GetService<RolloutFleet>();
        var manager = context.RequestServices.GetRequiredService<RolloutManager>();
        return WriteJsonAsync(context, StatusCodes.Status200OK, AdminJson.Fleet(fleet, manager.GetAppliedVersions()));
    }

    public static Task GetRollout(HttpContext context)
    {
        var id = RouteValue(context, "id");
        var view = context.RequestServices.GetRequiredService<RolloutManager>().GetRollout(id);
        return view is null
            ? NotFoundAsync(context, id)
            : WriteJsonAsync(context, StatusCodes.Status200OK, AdminJson.Rollout(view));
    }

    public static Task GetHistory(HttpContext context)
    {
        var id = RouteValue(context, "id");
        return context.RequestServices.GetRequiredService<RolloutManager>().GetHistory(id) is { } history
            ? WriteJsonAsync(context, StatusCodes.Status200OK, history.GetRawText())
            : NotFoundAsync(context, id);
    }

    public static async Task GetAudit(HttpContext context)
    {
        var id = RouteValue(context, "id");
        if (context.RequestServices.GetRequiredService<RolloutManager>().GetRollout(id) is null)
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        var entries = await context.RequestServices.GetRequiredService<AuditLog>().ReadAsync(id, 1, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, AdminJson.Audit(entries)).ConfigureAwait(false);
    }

    public static async Task RunCommand(HttpContext context)
    {
        var id = RouteValue(context, "id");
        var command = RouteValue(context, "command");
        if (!IsCommand(command))
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, "Unknown command",
                "'" + command + "' is not a command: use promote, pause, resume, abort, retry or skip-analysis.").ConfigureAwait(false);
            return;
        }

        if (AdminRequestGuard.CrossSiteError(context.Request) is { } crossSite)
        {
            await ProblemAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused", crossSite).ConfigureAwait(false);
            return;
        }

        if (!AdminRequestGuard.IsJson(context.Request))
        {
            await ProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "A command's body must be application/json (Content-Type: application/json), not '"
                + (context.Request.ContentType ?? "none") + "': {\"reason\": \"why\"}.").ConfigureAwait(false);
            return;
        }

        var body = await AdminCommandBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body.Error is { } error)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid command body", error).ConfigureAwait(false);
            return;
        }

        var manager = context.RequestServices.GetRequiredService<RolloutManager>();
        var actor = Actor(context.User);
        RolloutView view;
        try
        {
            view = await RunAsync(manager, command, id, actor, body.Reason!, body.Full, context.RequestAborted).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }
        catch (RolloutCommandException exception)
        {
            await ProblemAsync(context, StatusCodes.Status409Conflict, "Command not allowed",
                "Cannot " + command + " rollout '" + id + "' while it is " + RolloutGauges.StatusName(exception.State.Status)
                + " (" + exception.State + "): " + exception.Message).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, AdminJson.Rollout(view)).ConfigureAwait(false);
    }

    /// <summary>The actor of a command: the user's name, else its name identifier, else <c>anonymous</c> (only with <c>AllowAnonymousAdmin</c>).</summary>
    internal static string Actor(ClaimsPrincipal user)
    {
        if (user.Identity is { IsAuthenticated: true } identity)
        {
            if (!string.IsNullOrWhiteSpace(identity.Name))
            {
                return identity.Name;
            }

            if (user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } nameIdentifier)
            {
                return nameIdentifier;
            }
        }

        return AnonymousActor;
    }

    private static bool IsCommand(string command) =>
        command is "promote" or "pause" or "resume" or "abort" or "retry" or "skip-analysis";

    private static Task<RolloutView> RunAsync(
        RolloutManager manager, string command, string id, string actor, string reason, bool full, CancellationToken cancellationToken) => command switch
    {
        "promote" => manager.PromoteAsync(id, actor, reason, full, cancellationToken),
        "pause" => manager.PauseAsync(id, actor, reason, cancellationToken),
        "resume" => manager.ResumeAsync(id, actor, reason, cancellationToken),
        "abort" => manager.AbortAsync(id, actor, reason, cancellationToken),
        "retry" => manager.RetryAsync(id, actor, reason, cancellationToken),
        _ => manager.SkipAnalysisAsync(id, actor, reason, cancellationToken),
    };

    private static string RouteValue(HttpContext context, string name) =>
        context.GetRouteValue(name) as string ?? string.Empty;

    private static Task NotFoundAsync(HttpContext context, string id) =>
        ProblemAsync(context, StatusCodes.Status404NotFound, "Unknown rollout", "No rollout has the id '" + id + "'.");

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);

    private static Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}
