using System;
using System.Text.Json;
using ProgressiveDelivery.Rollouts.Audit.Internal;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Audit;

/// <summary>
/// What happened to a rollout, as told to <see cref="AuditLog.AppendAsync"/>: who did what and why. The log adds the
/// sequence number, the time and the hashes that make it an <see cref="AuditEntry"/>.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Creates an event.</summary>
    /// <param name="rolloutId">The rollout: 1 to 128 characters from <c>[A-Za-z0-9._-]</c>, neither <c>.</c> nor <c>..</c>.</param>
    /// <param name="actor">Who acted: a user name, or the controller's name for automatic transitions. Not empty.</param>
    /// <param name="action">What was done: one of <see cref="AuditActions"/>, or 1 to 64 characters from <c>[a-z0-9_]</c>.</param>
    /// <param name="reason">Why, in words; may be empty.</param>
    /// <param name="before">The state's name before, or <see langword="null"/> (for example when the rollout was created).</param>
    /// <param name="after">The state's name after, or <see langword="null"/>.</param>
    /// <param name="evidence">What the decision rested on (for example the judge's verdict), or <see langword="null"/>. Cloned and stored in compact form.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/>, <paramref name="actor"/>, <paramref name="action"/> or <paramref name="reason"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="rolloutId"/> or <paramref name="action"/> is invalid, <paramref name="actor"/> (or a given state name) is empty,
    /// a text is not valid UTF-16 (a lone surrogate), or <paramref name="evidence"/> is undefined.
    /// </exception>
    public AuditEvent(string rolloutId, string actor, string action, string reason, string? before = null, string? after = null, JsonElement? evidence = null)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        AuditText.ThrowIfInvalid(actor, nameof(actor), allowEmpty: false);
        AuditText.ThrowIfInvalidAction(action, nameof(action));
        AuditText.ThrowIfInvalid(reason, nameof(reason), allowEmpty: true);
        if (before is not null)
        {
            AuditText.ThrowIfInvalid(before, nameof(before), allowEmpty: false);
        }

        if (after is not null)
        {
            AuditText.ThrowIfInvalid(after, nameof(after), allowEmpty: false);
        }

        if (evidence is { ValueKind: JsonValueKind.Undefined })
        {
            throw new ArgumentException("The evidence must be a JSON value or null, not an undefined element.", nameof(evidence));
        }

        RolloutId = rolloutId;
        Actor = actor;
        Action = action;
        Reason = reason;
        Before = before;
        After = after;
        Evidence = evidence is { } value ? AuditText.Compact(value) : null;
    }

    /// <summary>The rollout.</summary>
    public string RolloutId { get; }

    /// <summary>Who acted.</summary>
    public string Actor { get; }

    /// <summary>What was done (see <see cref="AuditActions"/>).</summary>
    public string Action { get; }

    /// <summary>Why, in words; may be empty.</summary>
    public string Reason { get; }

    /// <summary>The state's name before, or <see langword="null"/>.</summary>
    public string? Before { get; }

    /// <summary>The state's name after, or <see langword="null"/>.</summary>
    public string? After { get; }

    /// <summary>
    /// What the decision rested on, or <see langword="null"/>. Its raw text (<see cref="JsonElement.GetRawText"/>) is the
    /// compact form that the hash covers.
    /// </summary>
    public JsonElement? Evidence { get; }
}
