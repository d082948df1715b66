using System;
using ProgressiveDelivery.Bucketing;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// The unit (user, session, tenant) an observation belongs to, as a 32-bit hash of its id under a fixed analysis salt
/// that no flag uses, so it is independent of which arm the unit was assigned to. Observations keep per-unit structure
/// through it in O(1) memory: the unit picks one of <see cref="CellCount"/> analysis cells (its hash's top bits) and one
/// slot of a <see cref="UnitSet"/> (its top 18 bits, which begin with the cell's).
/// </summary>
/// <remarks>
/// Requests of one unit are not independent (a heavy user, a user whose every checkout fails, a user on a slow
/// device); units are, because assignment is by unit. Cells are random groups of units, so per-cell sums are
/// independent and identically distributed whatever happens inside a unit, which is what the judge's unit-level
/// tests rest on (docs/judge-units.md). Every process computes the same key for the same id, so summaries of several
/// processes merge cell by cell.
/// </remarks>
public readonly struct UnitKey : IEquatable<UnitKey>
{
    /// <summary>The salt of the analysis hash: <c>progressive-delivery/analysis</c>.</summary>
    public const string Salt = "progressive-delivery/analysis";

    /// <summary>The number of analysis cells per arm: 128.</summary>
    public const int CellCount = 1 << CellBits;

    private const int CellBits = 7;

    /// <summary>Creates a key from an analysis hash (from <see cref="FromId"/>, or computed elsewhere the same way).</summary>
    /// <param name="hash">The hash.</param>
    public UnitKey(uint hash) => Hash = hash;

    /// <summary>
    /// Gets the key used when the unit is unknown. Every observation without a unit then counts as one and the same
    /// unit, which unit-level tests read, conservatively, as a single unit.
    /// </summary>
    public static UnitKey None => default;

    /// <summary>Gets the analysis hash: <see cref="Bucketer.Hash"/> of the unit id under <see cref="Salt"/>.</summary>
    public uint Hash { get; }

    /// <summary>Gets the unit's analysis cell, in [0, <see cref="CellCount"/>).</summary>
    public int Cell => (int)(Hash >> (32 - CellBits));

    /// <summary>Computes the key of a unit id. Allocation-free.</summary>
    /// <param name="unitId">The unit id (the targeting key the flag was evaluated with).</param>
    /// <returns>The key.</returns>
    public static UnitKey FromId(ReadOnlySpan<char> unitId) => new(Bucketer.Hash(Salt, unitId));

    /// <summary>Compares two keys.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns>Whether their hashes are equal.</returns>
    public static bool operator ==(UnitKey left, UnitKey right) => left.Equals(right);

    /// <summary>Compares two keys.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns>Whether their hashes differ.</returns>
    public static bool operator !=(UnitKey left, UnitKey right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(UnitKey other) => Hash == other.Hash;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is UnitKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Hash;

    /// <inheritdoc/>
    public override string ToString() => Hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
