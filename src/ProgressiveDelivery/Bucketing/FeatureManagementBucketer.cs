using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ProgressiveDelivery.Bucketing;

/// <summary>
/// Reproduces the user assignment of Microsoft.FeatureManagement's targeting (the <c>Microsoft.Targeting</c> filter and
/// percentile variant allocation, 4.x), so that a team can move flags from it without reshuffling users.
/// </summary>
/// <remarks>
/// <para>The algorithm, as Microsoft.FeatureManagement 4.7.0 computes it:</para>
/// <list type="number">
/// <item><description>Context id: the user id and one or two further parts joined by <c>'\n'</c>:
/// <c>"{userId}\n{featureName}"</c> for the default rollout percentage,
/// <c>"{userId}\n{featureName}\n{group}"</c> for a group's rollout percentage,
/// <c>"{userId}\n{seed}"</c> for percentile allocation with a seed, and
/// <c>"{userId}\nallocation\n{featureName}"</c> for percentile allocation without one.
/// A <see langword="null"/> user id counts as empty.</description></item>
/// <item><description>Hash: SHA-256 of the UTF-8 bytes of the context id (unpaired surrogates encode as U+FFFD).</description></item>
/// <item><description>Percentage: the first 4 bytes of the digest read as a little-endian unsigned integer <c>m</c>, then
/// <c>(m / 4294967295.0) * 100</c> in IEEE-754 double arithmetic, in [0, 100].</description></item>
/// <item><description>Range: a percentage <c>x</c> is in [<c>from</c>, <c>to</c>) when <c>from &lt;= x &lt; to</c>,
/// except that <c>to == 100</c> includes 100. A rollout of <c>p</c> percent is the range [0, p).</description></item>
/// </list>
/// <para>Microsoft.FeatureManagement's <c>IgnoreCase</c> option lower-cases the user id and groups with the current
/// culture before hashing; to reproduce it, pass <c>userId.ToLower()</c> and lower-cased groups.</para>
/// <para>Allocation: none in the steady state. Context ids of up to 512 UTF-8 bytes are encoded on the stack; longer ones
/// into a buffer rented from <see cref="ArrayPool{T}.Shared"/> and returned, so only the pool's first rent of a size class
/// allocates (and a context id too long for the pool to keep, far beyond any real user id, would allocate per call). The digest comes from the one-shot <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>, which
/// allocates nothing (unlike <see cref="IncrementalHash"/>). Every member is thread-safe.</para>
/// </remarks>
public static class FeatureManagementBucketer
{
    private const int StackBytes = 512;
    private const char Separator = '\n';
    private const string AllocationHint = "allocation";

    /// <summary>Returns the percentage of the context id <c>"{userId}\n{hint}"</c>: the default rollout (hint = feature name) or a seeded allocation (hint = seed).</summary>
    /// <param name="userId">The targeting context's user id (empty for <see langword="null"/>).</param>
    /// <param name="hint">The feature name, or the allocation seed.</param>
    /// <returns>The percentage, in [0, 100].</returns>
    /// <exception cref="ArgumentException">The UTF-8 context id would be longer than the largest possible array (about 2 GB).</exception>
    public static double GetPercentage(ReadOnlySpan<char> userId, ReadOnlySpan<char> hint) =>
        ComputePercentage(userId, hint, default, hasThirdPart: false);

    /// <summary>Returns the percentage of the context id <c>"{userId}\n{featureName}\n{group}"</c>, used for a group's rollout percentage.</summary>
    /// <param name="userId">The targeting context's user id (empty for <see langword="null"/>).</param>
    /// <param name="featureName">The feature name.</param>
    /// <param name="group">The group name as the targeting context spells it.</param>
    /// <returns>The percentage, in [0, 100].</returns>
    /// <exception cref="ArgumentException">The UTF-8 context id would be longer than the largest possible array (about 2 GB).</exception>
    public static double GetGroupPercentage(ReadOnlySpan<char> userId, ReadOnlySpan<char> featureName, ReadOnlySpan<char> group) =>
        ComputePercentage(userId, featureName, group, hasThirdPart: true);

    /// <summary>Returns the percentage of the context id <c>"{userId}\nallocation\n{featureName}"</c>, used for percentile variant allocation when the feature has no seed.</summary>
    /// <param name="userId">The targeting context's user id (empty for <see langword="null"/>).</param>
    /// <param name="featureName">The feature name.</param>
    /// <returns>The percentage, in [0, 100]. With a seed, use <see cref="GetPercentage"/> with the seed as hint instead.</returns>
    /// <exception cref="ArgumentException">The UTF-8 context id would be longer than the largest possible array (about 2 GB).</exception>
    public static double GetAllocationPercentage(ReadOnlySpan<char> userId, ReadOnlySpan<char> featureName) =>
        ComputePercentage(userId, AllocationHint, featureName, hasThirdPart: true);

    /// <summary>Whether the user is inside the feature's default rollout percentage (the targeting filter's <c>Audience.DefaultRolloutPercentage</c>).</summary>
    /// <param name="userId">The targeting context's user id (empty for <see langword="null"/>).</param>
    /// <param name="featureName">The feature name.</param>
    /// <param name="percentage">The rollout percentage, in [0, 100].</param>
    /// <returns>Whether <see cref="GetPercentage"/> is in [0, <paramref name="percentage"/>) (100 includes everybody).</returns>
    /// <exception cref="ArgumentException">The UTF-8 context id would be longer than the largest possible array (about 2 GB).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentage"/> is NaN or outside [0, 100].</exception>
    public static bool IsInPercentage(ReadOnlySpan<char> userId, ReadOnlySpan<char> featureName, double percentage)
    {
        ValidatePercentage(percentage, nameof(percentage));
        return IsInRangeCore(GetPercentage(userId, featureName), 0, percentage);
    }

    /// <summary>Whether the user, as a member of <paramref name="group"/>, is inside that group's rollout percentage.</summary>
    /// <param name="userId">The targeting context's user id (empty for <see langword="null"/>).</param>
    /// <param name="featureName">The feature name.</param>
    /// <param name="group">The group name as the targeting context spells it.</param>
    /// <param name="percentage">The group's rollout percentage, in [0, 100].</param>
    /// <returns>Whether <see cref="GetGroupPercentage"/> is in [0, <paramref name="percentage"/>) (100 includes everybody).</returns>
    /// <exception cref="ArgumentException">The UTF-8 context id would be longer than the largest possible array (about 2 GB).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentage"/> is NaN or outside [0, 100].</exception>
    public static bool IsInGroupPercentage(ReadOnlySpan<char> userId, ReadOnlySpan<char> featureName, ReadOnlySpan<char> group, double percentage)
    {
        ValidatePercentage(percentage, nameof(percentage));
        return IsInRangeCore(GetGroupPercentage(userId, featureName, group), 0, percentage);
    }

    /// <summary>Whether <paramref name="percentage"/> falls in the percentile range [<paramref name="from"/>, <paramref name="to"/>), where a range ending at 100 includes 100.</summary>
    /// <param name="percentage">A percentage from one of the <c>Get*Percentage</c> methods.</param>
    /// <param name="from">The inclusive lower bound, in [0, 100].</param>
    /// <param name="to">The exclusive upper bound (inclusive when 100), in [<paramref name="from"/>, 100].</param>
    /// <returns>Whether the percentage is in the range.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is NaN or outside [0, 100], or <paramref name="from"/> is greater than <paramref name="to"/>.</exception>
    public static bool IsInRange(double percentage, double from, double to)
    {
        ValidatePercentage(from, nameof(from));
        ValidatePercentage(to, nameof(to));
        if (from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "The lower bound of a percentile range cannot exceed its upper bound.");
        }

        return IsInRangeCore(percentage, from, to);
    }

    private static bool IsInRangeCore(double percentage, double from, double to) =>
        to == 100 ? percentage >= from : percentage >= from && percentage < to;

    private static void ValidatePercentage(double value, string name)
    {
        if (!(value >= 0 && value <= 100))
        {
            throw new ArgumentOutOfRangeException(name, value, "A percentage is in [0, 100].");
        }
    }

    private static double ComputePercentage(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third, bool hasThirdPart)
    {
        // Each part encodes separately: the '\n' between parts means no surrogate pair can span two of them.
        var separators = hasThirdPart ? 2 : 1;
        var worstCase = ((long)first.Length + second.Length + third.Length) * 3 + separators;
        var exact = worstCase <= StackBytes ? 0 : (long)Encoding.UTF8.GetByteCount(first) + Encoding.UTF8.GetByteCount(second) + Encoding.UTF8.GetByteCount(third) + separators;
        if (exact <= StackBytes)
        {
            Span<byte> buffer = stackalloc byte[StackBytes];
            var length = Encode(first, second, third, hasThirdPart, buffer);
            return HashToPercentage(buffer[..length]);
        }

        if (exact > Array.MaxLength)
        {
            throw new ArgumentException("The context id is too long to encode.", "userId");
        }

        var rented = ArrayPool<byte>.Shared.Rent((int)exact);
        try
        {
            var length = Encode(first, second, third, hasThirdPart, rented);
            return HashToPercentage(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Encode(ReadOnlySpan<char> first, ReadOnlySpan<char> second, ReadOnlySpan<char> third, bool hasThirdPart, Span<byte> buffer)
    {
        var utf8 = Encoding.UTF8; // replaces unpaired surrogates with U+FFFD, as Microsoft.FeatureManagement's Encoding.UTF8.GetBytes does
        var length = utf8.GetBytes(first, buffer);
        buffer[length++] = (byte)Separator;
        length += utf8.GetBytes(second, buffer[length..]);
        if (hasThirdPart)
        {
            buffer[length++] = (byte)Separator;
            length += utf8.GetBytes(third, buffer[length..]);
        }

        return length;
    }

    private static double HashToPercentage(ReadOnlySpan<byte> contextId)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(contextId, digest);
        var marker = BinaryPrimitives.ReadUInt32LittleEndian(digest);
        return marker / (double)uint.MaxValue * 100;
    }
}
