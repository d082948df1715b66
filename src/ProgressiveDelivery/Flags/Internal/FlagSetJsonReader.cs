using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>
/// Walks a parsed JSON document into a <see cref="FlagSet"/>, reporting every structural error with its path and
/// carrying on past it, so that one pass finds them all.
/// </summary>
internal sealed partial class FlagSetJsonReader
{
    private static readonly string[] DateFormats =
    [
        "yyyy'-'MM'-'dd",
        "yyyy'-'MM'-'dd'T'HH':'mmK",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ssK",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFFK",
    ];

    private readonly List<DefinitionError> _errors = [];

    // The key of the flag or segment being read, for DefinitionError.FlagKey.
    private string? _ownerKey;

    private FlagSetJsonReader()
    {
    }

    public static FlagSetParseResult Read(JsonElement root)
    {
        var reader = new FlagSetJsonReader();
        var set = new FlagSet();
        reader.ReadRoot(root, set);
        return new FlagSetParseResult(set, reader._errors.AsReadOnly());
    }

    public static FlagSetParseResult InvalidJson(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            message = message[..cut];
        }

        // System.Text.Json quotes the rest of the input, new lines included; an error stays on one line.
        message = message.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

        var position = exception.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {(exception.BytePositionInLine ?? 0) + 1} of the line)")
            : string.Empty;
        var error = new DefinitionError(
            JsonDefinitionPath.Root,
            null,
            DefinitionErrorCodes.InvalidJson,
            $"The document is not valid JSON{position}: {message.TrimEnd()}");
        return new FlagSetParseResult(new FlagSet(), [error]);
    }

    public static FlagSetParseResult InvalidUtf16(string json, int index)
    {
        var lineStart = index == 0 ? 0 : json.LastIndexOf('\n', index - 1) + 1;
        var line = json.AsSpan(0, index).Count('\n') + 1;
        var error = new DefinitionError(
            JsonDefinitionPath.Root,
            null,
            DefinitionErrorCodes.InvalidJson,
            string.Create(CultureInfo.InvariantCulture, $"The document has an unpaired surrogate character (line {line}, character {index - lineStart + 1} of the line)."));
        return new FlagSetParseResult(new FlagSet(), [error]);
    }

    public static FlagSetParseResult InvalidUtf8(ReadOnlySpan<byte> utf8Json)
    {
        int index = 0, line = 1, lineStart = 0;
        while (index < utf8Json.Length && Rune.DecodeFromUtf8(utf8Json[index..], out var rune, out var consumed) == OperationStatus.Done)
        {
            if (rune.Value == '\n')
            {
                line++;
                lineStart = index + consumed;
            }

            index += consumed;
        }

        var error = new DefinitionError(
            JsonDefinitionPath.Root,
            null,
            DefinitionErrorCodes.InvalidJson,
            string.Create(CultureInfo.InvariantCulture, $"The document is not valid UTF-8 (line {line}, byte {index - lineStart + 1} of the line)."));
        return new FlagSetParseResult(new FlagSet(), [error]);
    }

    private void ReadRoot(JsonElement root, FlagSet set)
    {
        foreach (var (name, value, path) in Fields(root, JsonDefinitionPath.Root, "the root", FlagJsonNames.RootFields))
        {
            switch (name)
            {
                case "$schema" or "description":
                    ReadString(value, path);
                    break;
                case "flags":
                    foreach (var (key, flagValue, flagPath) in Entries(value, path, "an object of flags by key"))
                    {
                        _ownerKey = key;
                        set.Flags.Add(ReadFlag(key, flagValue, flagPath));
                        _ownerKey = null;
                    }

                    break;
                case "segments":
                    foreach (var (key, segmentValue, segmentPath) in Entries(value, path, "an object of segments by key"))
                    {
                        _ownerKey = key;
                        set.Segments.Add(ReadSegment(key, segmentValue, segmentPath));
                        _ownerKey = null;
                    }

                    break;
            }
        }
    }

    // The known fields of an object, each once; reports a non-object, unknown fields and repeated fields.
    private IEnumerable<(string Name, JsonElement Value, string Path)> Fields(
        JsonElement element, string path, string what, string[] allowed)
    {
        if (!Expect(element, JsonValueKind.Object, path, $"{what} (an object)"))
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = JsonDefinitionPath.Field(path, property.Name);
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                Error(
                    fieldPath,
                    DefinitionErrorCodes.UnknownField,
                    $"Unknown field '{property.Name}' in {what}.{NameSuggestions.Hint(property.Name, allowed)} Valid fields: {string.Join(", ", allowed)}.");
            }
            else if (!seen.Add(property.Name))
            {
                Error(fieldPath, DefinitionErrorCodes.DuplicateKey, $"The field '{property.Name}' appears more than once in {what}; the first one is used.");
            }
            else if (property.Name == "comment")
            {
                // An annotation for humans, allowed in every object; only its type is checked.
                ReadString(property.Value, fieldPath);
            }
            else
            {
                yield return (property.Name, property.Value, fieldPath);
            }
        }
    }

    // The entries of a map object (flags, segments, variants, splits), repeated keys included, in document order.
    private IEnumerable<(string Key, JsonElement Value, string Path)> Entries(JsonElement element, string path, string expected)
    {
        if (!Expect(element, JsonValueKind.Object, path, expected))
        {
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            yield return (property.Name, property.Value, JsonDefinitionPath.Key(path, property.Name));
        }
    }

    // The items of an array, with their paths.
    private IEnumerable<(JsonElement Value, string Path)> Items(JsonElement element, string path, string expected)
    {
        if (!Expect(element, JsonValueKind.Array, path, expected))
        {
            yield break;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            yield return (item, JsonDefinitionPath.Index(path, index++));
        }
    }

    private bool? ReadBoolean(JsonElement value, string path)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        WrongType(value, path, "a boolean (true or false)");
        return null;
    }

    private string? ReadString(JsonElement value, string path) =>
        Expect(value, JsonValueKind.String, path, "a string") ? value.GetString() : null;

    private void ReadStrings(JsonElement value, string path, IList<string> target, string expected)
    {
        foreach (var (item, itemPath) in Items(value, path, expected))
        {
            if (ReadString(item, itemPath) is { } text)
            {
                target.Add(text);
            }
        }
    }

    private DateTimeOffset? ReadDate(JsonElement value, string path)
    {
        if (ReadString(value, path) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        Error(
            path,
            DefinitionErrorCodes.InvalidDate,
            $"'{text}' is not an ISO 8601 date (2026-03-31) or date-time (2026-03-31T12:00:00Z, 2026-03-31T14:00:00+02:00).");
        return null;
    }

    private bool Expect(JsonElement value, JsonValueKind kind, string path, string expected)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        WrongType(value, path, expected);
        return false;
    }

    private void WrongType(JsonElement value, string path, string expected) =>
        Error(path, DefinitionErrorCodes.WrongType, $"Expected {expected}, found {JsonValueKinds.Describe(value.ValueKind)}.");

    private void Error(string path, string code, string message) => _errors.Add(new DefinitionError(path, _ownerKey, code, message));
}
