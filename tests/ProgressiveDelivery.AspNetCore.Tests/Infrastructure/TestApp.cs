using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>A real host for end-to-end tests: TestServer, or Kestrel on 127.0.0.1 with a port chosen by the OS.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, HttpClient client, LogCollector logs)
    {
        App = app;
        Client = client;
        Logs = logs;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public LogCollector Logs { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestApp> StartAsync(
        Action<WebApplicationBuilder> configureServices,
        Action<WebApplication> configureApp,
        bool kestrel = false,
        string baseAddress = "http://localhost/")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        var logs = new LogCollector();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        if (kestrel)
        {
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        configureServices(builder);
        var app = builder.Build();
        configureApp(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        HttpClient client;
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        }
        else
        {
            client = app.GetTestServer().CreateClient();
            client.BaseAddress = new Uri(baseAddress);
        }

        return new TestApp(app, client, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
