using System;
using Microsoft.Playwright;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The browser tests' collection (one chromium at a time) and the Playwright settings every one of them needs, set once
/// before the first runs whatever the order: Debian's browser, never a download; and expectations that wait 15 s, as a
/// loaded 2-core machine needs (the page polls every 2 s).
/// </summary>
[CollectionDefinition(BrowserFactAttribute.Collection)]
public sealed class BrowserCollection : ICollectionFixture<BrowserCollection.Settings>
{
    /// <summary>Applies the settings when the collection starts.</summary>
    public sealed class Settings
    {
        public Settings()
        {
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            Assertions.SetDefaultExpectTimeout(15_000);
        }
    }
}
