using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>A .nupkg or .snupkg read as what it is: a zip with a .nuspec at its root.</summary>
internal sealed class PackageFile : IDisposable
{
    private readonly ZipArchive _zip;

    public PackageFile(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not produced by dotnet pack.");
        _zip = ZipFile.OpenRead(path);
        Entries = _zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var nuspec = Assert.Single(_zip.Entries, e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        Metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public IReadOnlySet<string> Entries { get; }

    /// <summary>The nuspec's <c>metadata</c> element.</summary>
    public XElement Metadata { get; }

    /// <summary>A child element of <c>metadata</c>, whatever the nuspec's namespace.</summary>
    public XElement? Element(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    /// <summary>The package's dependency groups: target framework to (id, version) pairs.</summary>
    public IReadOnlyDictionary<string, (string Id, string Version)[]> DependencyGroups() =>
        (Element("dependencies")?.Elements() ?? [])
            .Where(e => e.Name.LocalName == "group")
            .ToDictionary(
                g => (string)g.Attribute("targetFramework")!,
                g => g.Elements().Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!)).ToArray());

    /// <summary>Reads an entry's bytes.</summary>
    public byte[] Read(string entry)
    {
        using var stream = _zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The debug directory entry types of a packed assembly (<c>Reproducible</c> marks a deterministic build).</summary>
    public IReadOnlyList<DebugDirectoryEntryType> DebugDirectory(string assemblyEntry)
    {
        using var pe = new PEReader(new MemoryStream(Read(assemblyEntry)));
        return pe.ReadDebugDirectory().Select(e => e.Type).ToList();
    }

    /// <summary>The source document paths recorded in a packed portable PDB.</summary>
    public IReadOnlyList<string> PdbDocuments(string pdbEntry)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Read(pdbEntry)));
        var reader = provider.GetMetadataReader();
        return reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToList();
    }

    public void Dispose() => _zip.Dispose();
}
