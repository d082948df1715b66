using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Owns the <see cref="FlagEvaluator"/> registered by <c>AddProgressiveDelivery</c>: loads the definitions when first
/// resolved (throwing <see cref="DefinitionException"/> with every error, which fails start-up), then watches their
/// source and installs each valid change; an invalid change keeps the last good definitions and is logged with every error.
/// Rollouts (the document's <c>rollouts</c>, or code) are validated with the flags and published through <see cref="RolloutsChanged"/>.
/// With <see cref="ProgressiveDeliveryOptions.ReadFeatureManagementConfiguration()"/>, the features of Microsoft.FeatureManagement
/// configuration join the definitions, and a change to that configuration reloads them too.
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
    private readonly RolloutSet? _codeRollouts;
    private readonly TimeProvider _timeProvider;
    private readonly bool _failStart;
    private readonly FlagSet _fixedFlags;
    private readonly FeatureManagementSource? _featureManagement;
    private readonly IDisposable? _featureManagementWatch;
    private string? _lastJson;
    private string? _lastFeatureManagementJson;
    private FeatureManagementFlags? _featureManagementFlags;
    private volatile DefinitionsDocument _document;
    private volatile DefinitionsHealth _health = DefinitionsHealth.Loaded;

    public FlagDefinitionsLoader(
        IOptions<ProgressiveDeliveryOptions> options,
        IEnumerable<EvaluationHook> hooks,
        TimeProvider timeProvider,
        ProgressiveDeliveryRegistration registration,
        IServiceProvider services,
        ILogger<FlagDefinitionsLoader> logger)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        var settings = options.Value;
        _failStart = settings.FailStartOnInvalidDefinitions;
        var evaluatorOptions = new FlagEvaluatorOptions { OnHookError = (_, exception) => Log.HookFailed(logger, exception) };
        foreach (var hook in hooks)
        {
            evaluatorOptions.Hooks.Add(hook);
        }

        _codeRollouts = settings.CodeRollouts;
        _fixedFlags = settings.CodeFlags ?? new FlagSet();
        if (settings.ReadsFeatureManagement)
        {
            var configuration = settings.FeatureManagementConfiguration ?? services.GetService<IConfiguration>()
                ?? throw new InvalidOperationException("ReadFeatureManagementConfiguration() needs an IConfiguration service (or pass the configuration to read).");
            _featureManagement = new FeatureManagementSource(configuration, timeProvider, logger);
            _lastFeatureManagementJson = _featureManagement.ReadJson();
            _featureManagementFlags = _featureManagement.Parse(_lastFeatureManagementJson);
        }

        DefinitionsDocument document;
        Func<IChangeToken>? changes = null;
        var watchFeatureManagement = _featureManagement is not null;
        Action onChange = Reload;
        if (settings.CodeFlags is { } codeFlags)
        {
            _sourceName = "code";
            document = DefinitionsDocument.TryCreate(codeFlags, _codeRollouts, _featureManagementFlags, out var created, out var errors) ? created : StartWithout(errors);
        }
        else if (settings.FilePath is { } filePath)
        {
            var fullPath = Path.GetFullPath(filePath);
            _sourceName = fullPath;
            _readJson = () => File.ReadAllText(fullPath);
            document = LoadInitial(_readJson);
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
            document = LoadInitial(_readJson);
            changes = section.GetReloadToken;
            if (_featureManagement is { } featureManagement)
            {
                // Usually one configuration tree, one token: one watch, so that an edit is read (and a bad one logged) once.
                changes = () => new CompositeChangeToken([section.GetReloadToken(), featureManagement.GetReloadToken()]);
                watchFeatureManagement = false;
            }
        }
        else
        {
            _sourceName = "nothing";
            document = DefinitionsDocument.TryCreate(_fixedFlags, _codeRollouts, _featureManagementFlags, out var created, out var errors) ? created : StartWithout(errors);
        }

        if (_featureManagement is not null)
        {
            _sourceName += " and Microsoft.FeatureManagement configuration";
        }

        _document = document;
        var snapshot = document.Snapshot;
        Evaluator = new FlagEvaluator(snapshot, evaluatorOptions);
        if (changes is not null)
        {
            _watch = ChangeToken.OnChange(changes, onChange); // only once the evaluator exists
        }

        if (watchFeatureManagement)
        {
            _featureManagementWatch = ChangeToken.OnChange(_featureManagement!.GetReloadToken, Reload);
        }

        Log.DefinitionsLoaded(logger, _sourceName, snapshot.Count);
        registration.Loader = this;
    }

    /// <summary>Raised on the reloading thread after a valid change was installed, with its rollouts (an empty set when it has none).</summary>
    public event Action<RolloutSet>? RolloutsChanged;

    /// <summary>The evaluator the application uses.</summary>
    public FlagEvaluator Evaluator { get; }

    /// <summary>The flag definitions in force (without the rollouts' split overrides).</summary>
    public FlagSet Definitions => _document.Flags;

    /// <summary>The rollouts in force, or <see langword="null"/> when the definitions have none.</summary>
    public RolloutSet? Rollouts => _document.Rollouts;

    /// <summary>Whether the definitions failed at start (the app runs without them) and whether the last reload was rejected.</summary>
    public DefinitionsHealth Health => _health;

    public void Dispose()
    {
        _watch?.Dispose();
        _featureManagementWatch?.Dispose();
        _fileReloadTimer?.Dispose();
        _fileProvider?.Dispose();
    }

    /// <summary>Reads the source again and installs the definitions when they are valid and changed.</summary>
    internal void Reload()
    {
        if (_readJson is null && _featureManagement is null)
        {
            return;
        }

        lock (_reloadGate)
        {
            string? json = null;
            string? featureManagementJson = null;
            try
            {
                json = _readJson?.Invoke();
                featureManagementJson = _featureManagement?.ReadJson();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Log.ReloadFailed(_logger, _sourceName, exception);
                _health = _health.Rejected(_timeProvider.GetUtcNow(), exception.Message);
                return;
            }

            // Configuration signals every change of the whole tree: install only when a source of ours changed.
            var featureManagementChanged = !string.Equals(featureManagementJson, _lastFeatureManagementJson, StringComparison.Ordinal);
            if (string.Equals(json, _lastJson, StringComparison.Ordinal) && !featureManagementChanged)
            {
                // Configuration signals every change of the whole tree; these sources are the ones in force (again, if a
                // rejected edit was reverted). A failure at start stays: nothing has loaded since.
                _health = _health.Reverted();
                return;
            }

            var featureManagementFlags = featureManagementChanged ? _featureManagement!.Parse(featureManagementJson!) : _featureManagementFlags;
            var valid = json is not null
                ? DefinitionsDocument.TryRead(json, _codeRollouts, featureManagementFlags, out var document, out var errors)
                : DefinitionsDocument.TryCreate(_fixedFlags, _codeRollouts, featureManagementFlags, out document, out errors);
            if (valid)
            {
                _lastJson = json;
                _lastFeatureManagementJson = featureManagementJson;
                _featureManagementFlags = featureManagementFlags;
                _document = document!;
                Evaluator.Update(document!.Snapshot);
                _health = DefinitionsHealth.Loaded;
                Log.DefinitionsLoaded(_logger, _sourceName, document.Snapshot.Count);
                RolloutsChanged?.Invoke(document.Rollouts ?? new RolloutSet()); // none left: the manager drops them
            }
            else
            {
                var message = new DefinitionException(errors).Message;
                Log.ReloadRejected(_logger, _sourceName, message);
                _health = _health.Rejected(_timeProvider.GetUtcNow(), message);
            }
        }
    }

    private DefinitionsDocument LoadInitial(Func<string> readJson)
    {
        string json;
        try
        {
            json = readJson();
        }
        catch (Exception exception) when (!_failStart && exception is IOException or UnauthorizedAccessException)
        {
            return StartWithout(exception.Message);
        }

        if (!DefinitionsDocument.TryRead(json, _codeRollouts, _featureManagementFlags, out var document, out var errors))
        {
            return StartWithout(errors);
        }

        _lastJson = json;
        return document;
    }

    private DefinitionsDocument StartWithout(IReadOnlyList<DefinitionError> errors) =>
        _failStart ? throw new DefinitionException(errors) : StartWithout(new DefinitionException(errors).Message);

    /// <summary>With <see cref="ProgressiveDeliveryOptions.FailStartOnInvalidDefinitions"/> off: no flags until a valid reload, and unhealthy.</summary>
    private DefinitionsDocument StartWithout(string errors)
    {
        Log.StartedWithoutDefinitions(_logger, _sourceName, errors);
        _health = DefinitionsHealth.FailedAtStart(_timeProvider.GetUtcNow(), errors);
        return DefinitionsDocument.TryCreate(new FlagSet(), null, null, out var empty, out _) ? empty : throw new InvalidOperationException("An empty flag set is valid.");
    }
}
