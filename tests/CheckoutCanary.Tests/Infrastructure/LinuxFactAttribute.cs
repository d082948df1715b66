using System;

namespace CheckoutCanary.Tests.Infrastructure;

/// <summary>
/// A fact that sends POSIX signals to a real demo process: Linux only (CI is Linux), skipped elsewhere. xunit 2 has no
/// dynamic skip, so the decision is made here.
/// </summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute() => Skip = OperatingSystem.IsLinux() ? null : "Sends POSIX signals to a child process: Linux only.";
}
