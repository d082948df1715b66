using System;
using System.Threading;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// A process-wide table that gives the first <see cref="Capacity"/> distinct attribute names a small id, so that a
/// condition finds its attribute in a context by a bit test instead of comparing names. Conditions register their
/// attribute when a snapshot is compiled, contexts their names when they are built; an id never changes once given.
/// </summary>
/// <remarks>
/// Thread-safe: lookups read without locking (a name is written before the count that publishes it), registrations
/// take a lock. The table never grows past <see cref="Capacity"/> names, so it cannot leak however many distinct names
/// an application uses; names that get no id (-1) are found by comparing names, as before the table existed.
/// Looking up or registering a name already in the table never allocates.
/// </remarks>
internal static class AttributeNameTable
{
    /// <summary>The most names given an id: one bit each in <see cref="EvaluationContext"/>'s presence mask.</summary>
    public const int Capacity = 64;

    private static readonly string[] s_names = new string[Capacity];
    private static readonly object s_gate = new();
    private static int s_count;

    /// <summary>How many names have an id (ids are 0 to <c>Count - 1</c>).</summary>
    public static int Count => Volatile.Read(ref s_count);

    /// <summary>The id of <paramref name="name"/>, registering it when it has none yet; -1 once the table is full.</summary>
    public static int GetOrAdd(string name)
    {
        var count = Volatile.Read(ref s_count);
        var id = IndexOf(name, 0, count);
        if (id >= 0 || count == Capacity)
        {
            return id;
        }

        lock (s_gate)
        {
            var current = s_count;
            id = IndexOf(name, count, current);
            if (id >= 0 || current == Capacity)
            {
                return id;
            }

            s_names[current] = name;
            Volatile.Write(ref s_count, current + 1);
            return current;
        }
    }

    /// <summary>The id of <paramref name="name"/>, or -1 when it has none (never registers).</summary>
    public static int Find(string name) => IndexOf(name, 0, Volatile.Read(ref s_count));

    private static int IndexOf(string name, int start, int end)
    {
        // Names are usually the same interned literal everywhere: compare references before characters.
        var names = s_names;
        for (var i = start; i < end; i++)
        {
            if (ReferenceEquals(names[i], name))
            {
                return i;
            }
        }

        for (var i = start; i < end; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
