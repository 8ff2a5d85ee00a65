namespace BootPrep.Kargs;

/// <summary>
/// One kernel command-line parameter as bootc's linux-kernel-cmdline 0.1 crate (<c>Parameter::parse_internal</c>)
/// reads it: the text as written, a key, and a value after the first <c>=</c>. Only a leading and a trailing double
/// quote of the whole parameter, and a quote right after the <c>=</c>, are taken off for the key and value.
/// </summary>
public readonly record struct KernelParameter
{
    private KernelParameter(string text, string key, string? value)
    {
        Text = text;
        Key = key;
        Value = value;
    }

    /// <summary>The parameter as written, quotes included.</summary>
    public string Text { get; }

    /// <summary>The key: everything before the first <c>=</c>, without the opening quote.</summary>
    public string Key { get; }

    /// <summary>The value after the first <c>=</c>, without its quotes; null for a switch without <c>=</c> (not the same as empty).</summary>
    public string? Value { get; }

    /// <summary>Reads one parameter that <see cref="KernelCommandLine.Split"/> produced.</summary>
    public static KernelParameter Parse(string text)
    {
        var unquoted = text.AsSpan();
        if (unquoted.StartsWith('"'))
        {
            unquoted = unquoted[1..];
        }

        if (unquoted.EndsWith('"'))
        {
            unquoted = unquoted[..^1];
        }

        var equals = unquoted.IndexOf('=');
        if (equals < 0)
        {
            return new KernelParameter(text, unquoted.ToString(), null);
        }

        var value = unquoted[(equals + 1)..];
        if (value.StartsWith('"'))
        {
            value = value[1..];
        }

        return new KernelParameter(text, unquoted[..equals].ToString(), value.ToString());
    }

    /// <summary>
    /// True when both keys are equal once every <c>-</c> is read as <c>_</c> (case matters) and both values are equal
    /// (a missing value equals only a missing value): the test bootc uses before adding a parameter.
    /// </summary>
    public bool SameAs(KernelParameter other) => KeysEqual(Key, other.Key) && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <summary>
    /// What <see cref="SameAs"/> compares, as one string: the key with '-' read as '_', then '=' and the value, or a NUL
    /// for no value. Two parameters are the same exactly when their identities are equal.
    /// </summary>
    internal string Identity => $"{Key.Replace('-', '_')}{(Value is { } value ? "=" + value : "\0")}";

    /// <summary>True when two keys differ at most in <c>-</c> versus <c>_</c>.</summary>
    public static bool KeysEqual(string x, string y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (Canonical(x[i]) != Canonical(y[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static char Canonical(char c) => c == '-' ? '_' : c;
}
