using System.Collections.Generic;

namespace ProgressiveDelivery.Flags;

/// <summary>The outcome of <see cref="FlagSetJson"/>.<c>Parse</c>: the definitions read and every structural error found.</summary>
/// <remarks>
/// Parsing checks the shape of the document (JSON syntax, types, field names, operator and kind names, required
/// fields, date literals). It does not check meaning (duplicate keys, references to unknown variants, segments or
/// flags, split weights, literal operands): compiling the definitions does that, for JSON and code alike.
/// </remarks>
public sealed class FlagSetParseResult
{
    internal FlagSetParseResult(FlagSet definitions, IReadOnlyList<DefinitionError> errors)
    {
        Definitions = definitions;
        Errors = errors;
    }

    /// <summary>
    /// The definitions read. Never <see langword="null"/>: when there are errors it holds what could be read (a field
    /// in error keeps its default; an unreadable document gives an empty set), for tooling. Do not evaluate it then.
    /// </summary>
    public FlagSet Definitions { get; }

    /// <summary>Every error found, in document order; empty on success.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    /// <summary>Whether the document was read without error.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Returns <see cref="Definitions"/> when the document was read without error.</summary>
    /// <returns>The definitions read.</returns>
    /// <exception cref="DefinitionException">The document has errors; the exception carries all of them.</exception>
    public FlagSet EnsureSucceeded() => Succeeded ? Definitions : throw new DefinitionException(Errors);
}
