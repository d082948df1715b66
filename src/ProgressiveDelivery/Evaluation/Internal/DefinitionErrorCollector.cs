using System.Collections.Generic;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Collects every <see cref="DefinitionError"/> found while compiling. The compiler visits definitions in several passes;
/// each error is tagged with the position of the segment or flag it belongs to (<see cref="Position"/>), and
/// <see cref="GetErrors"/> returns them stably sorted by it, so that they come out in document order.
/// </summary>
internal sealed class DefinitionErrorCollector
{
    private readonly List<(int Position, DefinitionError Error)> _errors = [];

    public int Count => _errors.Count;

    /// <summary>The document position errors are currently reported for: segments first, then flags, then whole-set checks.</summary>
    public int Position { get; set; }

    public void Add(string path, string? key, string code, string message) =>
        _errors.Add((Position, new DefinitionError(path, key, code, message)));

    public IReadOnlyList<DefinitionError> GetErrors()
    {
        var sorted = new List<(int Position, int Sequence, DefinitionError Error)>(_errors.Count);
        for (var i = 0; i < _errors.Count; i++)
        {
            sorted.Add((_errors[i].Position, i, _errors[i].Error));
        }

        sorted.Sort(static (left, right) => left.Position != right.Position
            ? left.Position.CompareTo(right.Position)
            : left.Sequence.CompareTo(right.Sequence));
        var errors = new DefinitionError[sorted.Count];
        for (var i = 0; i < errors.Length; i++)
        {
            errors[i] = sorted[i].Error;
        }

        return errors;
    }
}
