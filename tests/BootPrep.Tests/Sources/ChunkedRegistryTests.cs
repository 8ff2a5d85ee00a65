using BootPrep.Tests.Layers;
using BootPrep.Tests.Support;

namespace BootPrep.Tests.Sources;

/// <summary>A zstd:chunked image, as skopeo writes it, pulled in part from a real registry.</summary>
public sealed class ChunkedRegistryTests(TestRegistry registry, ChunkedImage image) : PartialPullRegistryTests<ChunkedImage>(registry, image, "chunked"), IClassFixture<ChunkedImage>;
