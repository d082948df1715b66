using System;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.Tests.Evaluation;

public class EvaluationContextBuilderTests
{
    [Fact]
    public void Set_SameNameTwice_ReplacesValueAndType()
    {
        var context = new EvaluationContextBuilder("u").Set("x", "first").Set("x", 2).Build();
        Assert.Single(context.AttributeNames);
        Assert.True(context.TryGetNumber("x", out var value));
        Assert.Equal(2, value);
    }

    [Fact]
    public void Set_InvalidArguments_Throw()
    {
        var builder = new EvaluationContextBuilder();
        Assert.Throws<ArgumentException>(() => builder.Set("key", "x"));
        Assert.Throws<ArgumentException>(() => builder.Set(string.Empty, "x"));
        Assert.Throws<ArgumentNullException>(() => builder.Set(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => builder.Set("s", (string)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Set("n", double.NaN));
        Assert.Throws<ArgumentNullException>(() => builder.Set("l", [null!]));
        Assert.Throws<ArgumentException>(() => new EvaluationContextBuilder(string.Empty));
    }

    [Fact]
    public void Build_Twice_SnapshotsBuilderState()
    {
        var builder = new EvaluationContextBuilder("u").Set("x", 1);
        var first = builder.Build();
        builder.Set("y", 2).SetTargetingKey(null);
        Assert.False(first.HasAttribute("y"));
        Assert.Equal("u", first.TargetingKey);
        Assert.Null(builder.Build().TargetingKey);
    }
}
