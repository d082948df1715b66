using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;

namespace CheckoutCanary.Load;

/// <summary>
/// Sends checkouts over real HTTP at a steady rate as a few thousand distinct users, each worker owning its own
/// users (so a user never has two requests in flight). Counts what each implementation served, and whether any user
/// ever moved from the canary back to stable (stickiness: only a rollback may do that). With several replicas
/// (fleet mode) the requests go round robin across those that joined (<see cref="AddReplica"/>, as a load balancer
/// adds a replica once it is ready), so each user is served by all of them in turn.
/// </summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    private const string UnitCookieName = ".ProgressiveDelivery.Unit";

    private readonly LoadSettings _settings;
    private readonly HttpClient _client;
    private readonly long[] _replicaRequests;
    /// <summary>The replicas that joined, the first address first, each with its request addresses built once: a
    /// request reads the array as it is, and a join replaces it whole (copy on write).</summary>
    private (int Index, Uri Checkout, Uri Catalog)[] _targets;
    private readonly SimulatedUser[] _users;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private long _transportErrors;
    private long _otherPages;
    private long _canaryToStable;
    private long _stableToCanary;
    private int _sendCheckouts;
    private long _next;

    /// <param name="baseAddress">The app (fleet mode: replica 1, the first to take requests).</param>
    /// <param name="settings">How much load.</param>
    /// <param name="replicas">Fleet mode: how many replicas there will be; the others join with <see cref="AddReplica"/>.</param>
    public LoadGenerator(Uri baseAddress, LoadSettings settings, int replicas = 1)
    {
        _settings = settings;
        _replicaRequests = new long[replicas];
        _targets = [Target(0, baseAddress)];
        _client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false, // each user's cookie is sent by hand: one client serves thousands of users
            MaxConnectionsPerServer = settings.Workers,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };

        var random = new Random(settings.Seed);
        _users = Enumerable.Range(0, settings.Users)
            .Select(i => random.NextDouble() < settings.SignedInShare
                ? new SimulatedUser($"user-{i:D5}", signedIn: true)
                : new SimulatedUser($"anonymous-{i:D5}", signedIn: false))
            .ToArray();
    }

    public ArmTraffic Stable { get; } = new();

    public ArmTraffic Canary { get; } = new();

    public int UserCount => _users.Length;

    public int SignedInUsers => _users.Count(u => u.SignedIn);

    /// <summary>Users who have been served at least one checkout.</summary>
    public int ActiveUsers => _users.Count(u => u.LastImplementation is not null);

    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    public long OtherPages => Interlocked.Read(ref _otherPages);

    /// <summary>Users whose checkout moved from the canary back to stable (a rollback does that; nothing else should).</summary>
    public long CanaryToStable => Interlocked.Read(ref _canaryToStable);

    /// <summary>Users whose checkout moved from stable to the canary (each weight increase does that).</summary>
    public long StableToCanary => Interlocked.Read(ref _stableToCanary);

    /// <summary>
    /// Adds replica <paramref name="index"/> (0 is the first address) to the round robin. Called by one caller at a time
    /// (the fleet's join loop, one replica after another), so reading, copying and writing the array needs no lock.
    /// </summary>
    public void AddReplica(int index, Uri address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _replicaRequests.Length);
        Volatile.Write(ref _targets, [.. Volatile.Read(ref _targets), Target(index, address)]);
    }

    /// <summary>The requests sent to replica <paramref name="index"/> (0 is the first address).</summary>
    public long RequestsTo(int index) => Interlocked.Read(ref _replicaRequests[index]);

    /// <summary>Whether users check out (false: they only browse <c>/catalog</c>, so the rollout gets no traffic).</summary>
    public bool SendCheckouts
    {
        get => Volatile.Read(ref _sendCheckouts) != 0;
        set => Volatile.Write(ref _sendCheckouts, value ? 1 : 0);
    }

    public void Start(bool sendCheckouts)
    {
        SendCheckouts = sendCheckouts;
        var started = Stopwatch.GetTimestamp();
        for (var worker = 0; worker < _settings.Workers; worker++)
        {
            var mine = _users.Where((_, i) => i % _settings.Workers == worker).ToArray();
            if (mine.Length > 0)
            {
                _workers.Add(RunWorkerAsync(worker, mine, started, _stop.Token));
            }
        }
    }

    private async Task RunWorkerAsync(int worker, SimulatedUser[] users, long started, CancellationToken cancellationToken)
    {
        var random = new Random(HashCode.Combine(_settings.Seed, worker));
        // Worker w sends its k-th request at (k * workers + w) / rate seconds: together, a steady rate.
        var interval = TimeSpan.FromSeconds((double)_settings.Workers / _settings.RequestsPerSecond);
        var due = TimeSpan.FromSeconds((double)worker / _settings.RequestsPerSecond);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = due - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                due += interval;
                var user = users[random.Next(users.Length)];
                if (SendCheckouts)
                {
                    await CheckoutAsync(user, cancellationToken);
                }
                else
                {
                    await BrowseAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckoutAsync(SimulatedUser user, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, NextReplica().Checkout);
        if (user.SignedIn)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Id);
        }
        else if (user.Cookie is not null)
        {
            request.Headers.Add("Cookie", user.Cookie);
        }

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _transportErrors);
            return;
        }

        using (response)
        {
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!user.SignedIn && user.Cookie is null && response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                user.Cookie = cookies.Select(UnitCookie).FirstOrDefault(c => c is not null);
            }

            var implementation = response.Headers.TryGetValues(CheckoutBehavior.ImplementationHeader, out var values) ? values.First() : null;
            var arm = implementation switch { "stable" => Stable, "canary" => Canary, _ => null };
            if (arm is null)
            {
                Interlocked.Increment(ref _transportErrors);
                return;
            }

            arm.Record(response.StatusCode >= HttpStatusCode.InternalServerError, milliseconds);
            if (user.LastImplementation is { } previous && previous != implementation)
            {
                Interlocked.Increment(ref implementation == "stable" ? ref _canaryToStable : ref _stableToCanary);
            }

            user.LastImplementation = implementation;
        }
    }

    private async Task BrowseAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(NextReplica().Catalog, cancellationToken);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _otherPages : ref _transportErrors);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _transportErrors);
        }
    }

    /// <summary>The next replica in turn, counted.</summary>
    private (int Index, Uri Checkout, Uri Catalog) NextReplica()
    {
        var targets = Volatile.Read(ref _targets);
        var target = targets[(int)((ulong)(Interlocked.Increment(ref _next) - 1) % (ulong)targets.Length)];
        Interlocked.Increment(ref _replicaRequests[target.Index]);
        return target;
    }

    private static (int Index, Uri Checkout, Uri Catalog) Target(int index, Uri address) =>
        (index, new Uri(address, "checkout"), new Uri(address, "catalog"));

    private static string? UnitCookie(string setCookie)
    {
        // ".ProgressiveDelivery.Unit=<id>; max-age=...; path=/; samesite=lax; httponly" -> ".ProgressiveDelivery.Unit=<id>"
        var end = setCookie.IndexOf(';', StringComparison.Ordinal);
        var pair = end < 0 ? setCookie : setCookie[..end];
        return pair.StartsWith(UnitCookieName + "=", StringComparison.Ordinal) ? pair : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _client.Dispose();
        _stop.Dispose();
    }
}

/// <summary>How much load: users, the share signed in, requests per second, concurrent workers, the random seed.</summary>
internal sealed record LoadSettings(int Users, double SignedInShare, int RequestsPerSecond, int Workers, int Seed)
{
    public static LoadSettings Default { get; } = new(Users: 3000, SignedInShare: 0.35, RequestsPerSecond: 300, Workers: 32, Seed: 1);
}
