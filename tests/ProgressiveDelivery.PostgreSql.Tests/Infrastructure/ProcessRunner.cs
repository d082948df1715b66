using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

/// <summary>Runs PostgreSQL's tools, as the <c>postgres</c> user when this process is root (the server refuses to run as root).</summary>
internal static class ProcessRunner
{
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && Environment.UserName == "root";

    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo
        {
            FileName = IsRoot ? "runuser" : program,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (IsRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, (await output) + (await error));
    }

    /// <summary>Gives the <c>postgres</c> user a folder this (root) process created.</summary>
    public static async Task ChownToPostgresAsync(string directory)
    {
        if (!IsRoot)
        {
            return;
        }

        using var process = Process.Start(new ProcessStartInfo("chown", ["-R", "postgres:postgres", directory]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("Could not start chown.");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown -R postgres:postgres {directory} failed (is there a postgres user?): {error}");
        }
    }
}
