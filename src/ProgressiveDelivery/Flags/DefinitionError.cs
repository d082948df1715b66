namespace ProgressiveDelivery.Flags;

/// <summary>One problem found while loading or validating definitions.</summary>
/// <param name="Path">The JSON path of the offending field, e.g. <c>$.flags['new-checkout'].rules[0].conditions[1].operator</c>.</param>
/// <param name="FlagKey">The key of the flag (or segment) the problem is in, when it is in one.</param>
/// <param name="Code">A stable, machine-readable code (see <see cref="DefinitionErrorCodes"/>).</param>
/// <param name="Message">A sentence that says what is wrong and what is expected.</param>
public sealed record DefinitionError(string Path, string? FlagKey, string Code, string Message)
{
    /// <summary>The error as one line: <c>path: message [code]</c>.</summary>
    public override string ToString() => $"{Path}: {Message} [{Code}]";
}
