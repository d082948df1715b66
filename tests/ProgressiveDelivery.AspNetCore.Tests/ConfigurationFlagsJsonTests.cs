using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ProgressiveDelivery.AspNetCore.Internal;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

namespace ProgressiveDelivery.AspNetCore.Tests;

public sealed class ConfigurationFlagsJsonTests
{
    private static JsonElement Convert(string appSettings) =>
        JsonDocument.Parse(ConfigurationFlagsJson.Write(new ConfigurationBuilder().AddJsonText(appSettings).Build().GetSection("PD"))).RootElement;

    [Fact]
    public void Write_TypedPositions_GetTheirJsonTypes()
    {
        var root = Convert("""
            { "PD": { "UnitHeaderName": "X", "flags": { "f": {
                "enabled": false, "defaultSplit": { "on": 12.5, "off": 87.5 }, "tags": [ "a", "b" ],
                "rules": [ { "conditions": [ { "attribute": "n", "operator": "greaterThan", "value": 10, "caseSensitive": true },
                                             { "attribute": "s", "operator": "in", "values": [ "007", "true", 3 ] } ], "variant": "on" } ] } } } }
            """);
        var flag = root.GetProperty("flags").GetProperty("f");

        Assert.False(root.TryGetProperty("UnitHeaderName", out _));
        Assert.Equal(JsonValueKind.False, flag.GetProperty("enabled").ValueKind);
        Assert.Equal(12.5, flag.GetProperty("defaultSplit").GetProperty("on").GetDouble());
        Assert.Equal(JsonValueKind.Array, flag.GetProperty("tags").ValueKind);
        var conditions = flag.GetProperty("rules")[0].GetProperty("conditions");
        Assert.Equal(10, conditions[0].GetProperty("value").GetInt32());
        Assert.Equal(JsonValueKind.True, conditions[0].GetProperty("caseSensitive").ValueKind);
        Assert.Equal("007", conditions[1].GetProperty("values")[0].GetString());
        Assert.Equal(JsonValueKind.True, conditions[1].GetProperty("values")[1].ValueKind);
        Assert.Equal(3, conditions[1].GetProperty("values")[2].GetInt32());
    }

    [Fact]
    public void Write_Variants_AreTypedTogether()
    {
        var flags = Convert("""
            { "PD": { "flags": {
                "b": { "variants": { "on": true, "off": false } },
                "n": { "variants": { "small": 10, "large": 250 } },
                "s": { "variants": { "a": "true", "b": "maybe" } },
                "j": { "variants": { "x": { "limit": 3, "names": [ "p", "q" ] } } } } } }
            """).GetProperty("flags");

        Assert.Equal(JsonValueKind.True, flags.GetProperty("b").GetProperty("variants").GetProperty("on").ValueKind);
        Assert.Equal(250, flags.GetProperty("n").GetProperty("variants").GetProperty("large").GetInt32());
        Assert.Equal("true", flags.GetProperty("s").GetProperty("variants").GetProperty("a").GetString());
        var json = flags.GetProperty("j").GetProperty("variants").GetProperty("x");
        Assert.Equal(3, json.GetProperty("limit").GetInt32());
        Assert.Equal("q", json.GetProperty("names")[1].GetString());
    }

    [Fact]
    public void Write_EmptyObjectsAndArrays_KeepTheirShape()
    {
        var flag = Convert("""{ "PD": { "flags": { "e": { "rules": [], "tags": [] }, "f": {} }, "segments": {} } }""").GetProperty("flags");

        Assert.Equal(JsonValueKind.Array, flag.GetProperty("e").GetProperty("rules").ValueKind);
        Assert.Equal(JsonValueKind.Object, flag.GetProperty("f").ValueKind);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("-12.5e+3", true)]
    [InlineData("007", false)]
    [InlineData("1.", false)]
    [InlineData("NaN", false)]
    [InlineData("", false)]
    public void IsNumber_FollowsTheJsonGrammar(string text, bool expected) =>
        Assert.Equal(expected, ConfigurationFlagsJson.IsNumber(text));
}
