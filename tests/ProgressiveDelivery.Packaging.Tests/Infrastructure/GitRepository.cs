using System;
using System.Diagnostics;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>Asks git for the commit checked out in the repository, which SourceLink writes into the packages.</summary>
internal static class GitRepository
{
    public static string HeadCommit(string repository)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("rev-parse");
        start.ArgumentList.Add("HEAD");
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        var output = git.StandardOutput.ReadToEnd().Trim();
        var error = git.StandardError.ReadToEnd();
        if (!git.WaitForExit(TimeSpan.FromSeconds(60)) || git.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`git rev-parse HEAD` failed in {repository}; the packages' repository commit comes from git, so these tests need a git clone. {error}");
        }

        return output;
    }
}
