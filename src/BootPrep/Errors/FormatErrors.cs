namespace BootPrep.Errors;

/// <summary>Lets a description go on past a part it cannot read, keeping what went wrong.</summary>
internal static class FormatErrors
{
    /// <summary>Runs <paramref name="read"/>; a <see cref="KernelFormatException"/> becomes an entry of <paramref name="errors"/> and a null result.</summary>
    public static T? Try<T>(Func<T> read, ICollection<Diagnostic> errors)
        where T : class
    {
        try
        {
            return read();
        }
        catch (KernelFormatException ex)
        {
            errors.Add(Diagnostic.Of(ex));
            return null;
        }
    }
}
