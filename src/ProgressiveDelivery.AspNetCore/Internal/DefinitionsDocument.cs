using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// One validated definitions document: the flags (as written and compiled) and the rollouts, if the document (or code)
/// has any. Flags and rollouts are checked together, so a document is installed whole or not at all.
/// </summary>
internal sealed class DefinitionsDocument
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private DefinitionsDocument(FlagSet flags, FlagSnapshot snapshot, RolloutSet? rollouts)
    {
        Flags = flags;
        Snapshot = snapshot;
        Rollouts = rollouts;
    }

    /// <summary>The flag definitions as given.</summary>
    public FlagSet Flags { get; }

    /// <summary>The compiled flags.</summary>
    public FlagSnapshot Snapshot { get; }

    /// <summary>The rollouts, or <see langword="null"/> when the definitions have no <c>rollouts</c> section.</summary>
    public RolloutSet? Rollouts { get; }

    /// <summary>
    /// Reads and validates a JSON document; <paramref name="codeRollouts"/>, when set, replace its <c>rollouts</c>; the
    /// flags read from Microsoft.FeatureManagement configuration, when given, join the document's before its rollouts are checked.
    /// </summary>
    public static bool TryRead(string json, RolloutSet? codeRollouts, FeatureManagementFlags? featureManagement, [NotNullWhen(true)] out DefinitionsDocument? document, out IReadOnlyList<DefinitionError> errors)
    {
        var parsed = FlagSetJson.Parse(json);
        var all = new List<DefinitionError>();
        FlagSnapshot.TryCompile(parsed, out var snapshot, out var flagErrors);
        all.AddRange(flagErrors);
        snapshot = AddFeatureManagement(snapshot, featureManagement, all);
        RolloutSet? rollouts = null;
        if (codeRollouts is not null)
        {
            rollouts = codeRollouts;
            if (snapshot is not null)
            {
                all.AddRange(codeRollouts.Validate(snapshot));
            }
        }
        else if (HasRollouts(json))
        {
            if (snapshot is not null)
            {
                RolloutSetJson.TryLoad(json, snapshot, out rollouts, out var rolloutErrors);
                all.AddRange(rolloutErrors);
            }
            else
            {
                all.AddRange(RolloutSetJson.Parse(json).Errors); // structure only: meaning needs valid flags
            }
        }

        errors = all.AsReadOnly();
        document = all.Count == 0 && snapshot is not null ? new DefinitionsDocument(parsed.Definitions, snapshot, rollouts) : null;
        return document is not null;
    }

    /// <summary>Validates definitions built in code.</summary>
    public static bool TryCreate(FlagSet flags, RolloutSet? codeRollouts, FeatureManagementFlags? featureManagement, [NotNullWhen(true)] out DefinitionsDocument? document, out IReadOnlyList<DefinitionError> errors)
    {
        var all = new List<DefinitionError>();
        FlagSnapshot.TryCompile(flags, out var snapshot, out var flagErrors);
        all.AddRange(flagErrors);
        snapshot = AddFeatureManagement(snapshot, featureManagement, all);
        if (snapshot is not null && codeRollouts is not null)
        {
            all.AddRange(codeRollouts.Validate(snapshot));
        }

        errors = all.AsReadOnly();
        document = all.Count == 0 && snapshot is not null ? new DefinitionsDocument(flags, snapshot, codeRollouts) : null;
        return document is not null;
    }

    private static FlagSnapshot? AddFeatureManagement(FlagSnapshot? snapshot, FeatureManagementFlags? featureManagement, List<DefinitionError> errors)
    {
        if (snapshot is null || featureManagement is null)
        {
            return snapshot;
        }

        snapshot.TryAdd(featureManagement, out var combined, out var duplicates);
        errors.AddRange(duplicates);
        return combined;
    }

    /// <summary>Whether the document's root has a <c>rollouts</c> field (malformed JSON: let the readers report it).</summary>
    private static bool HasRollouts(string json)
    {
        try
        {
            using var parsed = JsonDocument.Parse(json, DocumentOptions);
            return parsed.RootElement.ValueKind == JsonValueKind.Object && parsed.RootElement.TryGetProperty("rollouts", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
