using System;

namespace ProgressiveDelivery.Flags;

/// <summary>Builds a <see cref="FlagSet"/> in code, as an alternative to JSON.</summary>
/// <example>
/// <code>
/// var set = new FlagSetBuilder()
///     .Segment("beta", s => s.Include("user-1").Where("email", ConditionOperator.EndsWith, "@contoso.com"))
///     .Flag("new-checkout", f => f
///         .Kind(FlagKind.Release).Owner("payments")
///         .BooleanVariants()
///         .Rule(r => r.Named("internal").Where("country", ConditionOperator.In, "NL", "BE").Serve("on"))
///         .Rule(r => r.InSegment("beta").Split(("on", 50), ("off", 50)))
///         .DefaultSplit(("on", 10), ("off", 90)))
///     .Build();
/// </code>
/// </example>
/// <remarks>
/// The builder checks arguments only. The set it builds is not validated: compiling it reports the same errors as for
/// a JSON document (paths in the JSON form, e.g. <c>$.flags['new-checkout'].rules[1].split</c>). A repeated flag or
/// segment key is kept, in order, for the compiler to report.
/// </remarks>
public sealed class FlagSetBuilder
{
    private readonly FlagSet _set = new();
    private bool _built;

    /// <summary>Adds a flag.</summary>
    /// <param name="key">The flag key.</param>
    /// <param name="configure">Configures the flag; called at once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was called already.</exception>
    public FlagSetBuilder Flag(string key, Action<FlagBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(configure);
        ThrowIfBuilt();
        var flag = new FlagDefinition { Key = key };
        configure(new FlagBuilder(flag));
        _set.Flags.Add(flag);
        return this;
    }

    /// <summary>Adds a segment.</summary>
    /// <param name="key">The segment key.</param>
    /// <param name="configure">Configures the segment; called at once.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was called already.</exception>
    public FlagSetBuilder Segment(string key, Action<SegmentBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(configure);
        ThrowIfBuilt();
        var segment = new SegmentDefinition { Key = key };
        configure(new SegmentBuilder(segment));
        _set.Segments.Add(segment);
        return this;
    }

    /// <summary>Returns the definitions built, unvalidated. A builder builds once.</summary>
    /// <returns>The flag set.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was called already.</exception>
    public FlagSet Build()
    {
        ThrowIfBuilt();
        _built = true;
        return _set;
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("The flag set was built already; use a new FlagSetBuilder for another set.");
        }
    }
}
