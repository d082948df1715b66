namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>A prerequisite: the flag (in the same snapshot) and the variant indexes that satisfy it (empty: any but its off variant).</summary>
internal sealed class CompiledPrerequisite(CompiledFlag flag, int[] allowedVariants, int definitionIndex)
{
    public CompiledFlag Flag { get; } = flag;

    public int[] AllowedVariants { get; } = allowedVariants;

    /// <summary>The index in the definition's prerequisite list, for error paths.</summary>
    public int DefinitionIndex { get; } = definitionIndex;
}
