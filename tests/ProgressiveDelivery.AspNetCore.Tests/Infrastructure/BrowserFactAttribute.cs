using System;
using System.IO;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A fact that needs Debian's <c>chromium</c> at <see cref="ChromiumPath"/>: skipped when it is missing, unless
/// <c>CI=true</c>, where the test runs and fails (CI must never pass by skipping; <c>.ci/run</c> installs it).
/// Playwright drives that browser and never downloads one of its own.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The xunit collection of the browser tests: one chromium at a time on a small machine.</summary>
    public const string Collection = "browser";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "The dashboard's browser test needs Debian's chromium at " + ChromiumPath + ": install it with `apt-get install chromium` (CI installs it and fails without it).";
        }
    }
}
