using System;
using System.Globalization;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.Tests.Evaluation;

public class EvaluationContextTests
{
    [Fact]
    public void ForUnit_SetsTargetingKeyOnly()
    {
        var context = EvaluationContext.ForUnit("user-42");
        Assert.Equal("user-42", context.TargetingKey);
        Assert.Empty(context.AttributeNames);
        Assert.True(context.HasAttribute("key"));
        Assert.False(EvaluationContext.Empty.HasAttribute("key"));
    }

    [Fact]
    public void ForUnit_NullOrEmpty_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => EvaluationContext.ForUnit(null!));
        Assert.Throws<ArgumentException>(() => EvaluationContext.ForUnit(string.Empty));
    }

    [Fact]
    public void TryGet_TypedAttributes_ReadBackOnlyAsTheirType()
    {
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1));
        var context = new EvaluationContextBuilder("u")
            .Set("s", "text").Set("n", 4.5).Set("b", true).Set("d", when).Set("l", ["x", "y"])
            .Build();

        Assert.True(context.TryGetString("s", out var s) && s == "text");
        Assert.True(context.TryGetNumber("n", out var n) && n == 4.5);
        Assert.True(context.TryGetBoolean("b", out var b) && b);
        Assert.True(context.TryGetDate("d", out var d) && d == when && d.Offset == TimeSpan.Zero);
        Assert.True(context.TryGetStringList("l", out var l) && l!.Count == 2);
        Assert.False(context.TryGetNumber("s", out _));
        Assert.False(context.TryGetString("absent", out var absent));
        Assert.Null(absent);
        Assert.Equal(["s", "n", "b", "d", "l"], context.AttributeNames);
    }

    [Fact]
    public void AttributeNames_NamesWithIdsInAnotherOrder_KeepsTheOrderSet()
    {
        var first = "order-" + Guid.NewGuid().ToString("N");
        var second = "order-" + Guid.NewGuid().ToString("N");
        ProgressiveDelivery.Evaluation.Internal.AttributeNameTable.GetOrAdd(second); // second gets the lower id (if any)

        var context = new EvaluationContextBuilder("u").Set(first, 1).Set("x", "y").Set(second, 2).Build();

        Assert.Equal([first, "x", second], context.AttributeNames);
        Assert.True(context.TryGetNumber(first, out var one) && one == 1);
        Assert.True(context.TryGetNumber(second, out var two) && two == 2);
        Assert.True(context.TryGetString("x", out var x) && x == "y");
    }

    [Fact]
    public void TryGet_ManyAttributes_FindsAll()
    {
        var builder = new EvaluationContextBuilder("u");
        for (var i = 0; i < 40; i++)
        {
            builder.Set("a" + i.ToString(CultureInfo.InvariantCulture), i);
        }

        var context = builder.Build();
        for (var i = 0; i < 40; i++)
        {
            Assert.True(context.TryGetNumber("a" + i.ToString(CultureInfo.InvariantCulture), out var value));
            Assert.Equal(i, value);
        }

        Assert.False(context.HasAttribute("a40"));
    }
}
