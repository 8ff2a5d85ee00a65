using System.Text.Json.Serialization;
using BootPrep.Files;

namespace BootPrep.Bootc;

/// <summary>One reason bootc 1.16 would stop on an image, and the file it is about.</summary>
/// <param name="Code">The kind of error.</param>
/// <param name="Path">The file or directory, relative to the image root.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record BootcRefusal(BootcRefusalCode Code, ImagePath Path, string Message)
{
    /// <summary>The refusal as one line: the path, then the problem.</summary>
    [JsonIgnore]
    public string OneLine => $"{Path}: {Message}";
}
