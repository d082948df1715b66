using System;
using System.IO;
using System.Text.Json;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.Rollouts.Persistence.Internal;

/// <summary>
/// The file format of one rollout document (UTF-8 JSON, indented for people who read it):
/// <c>{"format":"progressive-delivery.rollout.v1","rolloutId":…,"version":…,"updatedAt":…,"auditHead":{"sequence":…,"hash":…},"state":…}</c>.
/// The state is copied verbatim, so it round-trips byte for byte.
/// </summary>
internal static class RolloutDocumentFormat
{
    public const string FormatName = "progressive-delivery.rollout.v1";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    // As deep as a writer may nest (the default of 64 would refuse states that a caller's parser accepted).
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 1000 };

    public static byte[] Serialize(RolloutDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteString("rolloutId", document.RolloutId);
            writer.WriteNumber("version", document.Version);
            writer.WriteString("updatedAt", document.UpdatedAt);
            writer.WriteStartObject("auditHead");
            writer.WriteNumber("sequence", document.AuditHead.Sequence);
            writer.WriteString("hash", document.AuditHead.Hash);
            writer.WriteEndObject();
            writer.WritePropertyName("state");
            writer.WriteRawValue(document.State.GetRawText(), skipInputValidation: true);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a valid document of <paramref name="expectedRolloutId"/>.</exception>
    public static RolloutDocument Parse(byte[] bytes, string path, string expectedRolloutId)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes, ReaderOptions);
        }
        catch (JsonException exception)
        {
            throw Corrupt(path, $"it is not valid JSON ({exception.Message})", exception);
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Corrupt(path, "it is not a JSON object");
            }

            var format = RequireString(root, "format", path);
            if (format != FormatName)
            {
                throw Corrupt(path, $"its format is '{format}', this version reads '{FormatName}'");
            }

            var rolloutId = RequireString(root, "rolloutId", path);
            if (!string.Equals(rolloutId, expectedRolloutId, StringComparison.Ordinal))
            {
                throw Corrupt(path, $"it holds rollout '{rolloutId}', not '{expectedRolloutId}' (ids that differ only in case collide on case-insensitive file systems)");
            }

            var version = Require(root, "version", JsonValueKind.Number, path);
            if (!version.TryGetInt64(out var versionNumber) || versionNumber < 1)
            {
                throw Corrupt(path, $"its version {version.GetRawText()} is not a whole number of at least 1");
            }

            if (!Require(root, "updatedAt", JsonValueKind.String, path).TryGetDateTimeOffset(out var updatedAt))
            {
                throw Corrupt(path, "its updatedAt is not an ISO 8601 date and time");
            }

            var head = Require(root, "auditHead", JsonValueKind.Object, path);
            var headSequence = Require(head, "sequence", JsonValueKind.Number, path);
            var headHash = RequireString(head, "hash", path);
            AuditHead auditHead;
            try
            {
                auditHead = new AuditHead(headSequence.TryGetInt64(out var sequence) ? sequence : -1, headHash);
            }
            catch (ArgumentException exception)
            {
                throw Corrupt(path, $"its auditHead is invalid ({exception.Message})", exception);
            }

            if (!root.TryGetProperty("state", out var state))
            {
                throw Corrupt(path, "it has no 'state'");
            }

            return new RolloutDocument(rolloutId, versionNumber, updatedAt, state, auditHead);
        }
    }

    private static JsonElement Require(JsonElement parent, string name, JsonValueKind kind, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw Corrupt(path, $"it has no '{name}'");
        }

        if (value.ValueKind != kind)
        {
            throw Corrupt(path, $"its '{name}' is {value.ValueKind}, not {kind}");
        }

        return value;
    }

    private static string RequireString(JsonElement parent, string name, string path) =>
        Require(parent, name, JsonValueKind.String, path).GetString()!;

    private static InvalidDataException Corrupt(string path, string what, Exception? inner = null) =>
        new($"The rollout document '{path}' is corrupt: {what}. It was left as it is; restore it from a backup or delete it.", inner);
}
