using System;
using System.Text.Json;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Tests.Rollouts.Persistence;

public class RolloutDocumentTests
{
    [Fact]
    public void Constructor_ClonesTheState_SoTheSourceDocumentMayBeDisposed()
    {
        RolloutDocument document;
        using (var json = JsonDocument.Parse("""{"step":1}"""))
        {
            document = new RolloutDocument("checkout", json.RootElement, AuditHead.Genesis);
        }

        Assert.Equal(1, document.State.GetProperty("step").GetInt32());
        Assert.Equal(0, document.Version);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        var state = JsonDocument.Parse("{}").RootElement;

        Assert.Throws<ArgumentNullException>(() => new RolloutDocument(null!, state, AuditHead.Genesis));
        Assert.Throws<ArgumentNullException>(() => new RolloutDocument("a", state, null!));
        Assert.Throws<ArgumentException>(() => new RolloutDocument("a", default, AuditHead.Genesis));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RolloutDocument("a", -1, DateTimeOffset.UnixEpoch, state, AuditHead.Genesis));
    }

    [Fact]
    public void WithState_KeepsIdVersionAndTimestamp()
    {
        var original = new RolloutDocument("a", 4, DateTimeOffset.UnixEpoch, JsonDocument.Parse("1").RootElement, AuditHead.Genesis);
        var head = new AuditHead(2, new string('c', 64));

        var changed = original.WithState(JsonDocument.Parse("2").RootElement, head);

        Assert.Equal(("a", 4L, DateTimeOffset.UnixEpoch), (changed.RolloutId, changed.Version, changed.UpdatedAt));
        Assert.Equal(2, changed.State.GetInt32());
        Assert.Same(head, changed.AuditHead);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("Checkout-v2.canary_1", true)]
    [InlineData("...", true)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    public void IsValidRolloutId_FollowsTheRules(string? id, bool valid) => Assert.Equal(valid, RolloutDocument.IsValidRolloutId(id));

    [Fact]
    public void ConcurrencyException_Message_NamesRolloutAndVersions()
    {
        var error = new RolloutConcurrencyException("checkout", 3, 4);

        Assert.Contains("'checkout'", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", new RolloutConcurrencyException("a", 1, 0).Message, StringComparison.Ordinal);
    }
}
