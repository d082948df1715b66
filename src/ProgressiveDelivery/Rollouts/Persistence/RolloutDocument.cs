using System;
using System.Text.Json;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence.Internal;

namespace ProgressiveDelivery.Rollouts.Persistence;

/// <summary>
/// The persisted state of one rollout: an opaque JSON document owned by the rollout controller, with the version and
/// time the store assigned when it was written and the audit head the state was written after.
/// </summary>
/// <remarks>
/// <para>
/// The store is schema-agnostic: it never looks inside <see cref="State"/>. The state is a <see cref="JsonElement"/>
/// rather than raw bytes because an element is known to be well-formed JSON when the document is built (a store never
/// persists something it could not read back), it is immutable once cloned (a byte buffer could be changed by the caller
/// after the check), it maps directly onto a JSON column such as PostgreSQL's <c>jsonb</c>, and the controller can
/// deserialize it without copying. Stores return a state that is semantically equal to the one saved (same values, same
/// number literals); the file and in-memory stores also return it byte for byte.
/// </para>
/// <para>
/// <see cref="Version"/> and <see cref="UpdatedAt"/> are assigned by the store: the values of a document passed to
/// <see cref="RolloutStore.SaveAsync"/> are ignored, the concurrency check uses the expected version argument.
/// </para>
/// </remarks>
public sealed class RolloutDocument
{
    /// <summary>Creates a document to save: version 0 and no timestamp yet, both assigned by the store.</summary>
    /// <param name="rolloutId">The rollout id: 1 to 128 characters from <c>[A-Za-z0-9._-]</c>, neither <c>.</c> nor <c>..</c>.</param>
    /// <param name="state">The controller's state; cloned, so the caller may dispose its document.</param>
    /// <param name="auditHead">The audit head this state was written after; <see cref="AuditHead.Genesis"/> if none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> or <paramref name="auditHead"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is invalid, or <paramref name="state"/> is undefined.</exception>
    public RolloutDocument(string rolloutId, JsonElement state, AuditHead auditHead)
        : this(rolloutId, 0, default, state, auditHead)
    {
    }

    /// <summary>Creates a document as a store read it. Stores use this; callers usually want the shorter constructor.</summary>
    /// <param name="rolloutId">The rollout id: 1 to 128 characters from <c>[A-Za-z0-9._-]</c>, neither <c>.</c> nor <c>..</c>.</param>
    /// <param name="version">The version the store assigned: 1 for the first write, then one more per write; 0 if never saved.</param>
    /// <param name="updatedAt">When the store wrote this version.</param>
    /// <param name="state">The controller's state; cloned, so the caller may dispose its document.</param>
    /// <param name="auditHead">The audit head this state was written after.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rolloutId"/> or <paramref name="auditHead"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="rolloutId"/> is invalid, or <paramref name="state"/> is undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is negative.</exception>
    public RolloutDocument(string rolloutId, long version, DateTimeOffset updatedAt, JsonElement state, AuditHead auditHead)
    {
        RolloutIdRules.ThrowIfInvalid(rolloutId, nameof(rolloutId));
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        ArgumentNullException.ThrowIfNull(auditHead);
        if (state.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("A rollout's state must be a JSON value, not an undefined element.", nameof(state));
        }

        RolloutId = rolloutId;
        Version = version;
        UpdatedAt = updatedAt;
        State = state.Clone();
        AuditHead = auditHead;
    }

    /// <summary>The rollout id.</summary>
    public string RolloutId { get; }

    /// <summary>The version the store assigned: 1 after the first write, one more after each; 0 for a document never saved.</summary>
    public long Version { get; }

    /// <summary>When the store wrote this version, from the store's <see cref="TimeProvider"/>; <c>default</c> if never saved.</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>The controller's state, opaque to the store.</summary>
    public JsonElement State { get; }

    /// <summary>The head of the rollout's audit chain when this state was written.</summary>
    public AuditHead AuditHead { get; }

    /// <summary>Whether <paramref name="rolloutId"/> is a valid rollout id (1 to 128 characters from <c>[A-Za-z0-9._-]</c>, neither <c>.</c> nor <c>..</c>).</summary>
    public static bool IsValidRolloutId(string? rolloutId) => RolloutIdRules.IsValid(rolloutId);

    /// <summary>Returns a copy with a new state and audit head, keeping the id, version and timestamp.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="auditHead"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> is undefined.</exception>
    public RolloutDocument WithState(JsonElement state, AuditHead auditHead) => new(RolloutId, Version, UpdatedAt, state, auditHead);
}
