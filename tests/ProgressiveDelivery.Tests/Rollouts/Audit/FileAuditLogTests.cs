using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Tests.Fakes;

namespace ProgressiveDelivery.Tests.Rollouts.Audit;

public sealed class FileAuditLogTests : AuditLogContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override AuditLog CreateLog(TimeProvider timeProvider) => new FileAuditLog(_directory.Path, timeProvider);

    private string LogFile => _directory.File("checkout.audit.jsonl");

    [Fact]
    public async Task AppendAsync_WritesOneTerminatedJsonLinePerEntry()
    {
        var log = CreateLog(Time);

        await log.AppendAsync(Event());
        await log.AppendAsync(Event());

        var text = await File.ReadAllTextAsync(LogFile);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"sequence\":2,\"timestamp\":\"2026-01-01T12:00:00.0000000Z\",\"rolloutId\":\"checkout\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TornLastLine_IsSkipped()
    {
        var log = CreateLog(Time);
        var first = await log.AppendAsync(Event());
        await File.AppendAllTextAsync(LogFile, "{\"sequence\":2,\"timest");

        Assert.Single(await log.ReadAsync("checkout"));
        Assert.Equal(first.Head, await new FileAuditLog(_directory.Path).GetHeadAsync("checkout"));
    }

    [Fact]
    public async Task AppendAsync_AfterTornLastLine_CutsItOffKeepsItAsideAndChainsToTheLastCompleteEntry()
    {
        var log = CreateLog(Time);
        var first = await log.AppendAsync(Event());
        await File.AppendAllTextAsync(LogFile, "{\"sequence\":2,\"timest");

        var second = await new FileAuditLog(_directory.Path, Time).AppendAsync(Event());

        Assert.Equal((2L, first.Hash), (second.Sequence, second.PreviousHash));
        var chain = await log.ReadAsync("checkout");
        Assert.True(AuditChainVerifier.Verify(chain, second.Head).IsValid);
        Assert.Equal(2, (await File.ReadAllLinesAsync(LogFile)).Length);
        Assert.Equal("{\"sequence\":2,\"timest\n", await File.ReadAllTextAsync(_directory.File("checkout.audit.torn")));
    }

    [Fact]
    public async Task AppendAsync_OnlyATornLine_StartsTheChainAtOne()
    {
        await File.WriteAllTextAsync(LogFile, "{\"seq");

        var entry = await CreateLog(Time).AppendAsync(Event());

        Assert.Equal(1, entry.Sequence);
    }

    [Fact]
    public async Task ReadAsync_MalformedCompleteLine_ThrowsNamingFileAndLine()
    {
        var log = CreateLog(Time);
        await log.AppendAsync(Event());
        await File.AppendAllTextAsync(LogFile, "not json\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => log.ReadAsync("checkout"));

        Assert.Contains(LogFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_AfterMalformedLastLine_ThrowsAndAppendsNothing()
    {
        var log = CreateLog(Time);
        await log.AppendAsync(Event());
        await File.AppendAllTextAsync(LogFile, "{\"sequence\":\"two\"}\n");
        var before = await File.ReadAllTextAsync(LogFile);

        await Assert.ThrowsAsync<InvalidDataException>(() => log.AppendAsync(Event()));

        Assert.Equal(before, await File.ReadAllTextAsync(LogFile));
    }

    [Fact]
    public async Task ReadAsync_EditedReasonInTheFile_IsReadAndFailsVerificationAsModified()
    {
        var log = CreateLog(Time);
        await log.AppendAsync(Event(reason: "analysis passed"));
        var head = (await log.AppendAsync(Event())).Head;
        var lines = await File.ReadAllLinesAsync(LogFile);
        lines[0] = lines[0].Replace("analysis passed", "analysis failed", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(LogFile, lines);

        var result = AuditChainVerifier.Verify(await log.ReadAsync("checkout"), head);

        Assert.Equal((AuditChainFailure.Modified, 1L), (result.Failure, result.FirstBrokenSequence));
    }

    [Fact]
    public async Task ReadAsync_LineOfAnotherRollout_Throws()
    {
        var log = CreateLog(Time);
        await log.AppendAsync(Event("search"));
        File.Copy(_directory.File("search.audit.jsonl"), LogFile);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => log.ReadAsync("checkout"));

        Assert.Contains("'search'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_SharedDirectoryWithTheStore_DoNotCollide()
    {
        var log = CreateLog(Time);
        await log.AppendAsync(Event());
        var store = new ProgressiveDelivery.Rollouts.Persistence.FileRolloutStore(_directory.Path, Time);
        await store.SaveAsync(new(
            "checkout", System.Text.Json.JsonDocument.Parse("{}").RootElement, await log.GetHeadAsync("checkout")), 0);

        Assert.Equal(new[] { "checkout" }, await store.ListAsync());
        Assert.Single(await log.ReadAsync(null));
        Assert.Equal(
            new[] { "checkout.audit.jsonl", "checkout.audit.lock", "checkout.json", "checkout.lock" },
            Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
