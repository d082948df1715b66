using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>Loading a snapshot straight from the JSON format (see <see cref="FlagSetJson"/>).</summary>
public sealed partial class FlagSnapshot
{
    /// <summary>Parses, validates and compiles JSON definitions.</summary>
    /// <param name="json">The definitions in the documented JSON format.</param>
    /// <returns>The compiled snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="DefinitionException">The JSON or the definitions are invalid; carries every error.</exception>
    public static FlagSnapshot FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryFromJson(json, out var snapshot, out var errors) ? snapshot : throw new DefinitionException(errors);
    }

    /// <summary>
    /// Parses, validates and compiles JSON definitions, reporting every error at once: the structural errors of the
    /// document (wrong types, unknown fields and operators) together with the semantic errors of what could be read
    /// (unknown variants, weights, cycles, literals). An error the reader already reported at a path is not repeated.
    /// </summary>
    /// <param name="json">The definitions in the documented JSON format.</param>
    /// <param name="snapshot">The compiled snapshot when there are no errors.</param>
    /// <param name="errors">Every error found, in document order (structural first), or an empty list.</param>
    /// <returns>Whether the definitions are valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static bool TryFromJson(string json, [NotNullWhen(true)] out FlagSnapshot? snapshot, out IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryCompile(FlagSetJson.Parse(json), out snapshot, out errors);
    }

    /// <summary>Validates and compiles the result of <see cref="FlagSetJson.Parse(string)"/>, combining its errors with the compiler's.</summary>
    /// <param name="parsed">What the JSON reader produced.</param>
    /// <param name="snapshot">The compiled snapshot when there are no errors.</param>
    /// <param name="errors">Every error found, structural first, or an empty list.</param>
    /// <returns>Whether the definitions are valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parsed"/> is <see langword="null"/>.</exception>
    public static bool TryCompile(FlagSetParseResult parsed, [NotNullWhen(true)] out FlagSnapshot? snapshot, out IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (TryCompile(parsed.Definitions, out snapshot, out var compileErrors) && parsed.Succeeded)
        {
            errors = [];
            return true;
        }

        snapshot = null;
        if (parsed.Succeeded)
        {
            errors = compileErrors;
            return false;
        }

        // A field the reader rejected reaches the compiler as its default, so the compiler may complain about the same
        // path again (a missing attribute, an empty prerequisite flag): keep the reader's error, which says why.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var combined = new List<DefinitionError>(parsed.Errors.Count + compileErrors.Count);
        foreach (var error in parsed.Errors)
        {
            reported.Add(error.Path);
            combined.Add(error);
        }

        foreach (var error in compileErrors)
        {
            if (!reported.Contains(error.Path))
            {
                combined.Add(error);
            }
        }

        errors = combined;
        return false;
    }
}
