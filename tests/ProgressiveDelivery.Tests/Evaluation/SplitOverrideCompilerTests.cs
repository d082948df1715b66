using System.Reflection;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Evaluation.Internal;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Evaluation;

public class SplitOverrideCompilerTests
{
    /// <summary>
    /// The compiler copies compiled flags property by property: a property added to <see cref="CompiledFlag"/> later
    /// must be copied too, or overridden snapshots would silently lose it. This test fails until it is.
    /// </summary>
    [Fact]
    public void Apply_CopiesEveryPropertyOfCompiledFlag()
    {
        var flags = FlagSnapshot.Compile(new FlagSetBuilder()
            .Flag("a", flag => flag.Variants(("x", "1"), ("y", "2")).DefaultVariant("x").Salt("s").BucketBy("org")
                .Rule(rule => rule.Where("tier", ConditionOperator.In, "beta").Serve("y")))
            .Flag("b", flag => flag.BooleanVariants().DefaultVariant("on").Prerequisite("a", "y"))
            .Build());
        var original = (System.Collections.Frozen.FrozenDictionary<string, CompiledFlag>)typeof(FlagSnapshot)
            .GetField("_flags", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(flags)!;
        var overrides = new System.Collections.Generic.Dictionary<string, SplitOverride> { ["other"] = new("other", "p", "q", 1) };

        var copied = SplitOverrideCompiler.Apply(original, overrides);

        foreach (var property in typeof(CompiledFlag).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            foreach (var key in new[] { "a", "b" })
            {
                var before = property.GetValue(original[key]);
                var after = property.GetValue(copied[key]);
                if (property.Name == nameof(CompiledFlag.Prerequisites))
                {
                    Assert.Equal(((CompiledPrerequisite[])before!).Length, ((CompiledPrerequisite[])after!).Length);
                    continue;
                }

                Assert.True(Equals(before, after), $"CompiledFlag.{property.Name} of '{key}' was not copied");
            }
        }

        Assert.Same(copied["a"], copied["b"].Prerequisites[0].Flag);
    }
}
