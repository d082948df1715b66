using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

/// <summary>
/// Finds PostgreSQL's server binaries (initdb, pg_ctl): the folder named by <c>POSTGRES_BIN</c> if set (an invalid one
/// counts as missing, to try the skip), else Debian's /usr/lib/postgresql/{version}/bin, highest version first, else
/// <c>pg_config --bindir</c>.
/// </summary>
internal static class PostgresBinaries
{
    public const string MissingReason = "PostgreSQL is not installed: apt-get install postgresql";

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? Directory { get; } = Find();

    /// <summary>Whether a missing server must fail the tests instead of skipping them: under <c>CI=true</c>.</summary>
    public static bool Required { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reason to skip, or null to run.</summary>
    public static string? SkipReason => Directory is null && !Required ? MissingReason : null;

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return HasServer(configured) ? configured : null;
        }

        const string Debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(Debian))
        {
            var newest = System.IO.Directory.GetDirectories(Debian)
                .Select(path => (Path: Path.Combine(path, "bin"), Version: int.TryParse(Path.GetFileName(path), out var v) ? v : -1))
                .Where(candidate => HasServer(candidate.Path))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Path)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return FromPgConfig();
    }

    private static string? FromPgConfig()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && HasServer(output) ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // No pg_config on the PATH.
        }
    }

    private static bool HasServer(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));
}
