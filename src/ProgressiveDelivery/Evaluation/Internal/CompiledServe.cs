using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// What a rule or the default serves: a fixed variant, or a split as cumulative bucket boundaries. Arm <c>i</c> takes
/// buckets <c>[Boundaries[i-1], Boundaries[i])</c>, so consecutive ranges in listed order, and the last boundary is 10,000.
/// </summary>
internal sealed class CompiledServe
{
    // For splits of up to 4 arms (nearly all): the first 3 boundaries, int.MaxValue where there are fewer arms, so that
    // SelectVariant is three compares and no loop.
    private readonly int _first;
    private readonly int _second;
    private readonly int _third;
    private readonly bool _fewArms;

    private CompiledServe(int variant, int[]? boundaries, int[]? armVariants)
    {
        Variant = variant;
        Boundaries = boundaries;
        ArmVariants = armVariants;
        WholeVariant = -1;
        if (boundaries is not null)
        {
            for (var i = 0; i < boundaries.Length; i++)
            {
                if (boundaries[i] - (i == 0 ? 0 : boundaries[i - 1]) >= Bucketing.Bucketer.BucketCount)
                {
                    WholeVariant = armVariants![i];
                }
            }
        }

        if (boundaries is { Length: <= 4 })
        {
            _fewArms = true;
            _first = boundaries.Length > 1 ? boundaries[0] : int.MaxValue;
            _second = boundaries.Length > 2 ? boundaries[1] : int.MaxValue;
            _third = boundaries.Length > 3 ? boundaries[2] : int.MaxValue;
        }
    }

    /// <summary>The fixed variant index, or -1 for a split.</summary>
    public int Variant { get; }

    public int[]? Boundaries { get; }

    public int[]? ArmVariants { get; }

    public bool IsSplit => Boundaries is not null;

    /// <summary>
    /// For a split with one arm over every bucket (a rollout at 0% or 100%, a split of 100/0), that arm's variant: every
    /// unit gets it, so the unit need not be hashed. Otherwise -1.
    /// </summary>
    public int WholeVariant { get; }

    public static CompiledServe Fixed(int variant) => new(variant, null, null);

    /// <exception cref="System.ArgumentException">There are no arms, or not one variant per boundary (<see cref="SelectVariant"/> reads both unchecked).</exception>
    public static CompiledServe Split(int[] boundaries, int[] armVariants) =>
        boundaries.Length > 0 && armVariants.Length == boundaries.Length
            ? new(-1, boundaries, armVariants)
            : throw new System.ArgumentException("A split has one variant per boundary, and at least one arm.", nameof(armVariants));

    /// <summary>The variant index of the arm that owns <paramref name="bucket"/>.</summary>
    /// <remarks>
    /// Counts the boundaries at or below the bucket instead of branching on each: which arm a unit falls in is random,
    /// so a branch per arm would be mispredicted about every other evaluation.
    /// </remarks>
    public int SelectVariant(int bucket)
    {
        // Unchecked reads: a split has as many arms as boundaries (both at least one), and arm < boundaries.Length.
        int arm;
        if (_fewArms)
        {
            arm = (bucket >= _first ? 1 : 0) + (bucket >= _second ? 1 : 0) + (bucket >= _third ? 1 : 0);
            return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ArmVariants!), arm);
        }

        var boundaries = Boundaries!;
        ref var boundary = ref MemoryMarshal.GetArrayDataReference(boundaries);
        arm = 0;

        // The last boundary is the bucket count, above every bucket of a validated split.
        for (var i = 0; i < boundaries.Length - 1; i++)
        {
            arm += bucket >= Unsafe.Add(ref boundary, i) ? 1 : 0;
        }

        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ArmVariants!), arm);
    }
}
