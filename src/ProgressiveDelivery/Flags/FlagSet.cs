using System.Collections.Generic;

namespace ProgressiveDelivery.Flags;

/// <summary>
/// A whole set of definitions as written by a user: flags and the segments they share. It is a plain, mutable
/// description; it is validated and compiled into an immutable snapshot before anything evaluates it.
/// </summary>
/// <remarks>
/// In JSON, <see cref="Flags"/> and <see cref="Segments"/> are objects keyed by flag and segment key
/// (<c>{ "flags": { "new-checkout": { ... } } }</c>); here they are lists in document order so that a duplicate key
/// can be represented and reported. Error paths use the JSON form: <c>$.flags['new-checkout'].rules[0]</c>.
/// </remarks>
public sealed class FlagSet
{
    /// <summary>The flags, in definition order.</summary>
    public IList<FlagDefinition> Flags { get; } = new List<FlagDefinition>();

    /// <summary>The reusable segments, in definition order.</summary>
    public IList<SegmentDefinition> Segments { get; } = new List<SegmentDefinition>();
}
