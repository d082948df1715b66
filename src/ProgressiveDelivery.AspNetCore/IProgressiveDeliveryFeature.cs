using System;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.AspNetCore;

/// <summary>
/// The flag assignment of the current request, on <c>HttpContext.Features</c> for requests to gated, variant-routed or
/// measured endpoints; for any request, <c>HttpContext.GetProgressiveDelivery()</c> returns it (creating it on demand).
/// </summary>
/// <remarks>
/// One object per request, left on the request's features when the middleware returns, so an outer middleware or a
/// completion callback reads this request's assignments. Not thread-safe: use it from the request's own flow, as the
/// <c>HttpContext</c> itself (the <see cref="Context"/> is immutable and may be kept).
/// </remarks>
public interface IProgressiveDeliveryFeature
{
    /// <summary>The unit id flags are bucketed by (claim, header or sticky cookie), or <see langword="null"/> when there is none.</summary>
    string? UnitId { get; }

    /// <summary>The evaluation context of the request: the unit id as targeting key, plus the configured attributes.</summary>
    EvaluationContext Context { get; }

    /// <summary>The evaluations the middleware made for this request (gated, variant-routed and measured flags), in order.</summary>
    ReadOnlySpan<FlagEvaluation> Assignments { get; }

    /// <summary>Finds the evaluation the middleware made for a flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="evaluation">The evaluation, or <c>default</c>.</param>
    /// <returns>Whether the middleware evaluated the flag for this request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    bool TryGetAssignment(string flagKey, out FlagEvaluation evaluation);

    /// <summary>
    /// Evaluates a flag for this request: the middleware's assignment when it made one (so one request sees one variant),
    /// an authorized override when the caller sent one, else a fresh evaluation against <see cref="Context"/>.
    /// </summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="defaultValue">Returned on error; when it has a kind, the flag must be of that kind.</param>
    /// <returns>The evaluation; never throws for a missing flag.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    FlagEvaluation Evaluate(string flagKey, FlagValue defaultValue = default);

    /// <summary>Whether a boolean flag is on for this request (see <see cref="Evaluate"/>).</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="defaultValue">Returned on error.</param>
    /// <returns>The flag's value, or <paramref name="defaultValue"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    bool IsEnabled(string flagKey, bool defaultValue = false);

    /// <summary>The variant of a flag served for this request, or <see langword="null"/> on error (see <see cref="Evaluate"/>).</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <returns>The variant name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> is <see langword="null"/>.</exception>
    string? GetVariant(string flagKey);
}
