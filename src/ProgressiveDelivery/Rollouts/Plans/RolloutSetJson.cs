using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Flags.Internal;
using ProgressiveDelivery.Rollouts.Plans.Internal;

namespace ProgressiveDelivery.Rollouts.Plans;

/// <summary>
/// Reads the <c>"rollouts"</c> section of a definitions document (the same document as the flags, see
/// docs/rollouts.md): <c>{ "flags": { ... }, "rollouts": { "checkout-v2": { "flag": "new-checkout", ... } } }</c>.
/// Other root fields are left to <see cref="FlagSetJson"/>.
/// </summary>
/// <remarks>
/// Like <see cref="FlagSetJson"/>, reading reports every structural error at once with its JSON path (wrong types,
/// unknown fields, unknown step kinds, policies, presets, invalid durations); meaning (flags, variants, weights,
/// judge settings) is checked by <see cref="RolloutSet.Validate"/>, which <see cref="TryLoad"/> runs too.
/// </remarks>
public static class RolloutSetJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads the rollouts of a definitions document; a document without <c>"rollouts"</c> has none.</summary>
    /// <param name="json">The JSON document.</param>
    /// <returns>The rollouts and every structural error found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static RolloutSetParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return RolloutSetJsonReader.Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            return new RolloutSetParseResult(new RolloutSet(), FlagSetJsonReader.InvalidJson(exception).Errors);
        }
    }

    /// <summary>
    /// Reads and validates the rollouts of a document against flag definitions: structural errors first, then the
    /// semantic ones (an error at a path the reader already reported is not repeated).
    /// </summary>
    /// <param name="json">The JSON document.</param>
    /// <param name="flags">The flags the rollouts refer to.</param>
    /// <param name="rollouts">The rollouts, when there is no error.</param>
    /// <param name="errors">Every error found, or an empty list.</param>
    /// <returns>Whether the rollouts are valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="flags"/> is <see langword="null"/>.</exception>
    public static bool TryLoad(string json, FlagSnapshot flags, out RolloutSet? rollouts, out IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(flags);
        var parsed = Parse(json);
        var semantic = parsed.Rollouts.Validate(flags);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var combined = new List<DefinitionError>(parsed.Errors);
        foreach (var error in parsed.Errors)
        {
            reported.Add(error.Path);
        }

        foreach (var error in semantic)
        {
            if (!reported.Contains(error.Path))
            {
                combined.Add(error);
            }
        }

        errors = combined.AsReadOnly();
        rollouts = combined.Count == 0 ? parsed.Rollouts : null;
        return rollouts is not null;
    }
}
