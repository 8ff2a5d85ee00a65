using BootPrep.Tests.Layers;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>An eStargz image, as stargz-snapshotter's ctr-remote writes it, pulled in part from a real registry.</summary>
public sealed class EstargzRegistryTests(TestRegistry registry, EstargzImage image) : PartialPullRegistryTests<EstargzImage>(registry, image, "estargz"), IClassFixture<EstargzImage>;
