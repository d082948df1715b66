using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using ProgressiveDelivery.Bucketing;
using ProgressiveDelivery.Bucketing.Internal;

namespace ProgressiveDelivery.Benchmarks;

/// <summary>
/// The cost of assigning one unit: the raw MurmurHash3 over pre-encoded UTF-8 (baseline), the native
/// <see cref="Bucketer.GetBucket"/> on the same input (which also encodes it), the FeatureManagement-compatible bucketer,
/// and Microsoft.FeatureManagement 4.7.0's own targeting evaluation for scale. Every operation takes the next of 1024
/// 24-char user ids, with a 12-char salt / feature name.
/// </summary>
[MemoryDiagnoser]
public class BucketingBenchmarks
{
    private const int IdCount = 1024;
    private const string Salt = "checkout-v2a";

    private readonly string[] _ids = new string[IdCount];
    private readonly byte[][] _utf8Inputs = new byte[IdCount][];
    private readonly TargetingContext[] _contexts = new TargetingContext[IdCount];
    private ConfigurationFeatureDefinitionProvider? _provider;
    private FeatureManager? _featureManager;
    private int _next;

    /// <summary>Builds the ids, their UTF-8 bucketing inputs and a Microsoft.FeatureManagement manager with a 50% targeting rollout.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1024);
        for (var i = 0; i < IdCount; i++)
        {
            _ids[i] = "user-" + random.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);
            _utf8Inputs[i] = [.. Encoding.UTF8.GetBytes(Salt), 0xFF, .. Encoding.UTF8.GetBytes(_ids[i])];
            _contexts[i] = new TargetingContext { UserId = _ids[i] };
        }

        var settings = new Dictionary<string, string?>
        {
            ["feature_management:feature_flags:0:id"] = Salt,
            ["feature_management:feature_flags:0:enabled"] = "true",
            ["feature_management:feature_flags:0:conditions:client_filters:0:name"] = "Microsoft.Targeting",
            ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:DefaultRolloutPercentage"] = "50",
        };
        _provider = new ConfigurationFeatureDefinitionProvider(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        _featureManager = new FeatureManager(_provider, new FeatureManagementOptions())
        {
            FeatureFilters = [new ContextualTargetingFilter(Options.Create(new TargetingEvaluationOptions()), NullLoggerFactory.Instance)],
        };
    }

    /// <summary>Disposes the feature definition provider.</summary>
    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    /// <summary>MurmurHash3 x86_32 over the already-encoded UTF-8 input: the floor for any native bucketing.</summary>
    [Benchmark(Baseline = true)]
    public uint RawMurmur3() => Murmur3Hasher.Hash(_utf8Inputs[Next()], 0);

    /// <summary>The native bucketer: encodes salt and id to UTF-8, hashes, maps to a bucket.</summary>
    [Benchmark]
    public int GetBucket() => Bucketer.GetBucket(Salt, _ids[Next()]);

    /// <summary>The FeatureManagement-compatible bucketer: UTF-8 encode, SHA-256, percentage, 50% rollout.</summary>
    [Benchmark]
    public bool FeatureManagementBucketerIsInPercentage() => FeatureManagementBucketer.IsInPercentage(_ids[Next()], Salt, 50);

    /// <summary>Microsoft.FeatureManagement 4.7.0 itself: the whole targeting-filter evaluation of a 50% rollout.</summary>
    [Benchmark]
    public Task<bool> FeatureManagementIsEnabledAsync() => _featureManager!.IsEnabledAsync(Salt, _contexts[Next()]);

    private int Next() => _next = (_next + 1) & (IdCount - 1);
}
