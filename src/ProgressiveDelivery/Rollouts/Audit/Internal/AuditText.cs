using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ProgressiveDelivery.Rollouts.Audit.Internal;

/// <summary>Validation and normalization of the texts an audit entry carries, so that they survive encoding and hashing unchanged.</summary>
internal static class AuditText
{
    public const int MaxActionLength = 64;

    /// <summary>As deep as a writer may nest (the default of 64 would refuse evidence that a caller's parser accepted).</summary>
    public static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 1000 };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void ThrowIfInvalid(string? text, string parameterName, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        if (!allowEmpty && text.Length == 0)
        {
            throw new ArgumentException("The text must not be empty.", parameterName);
        }

        try
        {
            _ = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException exception)
        {
            throw new ArgumentException("The text is not valid UTF-16: it contains a lone surrogate, which cannot be encoded and hashed.", parameterName, exception);
        }
    }

    public static void ThrowIfInvalidAction(string? action, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(action, parameterName);
        var valid = action.Length is > 0 and <= MaxActionLength;
        foreach (var c in action)
        {
            valid &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_';
        }

        if (!valid)
        {
            throw new ArgumentException($"The action '{action}' is invalid: it must be 1 to {MaxActionLength} characters from [a-z0-9_].", parameterName);
        }
    }

    public static byte[] Utf8(string text) => StrictUtf8.GetBytes(text);

    /// <summary>
    /// Rewrites a JSON value in compact form (System.Text.Json's writer with its default encoder, no whitespace; property
    /// order and number literals kept). Idempotent, so an entry read back from its compact text hashes the same.
    /// </summary>
    public static JsonElement Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.ToArray(), ReaderOptions);
        return document.RootElement.Clone();
    }
}
