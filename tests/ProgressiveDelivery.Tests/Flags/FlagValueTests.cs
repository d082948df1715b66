using System;
using System.Text.Json;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Tests.Flags;

public class FlagValueTests
{
    [Fact]
    public void FromBoolean_ReadsBack()
    {
        Assert.True(FlagValue.FromBoolean(true).AsBoolean());
        Assert.False(FlagValue.FromBoolean(false).AsBoolean());
        Assert.Equal(FlagValueKind.Boolean, FlagValue.True.Kind);
    }

    [Fact]
    public void AsString_OnNumber_ThrowsNamingBothKinds()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FlagValue.FromNumber(1.5).AsString());
        Assert.Contains("Number", error.Message, StringComparison.Ordinal);
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromNumber_NaN_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FlagValue.FromNumber(double.NaN));

    [Fact]
    public void FromJson_ClonesSoDocumentMayBeDisposed()
    {
        FlagValue value;
        using (var document = JsonDocument.Parse("""{"color":"blue","n":[1,2]}"""))
        {
            value = FlagValue.FromJson(document.RootElement);
        }

        Assert.Equal("blue", value.AsJson().GetProperty("color").GetString());
        Assert.Equal(FlagValue.FromJson(JsonDocument.Parse("""{"color":"blue","n":[1,2]}""").RootElement), value);
    }

    [Fact]
    public void FromJson_Scalar_Throws() =>
        Assert.Throws<ArgumentException>(() => FlagValue.FromJson(JsonDocument.Parse("3").RootElement));

    [Fact]
    public void ToString_NumberIsInvariant() => Assert.Equal("0.25", FlagValue.FromNumber(0.25).ToString());

    [Fact]
    public void Equality_DistinguishesKinds()
    {
        Assert.NotEqual(FlagValue.FromString("true"), FlagValue.True);
        Assert.Equal(FlagValue.FromString("a"), FlagValue.FromString("a"));
        Assert.True(default(FlagValue) == default);
    }
}
