using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Tests.Fakes;

namespace ProgressiveDelivery.Tests.Rollouts.Persistence;

public sealed class FileRolloutStoreTests : RolloutStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override RolloutStore CreateStore(TimeProvider timeProvider) => new FileRolloutStore(_directory.Path, timeProvider);

    [Fact]
    public async Task SaveAsync_WritesOneDocumentNamedAfterTheRolloutAndNoTempFile()
    {
        var store = CreateStore(Time);

        await store.SaveAsync(Document("checkout", """{"step":1}"""), 0);
        await store.SaveAsync(Document("checkout", """{"step":2}"""), 1);

        var files = Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "checkout.json", "checkout.lock" }, files);
    }

    [Fact]
    public async Task GetAsync_StateWithWhitespaceAndEscapes_RoundTripsByteForByte()
    {
        var store = CreateStore(Time);
        var state = "{ \"a\" : [1.0, 2e3,\n  \"\\u00e9\\n\"], \"b\":{}\t}";

        await store.SaveAsync(Document("checkout", state), 0);

        Assert.Equal(state, (await store.GetAsync("checkout"))!.State.GetRawText());
    }

    [Fact]
    public async Task GetAsync_StateNestedDeeperThanTheParserDefault_RoundTrips()
    {
        var state = new string('[', 200) + new string(']', 200);
        using var json = JsonDocument.Parse(state, new JsonDocumentOptions { MaxDepth = 1000 });
        var store = CreateStore(Time);

        await store.SaveAsync(new RolloutDocument("deep", json.RootElement, AuditHead.Genesis), 0);

        Assert.Equal(state, (await store.GetAsync("deep"))!.State.GetRawText());
    }

    [Fact]
    public async Task GetAsync_AnotherStoreOnTheSameDirectory_SeesTheDocument()
    {
        await CreateStore(Time).SaveAsync(Document("checkout", """{"step":3}""", new AuditHead(1, new string('b', 64))), 0);

        var read = await new FileRolloutStore(_directory.Path).GetAsync("checkout");

        Assert.Equal(3, read!.State.GetProperty("step").GetInt32());
        Assert.Equal(new AuditHead(1, new string('b', 64)), read.AuditHead);
        Assert.Equal(Time.GetUtcNow(), read.UpdatedAt);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"format\":\"progressive-delivery.rollout.v1\",\"rolloutId\":\"checkout\",\"vers", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"format\":\"other\"}", "format is 'other'")]
    [InlineData("{\"format\":\"progressive-delivery.rollout.v1\",\"rolloutId\":\"search\"}", "holds rollout 'search'")]
    [InlineData("{\"format\":\"progressive-delivery.rollout.v1\",\"rolloutId\":\"checkout\",\"version\":0}", "version 0")]
    [InlineData("{\"format\":\"progressive-delivery.rollout.v1\",\"rolloutId\":\"checkout\",\"version\":1,\"updatedAt\":\"x\"}", "updatedAt")]
    [InlineData("{\"format\":\"progressive-delivery.rollout.v1\",\"rolloutId\":\"checkout\",\"version\":1,\"updatedAt\":\"2026-01-01T00:00:00Z\",\"auditHead\":{\"sequence\":1,\"hash\":\"zz\"}}", "auditHead")]
    [InlineData("{\"format\":\"progressive-delivery.rollout.v1\",\"rolloutId\":\"checkout\",\"version\":1,\"updatedAt\":\"2026-01-01T00:00:00Z\",\"auditHead\":{\"sequence\":0,\"hash\":\"0000000000000000000000000000000000000000000000000000000000000000\"}}", "no 'state'")]
    public async Task GetAsync_CorruptDocument_ThrowsNamingTheFileAndTheProblem(string content, string problem)
    {
        var path = _directory.File("checkout.json");
        await File.WriteAllTextAsync(path, content);
        var store = CreateStore(Time);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.GetAsync("checkout"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_OverCorruptDocument_ThrowsAndLeavesTheFileAsItIs()
    {
        var path = _directory.File("checkout.json");
        await File.WriteAllTextAsync(path, "{ torn");
        var store = CreateStore(Time);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.SaveAsync(Document("checkout", "{}"), 0));
        await Assert.ThrowsAsync<InvalidDataException>(() => store.SaveAsync(Document("checkout", "{}"), 1));

        Assert.Equal("{ torn", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void Constructor_LeftoverTempFilesOfCrashedWriters_AreDeleted()
    {
        var leftover = _directory.File("checkout." + Guid.NewGuid().ToString("N") + ".tmp");
        var unrelated = _directory.File("notes.tmp");
        File.WriteAllText(leftover, "{\"half");
        File.WriteAllText(unrelated, "keep");

        _ = CreateStore(Time);

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void Constructor_TempFileOfALiveWriter_IsKept()
    {
        var live = _directory.File("checkout." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(live, "{\"half");
        using (new FileStream(_directory.File("checkout.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            _ = CreateStore(Time);
        }

        Assert.True(File.Exists(live));
    }

    [Fact]
    public async Task ListAsync_IgnoresFilesThatAreNotDocuments()
    {
        var store = CreateStore(Time);
        await store.SaveAsync(Document("checkout", "{}"), 0);
        await File.WriteAllTextAsync(_directory.File("bad id.json"), "{}");
        await File.WriteAllTextAsync(_directory.File("checkout.audit.jsonl"), string.Empty);
        await File.WriteAllTextAsync(_directory.File("readme.txt"), string.Empty);

        Assert.Equal(new[] { "checkout" }, await store.ListAsync());
    }

    [Fact]
    public async Task SaveAsync_LockFileHeldByAnotherProcess_WaitsForIt()
    {
        var store = CreateStore(Time);
        Task<RolloutDocument> save;
        using (new FileStream(_directory.File("checkout.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            save = store.SaveAsync(Document("checkout", "{}"), 0);
            await Task.Delay(100);
            Assert.False(save.IsCompleted);
        }

        Assert.Equal(1, (await save).Version);
    }

    [Fact]
    public async Task UpdateAsync_TwoStoresOnOneDirectory_LoseNoUpdate()
    {
        // Two instances share nothing in memory, so only the lock file keeps them apart: the cross-process case.
        const int WritersPerStore = 6;
        var stores = new[] { CreateStore(Time), CreateStore(Time) };

        await Task.WhenAll(stores.SelectMany(store => Enumerable.Range(0, WritersPerStore).Select(_ => Task.Run(() => store.UpdateAsync(
            "counter",
            current => Document("counter", $$"""{"count":{{(current is null ? 0 : current.State.GetProperty("count").GetInt32()) + 1}}}"""),
            maxAttempts: 2 * WritersPerStore)))));

        Assert.Equal(2 * WritersPerStore, (await stores[0].GetAsync("counter"))!.State.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task SaveAsync_DocumentFile_IsReadableJsonWithTheEnvelope()
    {
        await CreateStore(Time).SaveAsync(Document("checkout", """{"step":1}"""), 0);

        var text = await File.ReadAllTextAsync(_directory.File("checkout.json"), Encoding.UTF8);

        Assert.Contains("\"format\": \"progressive-delivery.rollout.v1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new FileRolloutStore(null!));
        Assert.Throws<ArgumentException>(() => new FileRolloutStore(string.Empty));
        Assert.Throws<ArgumentNullException>(() => new FileRolloutStore(_directory.Path, null!));
    }
}
