namespace Nexus.Web.Features.Data.Import;

/// <summary>
/// An area as a file names it: by M49 code (UN DESA files), by ISO alpha-3 code (World Development Indicators) or by
/// name alone (KNOMAD), with where it was read so that an unknown one can be pointed at.
/// </summary>
public sealed record AreaRef(int? M49, string? Iso3, string Name, CellRef At);

/// <summary>One figure as read from a file, before its areas are resolved.</summary>
public sealed record ParsedObservation(string Indicator, AreaRef Area, AreaRef? Counterpart, Sex Sex, int Year, double Value,
    string? Flag = null, string? Note = null);

/// <summary>
/// What a format read from a file: which dataset and edition it is, its figures, and (for the area lists) areas and
/// group memberships. <see cref="Skipped"/> counts rows deliberately not stored, by reason, for the release notes.
/// </summary>
public sealed class ParsedRelease
{
    public required string Dataset { get; init; }
    public required string Edition { get; init; }
    public required DateOnly EditionDate { get; init; }
    /// <summary>The title the file gives itself, when it has one.</summary>
    public string? Title { get; init; }
    public List<ParsedObservation> Observations { get; } = [];
    public List<Area> Areas { get; } = [];
    /// <summary>
    /// True for area lists (M49, UN DESA's correspondence table): their names, codes and hierarchy replace what is
    /// stored. A data file only adds the aggregates it uses that are not yet known.
    /// </summary>
    public bool DefinesAreas { get; init; }
    public List<AreaMember> Members { get; } = [];
    public Dictionary<string, int> Skipped { get; } = [];

    public void Skip(string reason) => Skipped[reason] = Skipped.TryGetValue(reason, out var n) ? n + 1 : 1;
}

/// <summary>
/// One published layout. <see cref="Recognizes"/> looks only at sheet names and header rows; <see cref="Read"/>
/// finds the tables by their headers, reads every figure and throws <see cref="DataImportException"/> naming the
/// cell at the first thing it cannot read as the layout says.
/// </summary>
public interface IDataFormat
{
    /// <summary>Shown in messages: "UN DESA International Migrant Stock 2020, by destination".</summary>
    string Name { get; }

    bool Recognizes(DataFile file);

    ParsedRelease Read(DataFile file, CancellationToken ct);
}
