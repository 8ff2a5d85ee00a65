using BootPrep.Kargs;

namespace BootPrep.Tests.Kargs;

/// <summary>
/// The unit tests of bootc's linux-kernel-cmdline 0.1 crate (bytes.rs and utf8.rs), ported to
/// <see cref="KernelCommandLine"/> and <see cref="KernelParameter"/>, plus a few facts the crate's code implies.
/// </summary>
public sealed class KernelCommandLineTests
{
    // Parsing one parameter

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_parse (also utf8.rs, and test_parameter_simple)
    [Fact]
    public void Parse_switch_has_key_and_no_value()
    {
        var p = KernelParameter.Parse("foo");

        Assert.Equal("foo", p.Key);
        Assert.Null(p.Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_parse (also utf8.rs)
    [Fact]
    public void Parse_of_first_split_parameter_ignores_the_rest_of_the_line()
    {
        var p = ParseFirst("foo=bar baz");

        Assert.Equal("foo", p.Key);
        Assert.Equal("bar", p.Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_parse (also utf8.rs)
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_or_whitespace_only_text_has_no_parameter(string text)
    {
        Assert.Empty(KernelCommandLine.Split(text));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_simple (also utf8.rs)
    [Fact]
    public void Parse_key_value_splits_at_the_equals_sign()
    {
        var p = KernelParameter.Parse("bar=baz");

        Assert.Equal("bar", p.Key);
        Assert.Equal("baz", p.Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_quoted (also utf8.rs)
    [Fact]
    public void Parse_strips_quotes_around_the_value()
    {
        Assert.Equal("quoted value", KernelParameter.Parse("foo=\"quoted value\"").Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_quoted (also utf8.rs)
    [Fact]
    public void Parse_strips_the_opening_quote_of_an_unclosed_value()
    {
        Assert.Equal("unclosed quotes", ParseFirst("foo=\"unclosed quotes").Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_quoted (also utf8.rs)
    [Fact]
    public void Parse_strips_a_trailing_quote_of_the_value()
    {
        Assert.Equal("trailing_quotes", KernelParameter.Parse("foo=trailing_quotes\"").Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_quoted (also utf8.rs)
    [Fact]
    public void Quoting_the_whole_parameter_equals_quoting_the_value()
    {
        var outsideQuoted = KernelParameter.Parse("\"foo=quoted value\"");
        var valueQuoted = KernelParameter.Parse("foo=\"quoted value\"");

        Assert.True(outsideQuoted.SameAs(valueQuoted));
    }

    // Ported from linux-kernel-cmdline utf8.rs test_parameter_display
    [Theory]
    [InlineData("foo")]
    [InlineData("\"foo\"")]
    public void Parameter_text_is_kept_as_written(string text)
    {
        Assert.Equal(text, KernelParameter.Parse(text).ToString());
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_extra_whitespace (also utf8.rs)
    [Fact]
    public void Whitespace_around_a_parameter_is_not_part_of_it()
    {
        var p = ParseFirst("  foo=bar  ");

        Assert.Equal("foo", p.Key);
        Assert.Equal("bar", p.Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_internal_key_whitespace (also utf8.rs)
    [Fact]
    public void Whitespace_ends_the_parameter_inside_a_key()
    {
        var p = ParseFirst("foo bar=baz");

        Assert.Equal("foo", p.Key);
        Assert.Null(p.Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_pathological (also utf8.rs)
    [Fact]
    public void Quote_closed_before_the_equals_sign_stays_in_the_key()
    {
        var p = KernelParameter.Parse("\"foo\"=bar");

        Assert.Equal("foo\"", p.Key);
        Assert.Equal("bar", p.Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_pathological (also utf8.rs)
    [Fact]
    public void Quote_closed_before_the_equals_sign_is_not_the_unquoted_parameter()
    {
        Assert.False(KernelParameter.Parse("\"foo\"=bar").SameAs(KernelParameter.Parse("foo=bar")));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_pathological (also utf8.rs)
    [Fact]
    public void Quote_closed_right_after_the_equals_sign_is_removed()
    {
        var p = KernelParameter.Parse("\"foo=\"bar");

        Assert.Equal("foo", p.Key);
        Assert.Equal("bar", p.Value);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_pathological (also utf8.rs)
    [Fact]
    public void Quote_closed_right_after_the_equals_sign_is_the_unquoted_parameter()
    {
        Assert.True(KernelParameter.Parse("\"foo=\"bar").SameAs(KernelParameter.Parse("foo=bar")));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_pathological (also utf8.rs)
    [Fact]
    public void Only_the_outer_quotes_of_a_value_are_stripped()
    {
        var p = KernelParameter.Parse("foo=\"internal\"quotes\"are\"ok\"");

        Assert.Equal("internal\"quotes\"are\"ok", p.Value);
    }

    // Parameter and key equality

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_equality (also utf8.rs)
    [Fact]
    public void Key_that_is_a_prefix_of_another_is_a_different_parameter()
    {
        var foo = KernelParameter.Parse("foo");
        var bar = KernelParameter.Parse("foobar");

        Assert.False(foo.SameAs(bar));
        Assert.False(bar.SameAs(foo));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_equality (also utf8.rs)
    [Fact]
    public void Switches_whose_keys_differ_in_dash_and_underscore_are_the_same()
    {
        var dashes = KernelParameter.Parse("a-delimited-param");
        var underscores = KernelParameter.Parse("a_delimited_param");

        Assert.True(dashes.SameAs(underscores));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_equality (also utf8.rs)
    [Fact]
    public void Same_key_and_same_value_are_the_same_parameter()
    {
        var dashes = KernelParameter.Parse("a-delimited-param=same_values");
        var underscores = KernelParameter.Parse("a_delimited_param=same_values");

        Assert.True(dashes.SameAs(underscores));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_equality (also utf8.rs)
    [Fact]
    public void Same_key_with_different_values_are_different_parameters()
    {
        var dashes = KernelParameter.Parse("a-delimited-param=different_values");
        var underscores = KernelParameter.Parse("a_delimited_param=DiFfErEnT_valUEZ");

        Assert.False(dashes.SameAs(underscores));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_parameter_equality (also utf8.rs)
    [Fact]
    public void Switch_and_key_value_with_the_same_key_are_different_parameters()
    {
        var switchParameter = KernelParameter.Parse("same_key");
        var keyValue = KernelParameter.Parse("same_key=but_with_a_value");

        Assert.False(switchParameter.SameAs(keyValue));
    }

    // Ported from linux-kernel-cmdline utf8.rs test_param_key_eq
    [Fact]
    public void Keys_differing_in_dash_and_underscore_are_equal()
    {
        Assert.True(KernelParameter.KeysEqual("a-b", "a_b"));
    }

    // Ported from linux-kernel-cmdline utf8.rs test_param_key_eq
    [Fact]
    public void Keys_differing_in_another_character_are_not_equal()
    {
        Assert.False(KernelParameter.KeysEqual("a-b", "a-c"));
    }

    // Splitting a command line

    // Ported from linux-kernel-cmdline bytes.rs test_kargs_simple (also utf8.rs, and utf8.rs test_kargs_simple_from_string)
    [Fact]
    public void Split_separates_parameters_at_spaces()
    {
        AssertSameParameters(["foo=bar,bar2", "baz=fuz", "wiz"], KernelCommandLine.Split("foo=bar,bar2 baz=fuz wiz"));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_cmdline_default and test_cmdline_new (also utf8.rs)
    [Fact]
    public void New_command_line_has_no_parameters()
    {
        Assert.Empty(new KernelCommandLine().Parameters);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_kargs_extra_whitespace (also utf8.rs)
    [Fact]
    public void Split_skips_leading_trailing_and_repeated_spaces()
    {
        AssertSameParameters(["foo=bar", "baz=fuz", "wiz"], KernelCommandLine.Split("  foo=bar    baz=fuz  wiz   "));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_into_iterator (also utf8.rs)
    [Fact]
    public void Parameters_of_a_command_line_are_in_order()
    {
        AssertSameParameters(["foo=bar", "baz=qux", "wiz"], new KernelCommandLine("foo=bar baz=qux wiz").Parameters);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_iter_bytes_simple
    [Fact]
    public void Split_gives_switches_as_written()
    {
        Assert.Equal(["foo", "bar", "baz"], KernelCommandLine.Split("foo bar baz"));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_iter_bytes_with_values
    [Fact]
    public void Split_gives_key_values_as_written()
    {
        Assert.Equal(["foo=bar", "baz=qux", "wiz"], KernelCommandLine.Split("foo=bar baz=qux wiz"));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_iter_bytes_with_quotes
    [Fact]
    public void Split_keeps_whitespace_inside_quotes()
    {
        Assert.Equal(["foo=\"bar baz\"", "qux"], KernelCommandLine.Split("foo=\"bar baz\" qux"));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_iter_bytes_extra_whitespace
    [Fact]
    public void Split_drops_extra_whitespace_from_the_text()
    {
        Assert.Equal(["foo", "bar"], KernelCommandLine.Split("  foo   bar  "));
    }

    // Ported from linux-kernel-cmdline bytes.rs test_iter_bytes_empty
    [Fact]
    public void Split_of_empty_text_is_empty()
    {
        Assert.Empty(KernelCommandLine.Split(""));
    }

    // Not in the crate's tests: CmdlineIterBytes toggles quoting on each '"' and ends a parameter only outside quotes.
    [Fact]
    public void Unclosed_quote_runs_to_the_end_of_the_line()
    {
        Assert.Equal(["a", "foo=\"unclosed quotes baz"], KernelCommandLine.Split("a foo=\"unclosed quotes baz"));
    }

    // Not in the crate's tests: CmdlineIterBytes splits on u8::is_ascii_whitespace (space, \t, \n, \x0C, \r).
    [Theory]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\f")]
    [InlineData("\r\n")]
    [InlineData(" \t\n ")]
    public void Split_treats_tabs_and_line_breaks_as_whitespace(string whitespace)
    {
        Assert.Equal(["foo=bar", "baz"], KernelCommandLine.Split($"{whitespace}foo=bar{whitespace}baz{whitespace}"));
    }

    // Not in the crate's tests: quoting keeps tabs and newlines inside a parameter, as it does spaces.
    [Fact]
    public void Split_keeps_tabs_and_newlines_inside_quotes()
    {
        Assert.Equal(["foo=\"a\tb\nc\"", "d"], KernelCommandLine.Split("foo=\"a\tb\nc\"\nd"));
    }

    // Not in the crate's tests: u8::is_ascii_whitespace excludes vertical tab (0x0B).
    [Fact]
    public void Vertical_tab_is_not_whitespace()
    {
        Assert.Equal(["a\vb", "c"], KernelCommandLine.Split("a\vb c"));
    }

    // Not in the crate's tests: a switch has no value (None), "foo=" has an empty one (Some("")).
    [Fact]
    public void Switch_and_empty_value_are_different_parameters()
    {
        var switchParameter = KernelParameter.Parse("foo");
        var emptyValue = KernelParameter.Parse("foo=");

        Assert.Null(switchParameter.Value);
        Assert.Equal("", emptyValue.Value);
        Assert.False(switchParameter.SameAs(emptyValue));
    }

    // Adding and extending

    // Ported from linux-kernel-cmdline bytes.rs test_add (also utf8.rs)
    [Fact]
    public void Add_appends_a_parameter_whose_key_exists_with_another_value()
    {
        var kargs = new KernelCommandLine("console=tty0 console=ttyS1");

        Assert.True(kargs.Add(KernelParameter.Parse("console=ttyS2")));
        AssertSameParameters(["console=tty0", "console=ttyS1", "console=ttyS2"], kargs.Parameters);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_add (also utf8.rs)
    [Fact]
    public void Add_does_not_append_an_exact_duplicate()
    {
        var kargs = new KernelCommandLine("console=tty0 console=ttyS1");
        kargs.Add(KernelParameter.Parse("console=ttyS2"));

        Assert.False(kargs.Add(KernelParameter.Parse("console=ttyS1")));
        AssertSameParameters(["console=tty0", "console=ttyS1", "console=ttyS2"], kargs.Parameters);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_add (also utf8.rs)
    [Fact]
    public void Add_appends_a_new_switch()
    {
        var kargs = new KernelCommandLine("console=tty0 console=ttyS1");
        kargs.Add(KernelParameter.Parse("console=ttyS2"));
        kargs.Add(KernelParameter.Parse("console=ttyS1"));

        Assert.True(kargs.Add(KernelParameter.Parse("quiet")));
        AssertSameParameters(["console=tty0", "console=ttyS1", "console=ttyS2", "quiet"], kargs.Parameters);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_add_empty_cmdline (also utf8.rs)
    [Fact]
    public void Add_to_an_empty_command_line_gives_just_the_parameter()
    {
        var kargs = new KernelCommandLine("");

        Assert.True(kargs.Add(KernelParameter.Parse("foo")));
        Assert.Equal("foo", kargs.ToString());
    }

    // Not in the crate's tests: Cmdline::add pushes a space only when the last byte is not ASCII whitespace.
    [Fact]
    public void Add_does_not_insert_a_space_after_trailing_whitespace()
    {
        var kargs = new KernelCommandLine("a\t");

        Assert.True(kargs.Add(KernelParameter.Parse("b")));
        Assert.Equal("a\tb", kargs.ToString());
        Assert.Equal(["a", "b"], kargs.Parameters);
    }

    // Not in the crate's tests: with an open quote the text's trailing space is inside it, so the added text joins it.
    [Fact]
    public void Add_after_an_open_quote_and_trailing_space_joins_the_quoted_parameter()
    {
        var kargs = new KernelCommandLine("\"a ");

        Assert.True(kargs.Add(KernelParameter.Parse("b")));
        Assert.Equal("\"a b", kargs.ToString());
        Assert.Equal(["\"a b"], kargs.Parameters);
    }

    // Not in the crate's tests: Cmdline::add compares with Parameter equality, so dash/underscore keys are duplicates.
    [Fact]
    public void Add_treats_a_dash_underscore_variant_as_existing()
    {
        var kargs = new KernelCommandLine("rd.lvm-lv=vg/root");

        Assert.False(kargs.Add(KernelParameter.Parse("rd.lvm_lv=vg/root")));
        Assert.Equal("rd.lvm-lv=vg/root", kargs.ToString());
    }

    // Not in the crate's tests: Parameter equality compares values without their quotes.
    [Fact]
    public void Add_treats_a_quoted_variant_of_the_value_as_existing()
    {
        var kargs = new KernelCommandLine("foo=bar");

        Assert.False(kargs.Add(KernelParameter.Parse("foo=\"bar\"")));
        Assert.Equal("foo=bar", kargs.ToString());
    }

    // Ported from linux-kernel-cmdline bytes.rs test_extend (also utf8.rs)
    [Fact]
    public void Extend_keeps_existing_parameters_and_appends_new_ones_in_order()
    {
        var kargs = new KernelCommandLine("foo=bar baz");

        kargs.Extend(new KernelCommandLine("qux=quux foo=updated"));

        AssertSameParameters(["foo=bar", "baz", "qux=quux", "foo=updated"], kargs.Parameters);
    }

    // Ported from linux-kernel-cmdline bytes.rs test_extend_empty (also utf8.rs)
    [Fact]
    public void Extend_of_an_empty_command_line_gives_the_other_parameters()
    {
        var kargs = new KernelCommandLine("");

        kargs.Extend(new KernelCommandLine("foo=bar baz"));

        AssertSameParameters(["foo=bar", "baz"], kargs.Parameters);
    }

    // Not in the crate's tests: Cmdline's Extend calls add for each parameter, so duplicates are dropped.
    [Fact]
    public void Extend_skips_parameters_already_present()
    {
        var kargs = new KernelCommandLine("foo=bar baz");

        kargs.Extend(new KernelCommandLine("baz foo=bar qux baz"));

        Assert.Equal("foo=bar baz qux", kargs.ToString());
    }

    /// <summary>Rust's <c>Parameter::parse</c>: the first parameter of <paramref name="text"/>.</summary>
    private static KernelParameter ParseFirst(string text) => KernelParameter.Parse(KernelCommandLine.Split(text)[0]);

    /// <summary>Rust's iterator assertions: same count, and each parameter equal by <see cref="KernelParameter.SameAs"/>.</summary>
    private static void AssertSameParameters(string[] expected, IReadOnlyList<string> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                KernelParameter.Parse(expected[i]).SameAs(KernelParameter.Parse(actual[i])),
                $"parameter {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
