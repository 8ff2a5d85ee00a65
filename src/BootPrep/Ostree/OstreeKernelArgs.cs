namespace BootPrep.Ostree;

/// <summary>
/// Kernel arguments as ostree 2022.7 handles boot entry options (ostree-kernel-args.c): split at every single space
/// (<c>g_strsplit (options, " ", -1)</c>, no quoting), and a replacement that puts the new argument where the key
/// first was, removing its other occurrences, or at the end.
/// </summary>
internal static class OstreeKernelArgs
{
    /// <summary>The arguments of <paramref name="options"/>, as <c>ostree_kernel_args_from_string</c> splits them.</summary>
    public static List<string> Split(string options) => options.Length == 0 ? [] : [.. options.Split(' ')];

    /// <summary><c>ostree_kernel_args_replace_take</c>: <paramref name="key"/>=<paramref name="value"/> in place of every <paramref name="key"/> argument.</summary>
    public static void Replace(List<string> arguments, string key, string? value)
    {
        var replacement = value is null ? key : $"{key}={value}";
        var first = arguments.FindIndex(argument => KeyOf(argument) == key);
        if (first < 0)
        {
            arguments.Add(replacement);
            return;
        }

        arguments[first] = replacement;
        for (var i = arguments.Count - 1; i > first; i--)
        {
            if (KeyOf(arguments[i]) == key)
            {
                arguments.RemoveAt(i);
            }
        }
    }

    /// <summary><c>get_deployment_nonostree_kargs</c>: the options with <c>ostree=</c>'s value taken out, as ostree compares them.</summary>
    public static string WithoutBootLink(string options)
    {
        var arguments = Split(options);
        Replace(arguments, BootLink.Key, null);
        return string.Join(' ', arguments);
    }

    private static string KeyOf(string argument) => argument.Split('=', 2)[0];
}
