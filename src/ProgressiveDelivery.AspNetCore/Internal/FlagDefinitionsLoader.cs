using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Owns the <see cref="FlagEvaluator"/> registered by <c>AddProgressiveDelivery</c>: loads the definitions when first
/// resolved (throwing <see cref="DefinitionException"/> with every error, which fails start-up), then watches their
/// source and installs each valid change; an invalid change keeps the last good definitions and is logged with every error.
/// </summary>
internal sealed class FlagDefinitionsLoader : IDisposable
{
    /// <summary>How long a file change settles before the file is read (as <c>FileConfigurationProvider.ReloadDelay</c>): editors and deploy tools write in steps.</summary>
    internal static readonly TimeSpan FileReloadDelay = TimeSpan.FromMilliseconds(250);

    private readonly ILogger _logger;
    private readonly ITimer? _fileReloadTimer;
    private readonly Func<string>? _readJson;
    private readonly string _sourceName;
    private readonly IDisposable? _watch;
    private readonly PhysicalFileProvider? _fileProvider;
    private readonly object _reloadGate = new();
    private string? _lastJson;

    public FlagDefinitionsLoader(
        IOptions<ProgressiveDeliveryOptions> options,
        IEnumerable<EvaluationHook> hooks,
        TimeProvider timeProvider,
        ILogger<FlagDefinitionsLoader> logger)
    {
        _logger = logger;
        var settings = options.Value;
        var evaluatorOptions = new FlagEvaluatorOptions { OnHookError = (_, exception) => Log.HookFailed(logger, exception) };
        foreach (var hook in hooks)
        {
            evaluatorOptions.Hooks.Add(hook);
        }

        FlagSnapshot snapshot;
        Func<IChangeToken>? changes = null;
        Action onChange = Reload;
        if (settings.CodeFlags is { } codeFlags)
        {
            _sourceName = "code";
            snapshot = FlagSnapshot.Compile(codeFlags);
        }
        else if (settings.FilePath is { } filePath)
        {
            var fullPath = Path.GetFullPath(filePath);
            _sourceName = fullPath;
            _readJson = () => File.ReadAllText(fullPath);
            snapshot = LoadInitial(_readJson());
            var fileProvider = new PhysicalFileProvider(Path.GetDirectoryName(fullPath)!);
            _fileProvider = fileProvider;
            var fileName = Path.GetFileName(fullPath);
            changes = () => fileProvider.Watch(fileName);
            var timer = timeProvider.CreateTimer(static state => ((FlagDefinitionsLoader)state!).Reload(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _fileReloadTimer = timer;
            onChange = () => timer.Change(FileReloadDelay, Timeout.InfiniteTimeSpan);
        }
        else if (settings.DefinitionsSection is { } section)
        {
            _sourceName = "configuration section '" + section.Path + "'";
            _readJson = () => ConfigurationFlagsJson.Write(section);
            snapshot = LoadInitial(_readJson());
            changes = section.GetReloadToken;
        }
        else
        {
            _sourceName = "nothing";
            snapshot = FlagSnapshot.Empty;
        }

        Evaluator = new FlagEvaluator(snapshot, evaluatorOptions);
        if (changes is not null)
        {
            _watch = ChangeToken.OnChange(changes, onChange); // only once the evaluator exists
        }

        Log.DefinitionsLoaded(logger, _sourceName, snapshot.Count);
    }

    /// <summary>The evaluator the application uses.</summary>
    public FlagEvaluator Evaluator { get; }

    public void Dispose()
    {
        _watch?.Dispose();
        _fileReloadTimer?.Dispose();
        _fileProvider?.Dispose();
    }

    /// <summary>Reads the source again and installs the definitions when they are valid and changed.</summary>
    internal void Reload()
    {
        if (_readJson is null)
        {
            return;
        }

        lock (_reloadGate)
        {
            string json;
            try
            {
                json = _readJson();
            }
            catch (IOException exception)
            {
                Log.ReloadFailed(_logger, _sourceName, exception);
                return;
            }
            catch (UnauthorizedAccessException exception)
            {
                Log.ReloadFailed(_logger, _sourceName, exception);
                return;
            }

            if (string.Equals(json, _lastJson, StringComparison.Ordinal))
            {
                return; // configuration signals every change of the whole tree; this section did not change
            }

            if (Evaluator.TryUpdateFromJson(json, out var errors))
            {
                _lastJson = json;
                Log.DefinitionsLoaded(_logger, _sourceName, Evaluator.Snapshot.Count);
            }
            else
            {
                Log.ReloadRejected(_logger, _sourceName, new DefinitionException(errors).Message);
            }
        }
    }

    private FlagSnapshot LoadInitial(string json)
    {
        var snapshot = FlagSnapshot.FromJson(json);
        _lastJson = json;
        return snapshot;
    }
}
