namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// What a rule or the default serves: a fixed variant, or a split as cumulative bucket boundaries. Arm <c>i</c> takes
/// buckets <c>[Boundaries[i-1], Boundaries[i])</c>, so consecutive ranges in listed order, and the last boundary is 10,000.
/// </summary>
internal sealed class CompiledServe
{
    private CompiledServe(int variant, int[]? boundaries, int[]? armVariants)
    {
        Variant = variant;
        Boundaries = boundaries;
        ArmVariants = armVariants;
    }

    /// <summary>The fixed variant index, or -1 for a split.</summary>
    public int Variant { get; }

    public int[]? Boundaries { get; }

    public int[]? ArmVariants { get; }

    public bool IsSplit => Boundaries is not null;

    public static CompiledServe Fixed(int variant) => new(variant, null, null);

    public static CompiledServe Split(int[] boundaries, int[] armVariants) => new(-1, boundaries, armVariants);

    /// <summary>The variant index of the arm that owns <paramref name="bucket"/>.</summary>
    /// <remarks>
    /// Counts the boundaries at or below the bucket instead of branching on each: which arm a unit falls in is random,
    /// so a branch per arm would be mispredicted about every other evaluation.
    /// </remarks>
    public int SelectVariant(int bucket)
    {
        var boundaries = Boundaries!;
        var arm = 0;

        // The last boundary is the bucket count, above every bucket of a validated split.
        for (var i = 0; i < boundaries.Length - 1; i++)
        {
            arm += bucket >= boundaries[i] ? 1 : 0;
        }

        return ArmVariants![arm];
    }
}
