using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ProgressiveDelivery.Evaluation.Internal;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// Who a flag is evaluated for: the targeting key (unit id) and typed attributes (strings, numbers, booleans, dates and
/// string lists). Create one per request or unit and reuse it for any number of evaluations; it is immutable and
/// thread-safe, and evaluating against it never allocates.
/// </summary>
/// <remarks>
/// Create one with <see cref="ForUnit(string)"/> or <see cref="EvaluationContextBuilder"/>. Attribute names are compared
/// ordinally (case-sensitively). Conditions find an attribute by a bit test on a small process-wide name id (the
/// first 64 distinct attribute names get one), other lookups scan the names. The condition attribute <c>key</c> (<see cref="ConditionDefinition.TargetingKeyAttribute"/>)
/// always means <see cref="TargetingKey"/>, so no attribute may be named <c>key</c>.
/// </remarks>
public sealed class EvaluationContext
{
    // The values are stored in the order of AttributeNameTable ids (names with an id first, by id; then the others in
    // the order set), so that the index of the attribute with id i is the number of lower ids present: a bit count.
    private readonly AttributeValue[] _values;

    // The names in the stored order (a string[]), or, when the order set differs from it, a ReorderedNames with both.
    // One field for both keeps the context at 48 bytes (one per request in the middleware).
    private readonly object _names;

    // Bit i set: the attribute whose AttributeNameTable id is i is present. Every name of the context with an id is in
    // it (the builder registers its names), so a clear bit means absent.
    private readonly ulong _idMask;

    internal EvaluationContext(string? targetingKey, string[] names, AttributeValue[] values, ulong idMask = 0, string[]? namesAsSet = null)
    {
        TargetingKey = targetingKey;
        _names = namesAsSet is null ? names : new ReorderedNames(names, namesAsSet);
        _values = values;
        _idMask = idMask;
    }

    /// <summary>A context with no targeting key and no attributes (anonymous evaluation; splits fail with <c>targeting_key_missing</c>).</summary>
    public static EvaluationContext Empty { get; } = new(null, [], []);

    /// <summary>The unit id bucketed by splits and named <c>key</c> in conditions, or <see langword="null"/> when anonymous.</summary>
    public string? TargetingKey { get; }

    /// <summary>The names of the attributes, in the order they were first set (without the targeting key).</summary>
    public IReadOnlyList<string> AttributeNames => _names as string[] ?? Unsafe.As<ReorderedNames>(_names).AsSet;

    // The names in the stored order, aligned with the values.
    private string[] StoredNames => _names as string[] ?? Unsafe.As<ReorderedNames>(_names).Stored;

    /// <summary>Creates a context that has only a targeting key.</summary>
    /// <param name="targetingKey">The unit id (user, session, tenant id).</param>
    /// <exception cref="ArgumentNullException"><paramref name="targetingKey"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="targetingKey"/> is empty.</exception>
    public static EvaluationContext ForUnit(string targetingKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetingKey);
        return new EvaluationContext(targetingKey, [], []);
    }

    /// <summary>Whether the attribute is present; <c>key</c> is present when there is a targeting key.</summary>
    /// <param name="name">The attribute name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool HasAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Equals(name, ConditionDefinition.TargetingKeyAttribute, StringComparison.Ordinal)
            ? TargetingKey is not null
            : IndexOf(name) >= 0;
    }

    /// <summary>Reads a string attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value, or <see langword="null"/> when absent or of another type.</param>
    /// <returns>Whether the attribute is present and a string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetString(string name, out string? value)
    {
        var found = TryGetChecked(name, AttributeKind.String, out var attribute);
        value = found ? attribute.String : null;
        return found;
    }

    /// <summary>Reads a number attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value, or 0 when absent or of another type.</param>
    /// <returns>Whether the attribute is present and a number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetNumber(string name, out double value)
    {
        var found = TryGetChecked(name, AttributeKind.Number, out var attribute);
        value = found ? attribute.Number : 0;
        return found;
    }

    /// <summary>Reads a boolean attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value, or <see langword="false"/> when absent or of another type.</param>
    /// <returns>Whether the attribute is present and a boolean.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetBoolean(string name, out bool value)
    {
        var found = TryGetChecked(name, AttributeKind.Boolean, out var attribute);
        value = found && attribute.Number != 0;
        return found;
    }

    /// <summary>Reads a date attribute (always returned in UTC).</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value, or <c>default</c> when absent or of another type.</param>
    /// <returns>Whether the attribute is present and a date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetDate(string name, out DateTimeOffset value)
    {
        var found = TryGetChecked(name, AttributeKind.Date, out var attribute);
        value = found ? new DateTimeOffset(attribute.UtcTicks, TimeSpan.Zero) : default;
        return found;
    }

    /// <summary>Reads a string-list attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The values, or <see langword="null"/> when absent or of another type.</param>
    /// <returns>Whether the attribute is present and a string list.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool TryGetStringList(string name, out IReadOnlyList<string>? value)
    {
        var found = TryGetChecked(name, AttributeKind.StringList, out var attribute);
        value = found ? attribute.List : null;
        return found;
    }

    /// <summary>Looks an attribute up by ordinal name (not <c>key</c>: callers resolve the targeting key). Never allocates.</summary>
    internal bool TryGetAttribute(string name, out AttributeValue value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            value = default;
            return false;
        }

        value = _values[index];
        return true;
    }

    /// <summary>
    /// The attribute's value by reference, without copying it, or a null reference (test with
    /// <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) when absent. Never allocates.
    /// </summary>
    internal ref readonly AttributeValue Find(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return ref Unsafe.NullRef<AttributeValue>();
        }

        return ref _values[index];
    }

    /// <summary>
    /// <see cref="Find(string)"/> for a condition that knows the <see cref="AttributeNameTable"/> id of its attribute:
    /// a bit test and a bit count instead of comparing names. Never allocates.
    /// </summary>
    /// <param name="nameId">The id of <paramref name="name"/>, or -1 when it has none.</param>
    /// <param name="name">The attribute name.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly AttributeValue Find(int nameId, string name)
    {
        if ((uint)nameId >= AttributeNameTable.Capacity)
        {
            return ref Find(name);
        }

        return ref FindById(nameId);
    }

    /// <summary>Bit i set: the attribute whose <see cref="AttributeNameTable"/> id is i is present.</summary>
    internal ulong IdMask => _idMask;

    /// <summary>The first of the stored values (a reference to be offset by <see cref="FindById"/>'s bit count; never read when there are none).</summary>
    internal ref AttributeValue FirstValue => ref MemoryMarshal.GetArrayDataReference(_values);

    /// <summary>
    /// <see cref="Find(int, string)"/> for an id known to be below <see cref="AttributeNameTable.Capacity"/>. The builder
    /// stored the attributes with ids first, by id, so this one's index is the number of lower ids present.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly AttributeValue FindById(int nameId)
    {
        var mask = _idMask;
        var bit = 1UL << nameId;
        if ((mask & bit) == 0)
        {
            return ref Unsafe.NullRef<AttributeValue>();
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_values), BitOperations.PopCount(mask & (bit - 1)));
    }

    private bool TryGetChecked(string name, AttributeKind kind, out AttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGetAttribute(name, out value) && value.Kind == kind;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOf(string name)
    {
        // Condition attributes and context names are usually the same interned literal: a pointer scan finds them
        // without reading any characters. Only a miss pays for ordinal comparisons.
        var names = StoredNames;
        for (var i = 0; i < names.Length; i++)
        {
            if (ReferenceEquals(names[i], name))
            {
                return i;
            }
        }

        return IndexOfOrdinal(name);
    }

    private int IndexOfOrdinal(string name)
    {
        var names = StoredNames;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The names of a context whose stored order is not the order they were set in.</summary>
    private sealed class ReorderedNames(string[] stored, string[] asSet)
    {
        public string[] Stored { get; } = stored;

        public string[] AsSet { get; } = asSet;
    }
}
