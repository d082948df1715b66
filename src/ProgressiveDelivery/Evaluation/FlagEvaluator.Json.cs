using System;
using ProgressiveDelivery.Flags;
using System.Collections.Generic;

namespace ProgressiveDelivery.Evaluation;

/// <summary>Reloading from the JSON format.</summary>
public sealed partial class FlagEvaluator
{
    /// <summary>
    /// Parses, validates and compiles JSON definitions and installs them when valid; when the document has any error,
    /// the current snapshot stays active and <paramref name="errors"/> says why (every error, with its path).
    /// </summary>
    /// <param name="json">The definitions in the documented JSON format.</param>
    /// <param name="errors">Every error found, or an empty list.</param>
    /// <returns>Whether the definitions were valid and are now active.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public bool TryUpdateFromJson(string json, out IReadOnlyList<DefinitionError> errors)
    {
        if (!FlagSnapshot.TryFromJson(json, out var snapshot, out errors))
        {
            return false;
        }

        Update(snapshot);
        return true;
    }
}
