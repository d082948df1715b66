using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// Listens on <c>{schema}_changes</c> on a dedicated, unpooled connection (a LISTEN on a pooled connection would outlive
/// its use), and reports each parsed notification on <see cref="Signals"/>. On connection loss it reconnects with
/// exponential backoff and reports <see cref="ChangeSignal.Reconnected"/>, after which the reader re-reads everything.
/// </summary>
/// <remarks>
/// An idle connection is pinged every <c>pingInterval</c> (<c>SELECT 1</c> with a short timeout), so a connection that
/// died silently (a network partition) is noticed in seconds rather than after the operating system's TCP keepalive.
/// </remarks>
internal sealed class ChangeListener : IAsyncDisposable
{
    private readonly PostgreSqlDatabase _database;
    private readonly TimeSpan _minBackoff;
    private readonly TimeSpan _maxBackoff;
    private readonly TimeSpan _pingInterval;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<ChangeSignal> _signals = Channel.CreateUnbounded<ChangeSignal>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private volatile bool _isListening;

    public ChangeListener(PostgreSqlDatabase database, TimeSpan? minBackoff = null, TimeSpan? maxBackoff = null, TimeSpan? pingInterval = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _minBackoff = minBackoff ?? TimeSpan.FromMilliseconds(200);
        _maxBackoff = maxBackoff ?? TimeSpan.FromSeconds(10);
        _pingInterval = pingInterval ?? TimeSpan.FromSeconds(15);
        _timeProvider = timeProvider ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_minBackoff, TimeSpan.Zero, nameof(minBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxBackoff, _minBackoff, nameof(maxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(_pingInterval, TimeSpan.FromMilliseconds(100), nameof(pingInterval));
    }

    /// <summary>Changes and reconnections, in order. Completes after <see cref="DisposeAsync"/>.</summary>
    public ChannelReader<ChangeSignal> Signals => _signals.Reader;

    /// <summary>Whether the LISTEN is established right now.</summary>
    public bool IsListening => _isListening;

    /// <summary>The last connection error, if any (for health reporting).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Starts listening in the background and waits until the first LISTEN is established (retrying meanwhile).</summary>
    /// <param name="cancellationToken">Cancels the wait, not the listener.</param>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        _loop ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return _listening.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _signals.Writer.TryComplete();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var backoff = _minBackoff;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await OpenAsync(stopping).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN \"{_database.Settings.Channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }

                _isListening = true;
                backoff = _minBackoff;
                _signals.Writer.TryWrite(ChangeSignal.Reconnected);
                _listening.TrySetResult();
                await WaitLoopAsync(connection, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LastError = exception;
            }
            finally
            {
                _isListening = false;
            }

            try
            {
                await Task.Delay(backoff, _timeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _maxBackoff.Ticks));
        }
    }

    private async Task WaitLoopAsync(NpgsqlConnection connection, CancellationToken stopping)
    {
        var timeout = (int)_pingInterval.TotalMilliseconds;
        while (true)
        {
            if (!await connection.WaitAsync(timeout, stopping).ConfigureAwait(false))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 5 };
                await ping.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A connection of its own: the data source's settings (password and callbacks included) with pooling off.</summary>
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await using var template = _database.DataSource.CreateConnection();
        var settings = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false, Multiplexing = false };
        var connection = await template.CloneWithAsync(settings.ConnectionString, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (ChangeNotification.TryParse(e.Payload) is { } notification)
        {
            _signals.Writer.TryWrite(new ChangeSignal(notification));
        }
    }
}
