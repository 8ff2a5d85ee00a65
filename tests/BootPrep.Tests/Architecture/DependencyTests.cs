using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Architecture;

/// <summary>
/// The folders of src/BootPrep depend on each other in one direction only, as docs/architecture.md draws them: a
/// folder may name only folders of a lower rank. Names are bound by the compiler, so a fully qualified or
/// partly qualified name (<c>Inspection.KernelFiles</c> inside <c>BootPrep.Kexec</c>) counts as much as a using.
/// </summary>
public sealed class DependencyTests
{
    private static readonly string s_source = Path.Combine(Fixtures.RepositoryRoot, "src", "BootPrep");

    /// <summary>Each folder's rank, lowest first; a folder may use only folders of a lower rank, never a sibling.</summary>
    public static readonly IReadOnlyDictionary<string, int> Ranks = new Dictionary<string, int>
    {
        ["Errors"] = 0,
        ["Binary"] = 0,
        ["Architectures"] = 0,
        ["Files"] = 1,
        ["Hosts"] = 1,
        ["Native"] = 2,
        ["RootFs"] = 3,
        ["Tar"] = 3,
        ["Bls"] = 3,
        ["Sources"] = 4,
        ["Layers"] = 5,
        ["Bootc"] = 6,
        ["Kargs"] = 7,
        ["Detection"] = 7,
        ["Images"] = 8,
        ["Pe"] = 8,
        ["Ostree"] = 8,
        ["Composefs"] = 8,
        ["Deployments"] = 9,
        ["Uki"] = 9,
        ["KernelImages"] = 9,
        ["Inspection"] = 10,
        ["Kexec"] = 10,
        ["Unpack"] = 10,
        ["Expectations"] = 11,
        ["Json"] = 11,
    };

    private const string SafeHandles = "Microsoft.Win32.SafeHandles";

    /// <summary>
    /// The one reader outside Native that holds a SafeFileHandle: Binary's positional reads (RandomAccess.Read, pread)
    /// through the handle of a FileStream the caller opened. Binary ranks below Native, so it cannot take a Native
    /// handle; it makes no call of its own and sees no descriptor number.
    /// </summary>
    private static readonly HashSet<string> s_fileHandleAllowed = [Path.Combine("Binary", "FileHandleSource.cs"), Path.Combine("Binary", "RandomAccessSource.cs")];

    [Fact]
    public void Every_folder_has_a_rank()
    {
        var folders = Directory.GetDirectories(s_source).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj"));

        Assert.All(folders, folder => Assert.True(Ranks.ContainsKey(folder!), $"src/BootPrep/{folder} has no rank in {nameof(Ranks)} (and docs/architecture.md)"));
    }

    [Fact]
    public void Every_folder_uses_only_folders_below_it()
    {
        var edges = BackEdges(Compile());

        Assert.True(edges.Count == 0, "back-edges:\n" + string.Join('\n', edges));
    }

    [Fact]
    public void A_partly_qualified_name_of_a_higher_folder_is_a_back_edge()
    {
        var smuggled = CSharpSyntaxTree.ParseText(
            "namespace BootPrep.Native; internal static class Smuggled { public static string Directory => Kargs.KargsReader.Directory; }",
            path: Path.Combine(s_source, "Native", "Smuggled.cs"));

        var edges = BackEdges(Compile().AddSyntaxTrees(smuggled));

        Assert.Contains("Native -> Kargs (Native/Smuggled.cs: KargsReader)", edges);
    }

    [Fact]
    public void A_sibling_of_the_same_rank_is_a_back_edge()
    {
        var smuggled = CSharpSyntaxTree.ParseText(
            "using BootPrep.Inspection; namespace BootPrep.Kexec; internal static class Smuggled { public static object? Report => default(InspectReport); }",
            path: Path.Combine(s_source, "Kexec", "Smuggled.cs"));

        var edges = BackEdges(Compile().AddSyntaxTrees(smuggled));

        Assert.Contains(edges, edge => edge.StartsWith("Kexec -> Inspection (Kexec/Smuggled.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_native_sees_interop_declarations_and_open_flags()
    {
        AssertNone("Interop used", InteropUses(Compile()));
    }

    [Fact]
    public void An_open_flag_outside_native_is_caught()
    {
        var compilation = Smuggle("RootFs", "public static int Flags => BootPrep.Native.Interop.OpenFlags.O_PATH;");

        Assert.Contains("RootFs/Smuggled.cs: O_PATH", InteropUses(compilation));
    }

    [Fact]
    public void Only_native_sees_file_handles()
    {
        AssertNone("SafeFileHandle seen (use Native's DirectoryHandle or FileHandle)", FileHandleUses(Compile()));
    }

    [Fact]
    public void A_file_handle_outside_native_is_caught_without_its_name_in_the_source()
    {
        var compilation = Smuggle("Unpack", "public static long Length(string path) { using var handle = File.OpenHandle(path); return RandomAccess.GetLength(handle); }");

        Assert.Contains("Unpack/Smuggled.cs: OpenHandle", FileHandleUses(compilation));
    }

    private static void AssertNone(string what, IReadOnlyCollection<string> uses) =>
        Assert.True(uses.Count == 0, $"{what} outside Native:\n" + string.Join('\n', uses));

    /// <summary>The compilation with a class <c>Smuggled</c> of <paramref name="members"/> added to <paramref name="folder"/>.</summary>
    private static CSharpCompilation Smuggle(string folder, string members) =>
        Compile().AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            $"namespace BootPrep.{folder}; internal static class Smuggled {{ {members} }}",
            path: Path.Combine(s_source, folder, "Smuggled.cs")));

    /// <summary>Every name outside src/BootPrep/Native bound to a member of Native's Interop class, as "file: name".</summary>
    private static SortedSet<string> InteropUses(CSharpCompilation compilation) =>
        NamesOutsideNative(compilation, [], symbol =>
            (symbol as INamedTypeSymbol ?? symbol?.ContainingType) is { } type
            && OutermostType(type) is { Name: "Interop" } outer
            && outer.ContainingNamespace.ToDisplayString() == "BootPrep.Native");

    /// <summary>
    /// Every name outside src/BootPrep/Native (and <see cref="s_fileHandleAllowed"/>) bound to Microsoft.Win32.SafeHandles,
    /// to one of its types, or to a variable, member or call whose type holds one, as "file: name".
    /// </summary>
    private static SortedSet<string> FileHandleUses(CSharpCompilation compilation) =>
        NamesOutsideNative(compilation, s_fileHandleAllowed, SeesSafeHandles);

    /// <summary>Every name outside src/BootPrep/Native and the <paramref name="allowed"/> files whose symbol <paramref name="matches"/>, as "file: name".</summary>
    private static SortedSet<string> NamesOutsideNative(CSharpCompilation compilation, IReadOnlyCollection<string> allowed, Func<ISymbol?, bool> matches)
    {
        var uses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees.Where(tree => tree.FilePath.StartsWith(s_source, StringComparison.Ordinal) && Folder(tree.FilePath) != "Native"))
        {
            var file = Path.GetRelativePath(s_source, tree.FilePath);
            if (allowed.Contains(file))
            {
                continue;
            }

            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (matches(model.GetSymbolInfo(name).Symbol))
                {
                    uses.Add($"{file}: {name.Identifier.Text}");
                }
            }
        }

        return uses;
    }

    private static bool SeesSafeHandles(ISymbol? symbol) => symbol switch
    {
        INamespaceSymbol space => space.ToDisplayString() == SafeHandles,
        ITypeSymbol type => HoldsSafeHandle(type),
        ILocalSymbol local => HoldsSafeHandle(local.Type),
        IParameterSymbol parameter => HoldsSafeHandle(parameter.Type),
        IFieldSymbol field => HoldsSafeHandle(field.Type),
        IPropertySymbol property => HoldsSafeHandle(property.Type),
        IMethodSymbol method => HoldsSafeHandle(method.ReturnType),
        _ => false,
    };

    /// <summary>True for a type of Microsoft.Win32.SafeHandles, or an array, tuple or generic type with one inside.</summary>
    private static bool HoldsSafeHandle(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => HoldsSafeHandle(array.ElementType),
        INamedTypeSymbol named when named.ContainingNamespace?.ToDisplayString() == SafeHandles => true,
        INamedTypeSymbol named => named.TypeArguments.Any(HoldsSafeHandle),
        _ => false,
    };

    /// <summary>Every use of a folder that is not below the user's, as "From -> To (file: name)", once each.</summary>
    private static SortedSet<string> BackEdges(CSharpCompilation compilation)
    {
        var edges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees.Where(tree => tree.FilePath.StartsWith(s_source, StringComparison.Ordinal)))
        {
            var from = Folder(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var info = model.GetSymbolInfo(name);
                if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not { } symbol || FolderOf(symbol) is not { } to || to == from)
                {
                    continue;
                }

                if (!Ranks.TryGetValue(to, out var toRank) || Ranks[from] <= toRank)
                {
                    edges.Add($"{from} -> {to} ({Path.GetRelativePath(s_source, tree.FilePath)}: {name.Identifier.Text})");
                }
            }
        }

        return edges;
    }

    /// <summary>The src/BootPrep folder <paramref name="symbol"/> is declared in, or null for one outside BootPrep.</summary>
    private static string? FolderOf(ISymbol symbol)
    {
        var space = symbol as INamespaceSymbol ?? (symbol.ContainingType is { } type ? OutermostType(type).ContainingNamespace : symbol.ContainingNamespace);
        var parts = space?.ToDisplayString().Split('.') ?? [];
        return parts is ["BootPrep", var folder, ..] ? folder : null;
    }

    private static INamedTypeSymbol OutermostType(INamedTypeSymbol type) => type.ContainingType is { } outer ? OutermostType(outer) : type;

    private static string Folder(string file) => Path.GetRelativePath(s_source, file).Split(Path.DirectorySeparatorChar)[0];

    /// <summary>src/BootPrep as one compilation, against the assemblies the tests run with (generated code is absent; names it declares stay unbound).</summary>
    private static CSharpCompilation Compile()
    {
        var files = Directory.EnumerateFiles(s_source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Folder(file).Equals("obj", StringComparison.Ordinal) && !Folder(file).Equals("bin", StringComparison.Ordinal));
        var globalUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;");
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file)).Append(globalUsings);
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var packages = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(dll => Path.GetFileName(dll) is not ("BootPrep.Core.dll" or "bootprep.dll" or "BootPrep.Tests.dll"));
        var references = platform.Concat(packages)
            .DistinctBy(Path.GetFileName)
            .Select(dll => MetadataReference.CreateFromFile(dll));
        return CSharpCompilation.Create(
            "BootPrep.Dependencies",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
    }
}
