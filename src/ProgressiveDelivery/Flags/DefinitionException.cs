using System;
using System.Collections.Generic;
using System.Text;

namespace ProgressiveDelivery.Flags;

/// <summary>Thrown when definitions are rejected; carries every error found, not only the first.</summary>
public sealed class DefinitionException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is <see langword="null"/>.</exception>
    public DefinitionException(IReadOnlyList<DefinitionError> errors)
        : base(FormatMessage(errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
    }

    /// <summary>Every error found, in document order.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<DefinitionError> errors)
    {
        var builder = new StringBuilder();
        builder.Append("The progressive-delivery definitions are invalid (")
            .Append(errors.Count)
            .Append(errors.Count == 1 ? " error):" : " errors):");
        foreach (var error in errors)
        {
            builder.AppendLine().Append("  ").Append(error.ToString());
        }

        return builder.ToString();
    }
}
