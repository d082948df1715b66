using System;

namespace ProgressiveDelivery.Rollouts.Audit.Internal;

/// <summary>SHA-256 digests as text: exactly 64 lower-case hexadecimal digits.</summary>
internal static class HashText
{
    public const int Length = 64;

    public static string Zero { get; } = new('0', Length);

    public static bool IsValid(string? hash)
    {
        if (hash is null || hash.Length != Length)
        {
            return false;
        }

        foreach (var c in hash)
        {
            if (!(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    public static void ThrowIfInvalid(string? hash, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(hash, parameterName);
        if (!IsValid(hash))
        {
            throw new ArgumentException($"'{hash}' is not a SHA-256 hash: it must be {Length} lower-case hexadecimal digits.", parameterName);
        }
    }

    public static string FromBytes(ReadOnlySpan<byte> digest)
    {
        Span<char> chars = stackalloc char[digest.Length * 2];
        for (var i = 0; i < digest.Length; i++)
        {
            chars[2 * i] = ToHexDigit(digest[i] >> 4);
            chars[(2 * i) + 1] = ToHexDigit(digest[i] & 0xF);
        }

        return new string(chars);
    }

    private static char ToHexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
}
