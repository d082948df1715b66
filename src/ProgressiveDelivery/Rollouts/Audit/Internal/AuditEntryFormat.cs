using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace ProgressiveDelivery.Rollouts.Audit.Internal;

/// <summary>
/// One audit entry as one line of JSON (JSON Lines), fields in a fixed order; the evidence is copied verbatim so its
/// compact text, which the hash covers, survives the round trip byte for byte.
/// </summary>
internal static class AuditEntryFormat
{
    public static byte[] SerializeLine(AuditEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence", entry.Sequence);
            writer.WriteString("timestamp", AuditEntryHasher.FormatTimestamp(entry.Timestamp));
            writer.WriteString("rolloutId", entry.RolloutId);
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("action", entry.Action);
            writer.WriteString("reason", entry.Reason);
            WriteOptional(writer, "before", entry.Before);
            WriteOptional(writer, "after", entry.After);
            if (entry.Evidence is { } evidence)
            {
                writer.WritePropertyName("evidence");
                writer.WriteRawValue(evidence.GetRawText(), skipInputValidation: true);
            }

            writer.WriteString("previousHash", entry.PreviousHash);
            writer.WriteString("hash", entry.Hash);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The line is not a well-formed entry of <paramref name="expectedRolloutId"/>.</exception>
    public static AuditEntry ParseLine(ReadOnlyMemory<byte> line, string path, string where, string expectedRolloutId)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line, AuditText.ReaderOptions);
        }
        catch (JsonException exception)
        {
            throw Corrupt(path, where, $"it is not valid JSON ({exception.Message})", exception);
        }

        using (json)
        {
            var root = json.RootElement;
            try
            {
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("it is not a JSON object");
                }

                var timestamp = DateTimeOffset.ParseExact(
                    RequireString(root, "timestamp"), AuditEntryHasher.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                JsonElement? evidence = root.TryGetProperty("evidence", out var value) ? value : null;
                var auditEvent = new AuditEvent(
                    RequireString(root, "rolloutId"),
                    RequireString(root, "actor"),
                    RequireString(root, "action"),
                    RequireString(root, "reason"),
                    OptionalString(root, "before"),
                    OptionalString(root, "after"),
                    evidence);
                if (!string.Equals(auditEvent.RolloutId, expectedRolloutId, StringComparison.Ordinal))
                {
                    throw new FormatException($"it belongs to rollout '{auditEvent.RolloutId}', not '{expectedRolloutId}'");
                }

                var sequence = Require(root, "sequence", JsonValueKind.Number).GetInt64();
                return new AuditEntry(sequence, timestamp, auditEvent, RequireString(root, "previousHash"), RequireString(root, "hash"));
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                throw Corrupt(path, where, exception.Message, exception);
            }
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static JsonElement Require(JsonElement parent, string name, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new FormatException($"it has no '{name}'");
        }

        return value.ValueKind == kind ? value : throw new FormatException($"its '{name}' is {value.ValueKind}, not {kind}");
    }

    private static string RequireString(JsonElement parent, string name) => Require(parent, name, JsonValueKind.String).GetString()!;

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out _) ? RequireString(parent, name) : null;

    private static InvalidDataException Corrupt(string path, string where, string what, Exception? inner = null) =>
        new($"The audit log '{path}' is corrupt at {where}: {what}. It was left as it is.", inner);
}
