using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>
/// The process-wide table is shared by every test of the run, so these tests use names of their own (a fresh GUID) and
/// hold whether or not the table is already full when they run.
/// </summary>
public class AttributeNameTableTests
{
    [Fact]
    public void GetOrAdd_SameNameAsAnotherString_ReturnsTheSameId()
    {
        var name = Unique("same");
        var copy = new string(name.AsSpan());

        var id = AttributeNameTable.GetOrAdd(name);

        Assert.NotSame(name, copy);
        Assert.Equal(id, AttributeNameTable.GetOrAdd(copy));
        Assert.Equal(id, AttributeNameTable.Find(copy));
        Assert.InRange(id, -1, AttributeNameTable.Capacity - 1);
    }

    [Fact]
    public void Find_UnknownName_DoesNotRegisterIt()
    {
        var name = Unique("unknown");
        var count = AttributeNameTable.Count;

        Assert.Equal(-1, AttributeNameTable.Find(name));
        Assert.Equal(-1, AttributeNameTable.Find(name));
        Assert.True(AttributeNameTable.Count >= count);
        Assert.True(AttributeNameTable.Count <= AttributeNameTable.Capacity);
    }

    [Fact]
    public void GetOrAdd_ManyDistinctNames_FillsUpToCapacityThenReturnsMinusOne()
    {
        var ids = new HashSet<int>();
        for (var i = 0; i < AttributeNameTable.Capacity + 10; i++)
        {
            var id = AttributeNameTable.GetOrAdd(Unique("many"));
            if (id >= 0)
            {
                Assert.True(ids.Add(id), $"id {id} was given twice");
            }
        }

        Assert.Equal(AttributeNameTable.Capacity, AttributeNameTable.Count);
        Assert.Equal(-1, AttributeNameTable.GetOrAdd(Unique("full")));
    }

    [Fact]
    public async Task GetOrAdd_ConcurrentRegistrations_EveryThreadSeesOneIdPerName()
    {
        var names = new string[16];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Unique("concurrent");
        }

        var results = new int[4][];
        using var start = new Barrier(results.Length);
        var tasks = new Task[results.Length];
        for (var t = 0; t < tasks.Length; t++)
        {
            var thread = t;
            tasks[t] = Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    var ids = new int[names.Length];
                    for (var i = 0; i < names.Length; i++)
                    {
                        // Each thread registers the names in its own order, with copies of the strings.
                        var n = (i + (thread * 5)) % names.Length;
                        ids[n] = AttributeNameTable.GetOrAdd(new string(names[n].AsSpan()));
                    }

                    results[thread] = ids;
                },
                TaskCreationOptions.LongRunning);
        }

        await Task.WhenAll(tasks);

        var seen = new HashSet<int>();
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var ids in results)
            {
                Assert.Equal(results[0][i], ids[i]);
            }

            Assert.Equal(results[0][i], AttributeNameTable.Find(names[i]));
            Assert.True(results[0][i] == -1 || seen.Add(results[0][i]), $"two names share id {results[0][i]}");
        }
    }

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");
}
