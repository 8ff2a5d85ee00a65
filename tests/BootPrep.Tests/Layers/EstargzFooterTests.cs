using BootPrep.Errors;
using BootPrep.Layers.Chunked;

namespace BootPrep.Tests.Layers;

/// <summary>The 51-byte eStargz footer as stargz-snapshotter's footerBytes writes it, and every byte of it changed.</summary>
public sealed class EstargzFooterTests
{
    // footerBytes(0x3004e6): gzip header with FEXTRA, the 'SG' subfield "00000000003004e6STARGZ", an empty stored block.
    private static readonly byte[] s_footer = Convert.FromHexString("1f8b08040000000000ff1a00534716003030303030303030303033303034653653544152475a010000ffff0000000000000000");

    [Fact]
    public void The_footer_names_the_table_of_contents_offset()
    {
        Assert.Equal(0x3004e6, EstargzFooter.TocOffset(s_footer, "layer"));
    }

    [Fact]
    public void Every_changed_byte_is_refused_or_leaves_the_offset_alone()
    {
        for (var i = 0; i < s_footer.Length; i++)
        {
            var footer = (byte[])s_footer.Clone();
            footer[i] ^= 0x5a;
            try
            {
                Assert.True(EstargzFooter.TocOffset(footer, "layer") == 0x3004e6 && i is >= 4 and <= 9, $"byte {i} changed went unnoticed");
            }
            catch (BootPrepException error)
            {
                Assert.Equal((BootPrepErrorKind.InvalidImage, "layer (eStargz footer)"), (error.Kind, error.Path));
                Assert.DoesNotContain('\n', error.Message);
            }
        }
    }

    [Fact]
    public void A_legacy_stargz_footer_is_refused()
    {
        var legacy = new byte[EstargzFooter.Size];
        Convert.FromHexString("1f8b08040000000000ff16003030303030303030303033303034653653544152475a").CopyTo(legacy, 4);

        Assert.Throws<BootPrepException>(() => EstargzFooter.TocOffset(legacy, "layer"));
    }
}
