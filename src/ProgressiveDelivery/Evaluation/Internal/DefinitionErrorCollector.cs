using System.Collections.Generic;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>Collects every <see cref="DefinitionError"/> found while compiling, in the order found.</summary>
internal sealed class DefinitionErrorCollector
{
    private readonly List<DefinitionError> _errors = [];

    public int Count => _errors.Count;

    public IReadOnlyList<DefinitionError> Errors => _errors;

    public void Add(string path, string? key, string code, string message) => _errors.Add(new DefinitionError(path, key, code, message));
}
