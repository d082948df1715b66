using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Flags;

/// <summary>
/// Reads and writes a <see cref="FlagSet"/> in the JSON format documented in <c>docs/flags-json.md</c> and described by
/// <c>progressive-delivery.schema.json</c>.
/// </summary>
/// <remarks>
/// <para>
/// Reading walks a <see cref="JsonDocument"/> by hand (no reflection, so it is trim- and AOT-safe). Comments and
/// trailing commas are allowed, as in <c>appsettings.json</c>. Every structural error is reported at once, each with
/// the JSON path of the field (<c>$.flags['new-checkout'].rules[0].conditions[1].operator</c>) and the flag or
/// segment key: invalid JSON, a wrong type, an unknown field, an unknown operator or kind, a missing required field,
/// an invalid date. A key repeated in a map (two flags with one key) is kept twice, in document order, for the
/// compiler to report; a field repeated in one object is reported here and its first occurrence used.
/// </para>
/// <para>
/// Parsing does not check meaning (references, weights, operands, duplicate keys): compiling the definitions does,
/// for JSON and code alike.
/// </para>
/// </remarks>
public static class FlagSetJson
{
    // JsonDocument keeps repeated property names (the default), which is how two flags with one key reach the compiler.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // Relaxed escaping keeps '+', '<', '&' and non-ASCII text readable in files and admin responses; the output is
    // JSON for JSON consumers, never embedded in HTML or script.
    private static readonly JsonWriterOptions IndentedWriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads definitions from JSON text.</summary>
    /// <param name="json">The JSON document.</param>
    /// <returns>The definitions and every structural error found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static FlagSetParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var utf8Json = new byte[Encoding.UTF8.GetMaxByteCount(json.Length)];
        if (Utf8.FromUtf16(json, utf8Json, out var charsRead, out var bytesWritten, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return FlagSetJsonReader.InvalidUtf16(json, charsRead);
        }

        return ParseUtf8(utf8Json.AsMemory(0, bytesWritten));
    }

    /// <summary>Reads definitions from UTF-8 JSON; a leading byte order mark is skipped.</summary>
    /// <param name="utf8Json">The JSON document as UTF-8 bytes.</param>
    /// <returns>The definitions and every structural error found.</returns>
    public static FlagSetParseResult Parse(ReadOnlySpan<byte> utf8Json) =>
        ParseUtf8(utf8Json.ToArray()); // The document keeps a reference to its input, so it gets a copy it owns.

    /// <summary>Reads definitions from a stream of UTF-8 JSON, to its end; a leading byte order mark is skipped. The stream is not closed.</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>The definitions and every structural error found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static FlagSetParseResult Parse(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return ParseUtf8(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>
    /// Writes definitions as indented JSON in the documented format. Reading the result gives back the same definitions.
    /// Fields at their default value and empty lists are left out, except <c>kind</c> and <c>enabled</c>.
    /// </summary>
    /// <param name="definitions">The definitions; they need not be valid.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definitions"/> is <see langword="null"/>.</exception>
    public static string Write(FlagSet definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, IndentedWriterOptions))
        {
            FlagSetJsonWriter.Write(writer, definitions);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes definitions as one JSON object value to <paramref name="writer"/> (e.g. inside a larger response), with
    /// the writer's own options.
    /// </summary>
    /// <param name="definitions">The definitions; they need not be valid.</param>
    /// <param name="writer">The writer, positioned where a value may be written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="definitions"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">A value cannot be written at the writer's position.</exception>
    public static void Write(FlagSet definitions, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(writer);
        FlagSetJsonWriter.Write(writer, definitions);
    }

    private static FlagSetParseResult ParseUtf8(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8Json = utf8Json[Encoding.UTF8.Preamble.Length..];
        }

        // JsonDocument checks UTF-8 only when a string is read; checking first keeps bad bytes an invalid_json error.
        if (!Utf8.IsValid(utf8Json.Span))
        {
            return FlagSetJsonReader.InvalidUtf8(utf8Json.Span);
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
            return FlagSetJsonReader.Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            return FlagSetJsonReader.InvalidJson(exception);
        }
    }
}
