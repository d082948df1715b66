using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Npgsql;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Outcomes;
using ProgressiveDelivery.PostgreSql.Tests.Fleet;
using ProgressiveDelivery.Rollouts;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.FleetBenchmarks;

/// <summary>The request path (evaluate + record) of a file-store manager and of a fleet replica, both at the first step.</summary>
[MemoryDiagnoser]
public class RequestPathBenchmarks
{
    private const int Users = 10_000;
    private const int Batch = 1_000;

    private readonly EvaluationContext[] _contexts = new EvaluationContext[Users];
    private readonly UnitKey[] _units = new UnitKey[Users];
    private string _directory = string.Empty;
    private FlagEvaluator _fileEvaluator = null!;
    private RolloutManager _fileManager = null!;
    private NpgsqlDataSource _dataSource = null!;
    private FleetReplicaHost _replica = null!;
    private int _next;

    /// <summary>Set by the program before the run: the server's connection string.</summary>
    public static string ConnectionString { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Users; i++)
        {
            var id = "user-" + i;
            _contexts[i] = EvaluationContext.ForUnit(id);
            _units[i] = UnitKey.FromId(id);
        }

        var plan = RolloutPlan.Canary(TimeSpan.FromHours(1));
        _directory = Directory.CreateTempSubdirectory("pd-bench-").FullName;
        _fileEvaluator = new FlagEvaluator(FleetReplicaHost.CompileFlags());
        _fileManager = new RolloutManager(_fileEvaluator, new FileRolloutStore(_directory), new FileAuditLog(_directory));
        if (_fileManager.LoadAsync(FleetReplicaHost.Rollouts(plan)).GetAwaiter().GetResult().Count > 0)
        {
            throw new InvalidOperationException("The benchmark's rollout is invalid.");
        }

        _fileManager.TickAsync().GetAwaiter().GetResult();
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        _replica = new FleetReplicaHost(_dataSource, "bench_requests", "bench-replica");
        _replica.StartAsync(plan).GetAwaiter().GetResult();
        var waited = 0;
        while (!_replica.Leads && waited++ < 400)
        {
            System.Threading.Thread.Sleep(50);
        }

        _replica.Manager.TickAsync().GetAwaiter().GetResult();
        if (_replica.View.State.WeightBasisPoints != _fileManager.GetRollout(FleetReplicaHost.RolloutId)!.State.WeightBasisPoints)
        {
            throw new InvalidOperationException("Both managers must serve the same weight.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _replica.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dataSource.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int FileStore() => Serve(_fileEvaluator, _fileManager);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int PostgreSqlFleet() => Serve(_replica.Evaluator, _replica.Manager);

    private int Serve(FlagEvaluator evaluator, RolloutManager manager)
    {
        var canary = 0;
        for (var i = 0; i < Batch; i++)
        {
            var user = _next = (_next + 7_919) % Users;
            var evaluation = evaluator.Evaluate(FleetReplicaHost.FlagKey, _contexts[user]);
            canary += evaluation.Variant == "new" ? 1 : 0;
            manager.Record(in evaluation, _units[user], new RequestOutcome(false, 0.05));
        }

        return canary;
    }
}
