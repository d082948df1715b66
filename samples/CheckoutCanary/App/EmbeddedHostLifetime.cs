using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace CheckoutCanary.App;

/// <summary>
/// The lifetime of a web app that is one part of the demo's process: it leaves Ctrl+C and SIGTERM to the process
/// (<see cref="Run.ShutdownSignals"/>). The default <c>ConsoleLifetime</c> registers for SIGINT, SIGQUIT and SIGTERM,
/// cancels the signal and only asks its own host to stop; since the demo starts its apps with <c>StartAsync</c> and never
/// waits for that request, a SIGTERM was swallowed and the demo ran on until killed. Beside the process's own handler it
/// would still cancel every signal, so a second Ctrl+C could never end a stuck stop.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
