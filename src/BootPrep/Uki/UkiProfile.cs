namespace BootPrep.Uki;

/// <summary>One profile of a multi-profile UKI (systemd 257+): a <c>.profile</c> section and the sections after it, up to the next.</summary>
/// <param name="Index">Its number, from 0; the stub boots profile 0 unless told otherwise.</param>
/// <param name="Id">The <c>ID=</c> of its <c>.profile</c> text.</param>
/// <param name="Title">The <c>TITLE=</c> of its <c>.profile</c> text.</param>
/// <param name="Sections">The sections it overrides (the base's of the same name), in file order.</param>
/// <param name="Cmdline">Its own <c>.cmdline</c>, when it has one.</param>
public sealed record UkiProfile(int Index, string? Id, string? Title, IReadOnlyList<string> Sections, string? Cmdline);
