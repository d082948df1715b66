using System.Text.Json;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>How the definition readers name what they found, in "Expected a string, found a number" messages.</summary>
internal static class JsonValueKinds
{
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
