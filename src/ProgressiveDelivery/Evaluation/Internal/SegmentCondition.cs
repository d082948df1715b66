namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary><c>inSegment</c> (the unit is in any of the segments) and <c>notInSegment</c> (in none). The attribute is not used.</summary>
internal sealed class SegmentCondition(CompiledSegment[] segments, bool negate) : CompiledCondition(string.Empty)
{
    public override bool Matches(EvaluationContext context)
    {
        foreach (var segment in segments)
        {
            if (segment.Contains(context))
            {
                return !negate;
            }
        }

        return negate;
    }
}
