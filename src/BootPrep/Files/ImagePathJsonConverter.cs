using System.Text.Json;
using System.Text.Json.Serialization;

namespace BootPrep.Files;

/// <summary>Writes an <see cref="ImagePath"/> as the JSON string of its text, so reports show it as they showed a string.</summary>
public sealed class ImagePathJsonConverter : JsonConverter<ImagePath>
{
    /// <inheritdoc/>
    public override ImagePath Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ImagePath.Parse(reader.GetString() ?? throw new JsonException("an image path must be a string"));

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ImagePath value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
