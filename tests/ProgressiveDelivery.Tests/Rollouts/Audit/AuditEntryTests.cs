using System;
using System.Text.Json;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.Tests.Rollouts.Audit;

public class AuditEntryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    // Reference hashes computed independently (Python hashlib) from the encoding in docs/rollouts-persistence.md:
    // netstrings of the UTF-8 fields, "~" for an absent one, SHA-256, lower-case hex.
    private const string FirstVectorHash = "d5e8be2416e8c357f6ebc9bc06596bb3d20dd3d03a72ead2dfeb3c300ae43be9";
    private const string SecondVectorHash = "95fc042d3b737f06a0e8bdf6b9db9c75596d20a33455124c40a13a37ef18e65b";

    [Fact]
    public void Create_PublishedTestVectors_MatchTheIndependentReference()
    {
        using var evidence = JsonDocument.Parse("""{ "verdict": "pass", "p": 0.01 }""");
        var first = AuditEntry.Create(
            AuditHead.Genesis, Noon, new AuditEvent("checkout", "alice", AuditActions.Promote, "caf\u00e9 \u2713", "step-1", null, evidence.RootElement));
        var second = AuditEntry.Create(
            first.Head, Noon.AddSeconds(1.5), new AuditEvent("checkout", "controller", AuditActions.Transition, string.Empty, "step-1", "step-2"));

        Assert.Equal("""{"verdict":"pass","p":0.01}""", first.Evidence!.Value.GetRawText());
        Assert.Equal(FirstVectorHash, first.Hash);
        Assert.Equal(SecondVectorHash, second.Hash);
        Assert.Equal(FirstVectorHash, second.PreviousHash);
    }

    [Fact]
    public void Create_TimestampWithOffset_IsKeptInUtc()
    {
        var local = new DateTimeOffset(2026, 1, 1, 14, 0, 0, TimeSpan.FromHours(2));

        var entry = AuditEntry.Create(AuditHead.Genesis, local, new AuditEvent("a", "b", "c", string.Empty));

        Assert.Equal(TimeSpan.Zero, entry.Timestamp.Offset);
        Assert.Equal(Noon, entry.Timestamp);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        var e = new AuditEvent("a", "b", "c", string.Empty);
        var hash = new string('0', 64);

        Assert.Throws<ArgumentOutOfRangeException>(() => new AuditEntry(0, Noon, e, hash, hash));
        Assert.Throws<ArgumentNullException>(() => new AuditEntry(1, Noon, null!, hash, hash));
        Assert.Throws<ArgumentException>(() => new AuditEntry(1, Noon, e, "abc", hash));
        Assert.Throws<ArgumentException>(() => new AuditEntry(1, Noon, e, hash, new string('A', 64)));
    }

    [Theory]
    [InlineData("a", "", "transition", "actor")]
    [InlineData("a", "x", "Transition", "action")]
    [InlineData("a", "x", "", "action")]
    [InlineData("a", "x", "skip-analysis", "action")]
    [InlineData("a/b", "x", "pause", "rolloutId")]
    public void AuditEvent_InvalidText_ThrowsNamingTheParameter(string rolloutId, string actor, string action, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => new AuditEvent(rolloutId, actor, action, "why"));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void AuditEvent_LoneSurrogate_Throws()
    {
        // Built at run time: an attribute argument would store the lone surrogate as U+FFFD.
        var text = "bad " + (char)0xD800 + " text";

        Assert.Equal("actor", Assert.Throws<ArgumentException>(() => new AuditEvent("a", text, "pause", "why")).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => new AuditEvent("a", "x", "pause", text)).ParamName);
    }

    [Fact]
    public void AuditEvent_EmptyStateNameOrUndefinedEvidence_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AuditEvent("a", "x", "pause", "why", before: string.Empty));
        Assert.Throws<ArgumentException>(() => new AuditEvent("a", "x", "pause", "why", after: string.Empty));
        Assert.Throws<ArgumentException>(() => new AuditEvent("a", "x", "pause", "why", evidence: default(JsonElement)));
        Assert.Throws<ArgumentNullException>(() => new AuditEvent("a", "x", "pause", null!));
    }

    [Fact]
    public void AuditHead_Validation_AndEquality()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuditHead(-1, new string('0', 64)));
        Assert.Throws<ArgumentException>(() => new AuditHead(0, new string('a', 64)));
        Assert.Throws<ArgumentException>(() => new AuditHead(1, "xyz"));
        Assert.Equal(new AuditHead(2, new string('a', 64)), new AuditHead(2, new string('a', 64)));
        Assert.NotEqual(new AuditHead(2, new string('a', 64)), new AuditHead(3, new string('a', 64)));
        Assert.Equal(AuditHead.Genesis, new AuditHead(0, new string('0', 64)));
    }
}
