using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace CheckoutCanary.Run;

/// <summary>Where the demo shows itself: a live console table, or plain lines when the output is redirected.</summary>
internal interface IDemoDisplay
{
    /// <summary>Prints a line between scenarios (headings, addresses, instructions).</summary>
    void Line(string markup);

    /// <summary>Runs <paramref name="body"/>, showing every snapshot it reports while it runs.</summary>
    Task<T> ShowAsync<T>(Func<Action<DemoSnapshot>, Task<T>> body);

    /// <summary>The end: what happened in each scenario and why, with the numbers.</summary>
    void Summary(IReadOnlyList<ScenarioResult> results);
}
