using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server for the tests: initdb into a temp folder, trust authentication, listening on
/// 127.0.0.1 at a free port with its unix socket in that folder, fsync off. Removed at the end (stopped with
/// <c>-m immediate</c>, folder deleted) even after failures, and at process exit if the fixture was never disposed.
/// </summary>
/// <remarks>
/// Isolation: each test takes a fresh schema (<see cref="NewSchemaName"/>) or database (<see cref="CreateDatabaseAsync"/>).
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> stop and restart the server on the same port and data, for
/// outage tests; the test that stops it must start it again.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);
    private static int _names;
    private string? _root;
    private string? _dataDirectory;
    private int _disposed;

    /// <summary>The connection string of the <c>postgres</c> database, as superuser <c>postgres</c> over TCP.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Whether the server is running.</summary>
    public bool IsRunning { get; private set; }

    private string Bin(string tool) => Path.Combine(PostgresBinaries.Directory!, tool);

    public async Task InitializeAsync()
    {
        if (PostgresBinaries.Directory is null)
        {
            if (PostgresBinaries.Required)
            {
                throw new InvalidOperationException($"CI=true and PostgreSQL's server binaries were not found (/usr/lib/postgresql/*/bin or pg_config --bindir). {PostgresBinaries.MissingReason}");
            }

            return; // Every test is skipped.
        }

        _root = Directory.CreateTempSubdirectory("pd-pg-").FullName;
        _dataDirectory = Path.Combine(_root, "data");
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        await ProcessRunner.ChownToPostgresAsync(_root);
        await RunToolAsync("initdb", "-D", _dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync");

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            await File.AppendAllTextAsync(Path.Combine(_dataDirectory, "postgresql.conf"), string.Create(CultureInfo.InvariantCulture, $"""

                # Test server (ProgressiveDelivery.PostgreSql.Tests)
                listen_addresses = '127.0.0.1'
                port = {Port}
                unix_socket_directories = '{_root}'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 200

                """));
            try
            {
                await StartAsync();
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was taken between probing and binding: the next lines of postgresql.conf win.
            }
        }

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 15,
        }.ConnectionString;
    }

    /// <summary>Starts the (stopped) server on the same port and data folder; returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        var log = Path.Combine(_root!, "server.log");
        var (exitCode, output) = await RunToolAsync(throwOnFailure: false, "pg_ctl", "-D", _dataDirectory!, "-l", log, "-w", "-t", "60", "start");
        if (exitCode != 0)
        {
            var tail = File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
            throw new InvalidOperationException($"pg_ctl start failed ({exitCode}): {output}\n{tail[Math.Max(0, tail.Length - 2000)..]}");
        }

        IsRunning = true;
    }

    /// <summary>Stops the server (fast shutdown: connections are cut), keeping its data for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        await RunToolAsync("pg_ctl", "-D", _dataDirectory!, "-m", "fast", "-w", "stop");
        IsRunning = false;
    }

    /// <summary>A schema name never used before in this server.</summary>
    public static string NewSchemaName() =>
        string.Create(CultureInfo.InvariantCulture, $"t{Interlocked.Increment(ref _names)}_{Guid.NewGuid():N}")[..30];

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "d" + NewSchemaName();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1 || _root is null)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            await RunToolAsync(throwOnFailure: false, "pg_ctl", "-D", _dataDirectory!, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            IsRunning = false;
            Directory.Delete(_root, recursive: true);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().GetAwaiter().GetResult();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<(int ExitCode, string Output)> RunToolAsync(string tool, params string[] arguments) => RunToolAsync(throwOnFailure: true, tool, arguments);

    private async Task<(int ExitCode, string Output)> RunToolAsync(bool throwOnFailure, string tool, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(Bin(tool), arguments, _root!, ToolTimeout);
        if (throwOnFailure && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Output}");
        }

        return result;
    }
}
