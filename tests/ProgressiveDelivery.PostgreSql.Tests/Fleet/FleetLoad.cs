using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.PostgreSql.Tests.Fleet;

/// <summary>
/// Requests <c>GET /checkout?user=user-N</c> of <see cref="Users"/> random users, spread round-robin over the replicas
/// (every fourth user to all of them in a row; a few concurrent workers, throttled so that three hosts, the server and the test share two cores), keeping every
/// answer. A replica can be taken out of the rotation (killed, stopped).
/// </summary>
internal sealed class FleetLoad : IAsyncDisposable
{
    public const int Users = 2_000;

    private readonly IReadOnlyList<FleetProcess> _replicas;
    private readonly ConcurrentDictionary<FleetProcess, bool> _excluded = new();
    private readonly ConcurrentQueue<CheckoutAnswer> _answers = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private long _next;

    public FleetLoad(IReadOnlyList<FleetProcess> replicas, int workers = 3, int seed = 13)
    {
        _replicas = replicas;
        _workers = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            var random = new Random(seed + i);
            _workers[i] = Task.Run(() => RunAsync(random));
        }
    }

    /// <summary>Every answer so far.</summary>
    public IReadOnlyCollection<CheckoutAnswer> Answers => _answers;

    /// <summary>Requests that did not answer 200 (or did not answer), with why.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Stops sending to a replica; its requests in flight finish (or fail) on their own.</summary>
    public void Exclude(FleetProcess replica) => _excluded[replica] = true;

    /// <summary>Answers 200 of one replica so far.</summary>
    public long ServedBy(FleetProcess replica) => _answers.Count(answer => answer.Replica == replica);

    /// <summary>Stops the load and waits for the requests in flight.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose(); // IsCancellationRequested still answers after Dispose, so StopAsync may be called again
    }

    private async Task RunAsync(Random random)
    {
        for (var iteration = 0; !_stop.IsCancellationRequested; iteration++)
        {
            var user = "user-" + random.Next(Users).ToString(CultureInfo.InvariantCulture);
            if (iteration % 4 == 0)
            {
                // A quarter of the users go to every replica at once: enough of them meet each replica at one weight.
                foreach (var replica in _replicas.Where(replica => !_excluded.ContainsKey(replica)))
                {
                    await RequestAsync(replica, user);
                }
            }
            else
            {
                var replica = _replicas[(int)(Interlocked.Increment(ref _next) % _replicas.Count)];
                if (_excluded.ContainsKey(replica))
                {
                    continue;
                }

                await RequestAsync(replica, user);
            }

            try
            {
                await Task.Delay(4, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RequestAsync(FleetProcess replica, string user)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            // Not cancelled by the stop: a request sent is awaited, so the answers are complete when StopAsync returns.
            using var response = await replica.Http.GetAsync("/checkout?user=" + user);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                _failures.Enqueue($"{replica.Name} {user}: {(int)response.StatusCode} {text}");
                return;
            }

            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var weight = root.GetProperty("weightBasisPoints");
            _answers.Enqueue(new CheckoutAnswer(
                replica,
                user,
                root.GetProperty("variant").GetString()!,
                weight.ValueKind == JsonValueKind.Number ? weight.GetInt32() : null,
                root.GetProperty("version").GetInt64(),
                sent));
        }
        catch (Exception exception) when (exception is System.Net.Http.HttpRequestException or TaskCanceledException or JsonException)
        {
            if (!_excluded.ContainsKey(replica))
            {
                _failures.Enqueue($"{replica.Name} {user}: {exception.GetType().Name} {exception.Message}");
            }
        }
    }
}

/// <summary>One answer of <c>/checkout</c>: the variant served and the weight its evaluation used (null when not known exactly).</summary>
internal sealed record CheckoutAnswer(FleetProcess Replica, string User, string Variant, int? WeightBasisPoints, long Version, long SentAt);
