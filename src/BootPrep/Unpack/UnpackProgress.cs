namespace BootPrep.Unpack;

/// <summary>How far an unpack has come: the layer being written and the uncompressed bytes of it read so far.</summary>
public readonly record struct UnpackProgress(int Layer, int LayerCount, long Bytes);
