using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>JSON written by hand with a <see cref="Utf8JsonWriter"/> (no reflection: trimming-safe), as text or as an element.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(WriteUtf8(write).WrittenSpan);

    public static JsonElement WriteElement(Action<Utf8JsonWriter> write)
    {
        using var document = JsonDocument.Parse(WriteUtf8(write).WrittenMemory);
        return document.RootElement.Clone();
    }

    private static ArrayBufferWriter<byte> WriteUtf8(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer;
    }
}
