namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>How a <see cref="ConditionStep"/> is tested: inline for the common operators, else through its condition.</summary>
internal enum ConditionStepKind : byte
{
    /// <summary>Calls <see cref="CompiledCondition.Matches"/>.</summary>
    Call,

    /// <summary>Always holds: stands for a rule without conditions.</summary>
    Always,

    /// <summary>A number attribute against one number (<see cref="NumberCondition"/>).</summary>
    Number,

    /// <summary>A string attribute scanned against a few values, case-sensitively (<see cref="StringSetCondition"/>).</summary>
    StringSet,

    /// <summary>A string attribute whose leading number rules out one semantic-version operand (<see cref="SemVerCondition"/>).</summary>
    SemVerMajor,
}
