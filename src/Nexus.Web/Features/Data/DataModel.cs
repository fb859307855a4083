using Microsoft.EntityFrameworkCore;

namespace Nexus.Web.Features.Data;

public enum AreaKind { World, Region, SubRegion, IntermediateRegion, Country, Group }

public enum Sex { Total, Male, Female }

/// <summary>
/// A country or area, or an aggregate of them, by its UN M49 code. UN DESA numbers its own aggregates in the same
/// space (900 World, 901-999 and 1500-1899 for development, income and SDG groups), so one integer identifies every
/// row of every file.
/// </summary>
public sealed class Area
{
    public const int World = 900;

    public int Code { get; set; }
    public string Name { get; set; } = "";
    public string? Iso2 { get; set; }
    public string? Iso3 { get; set; }
    public AreaKind Kind { get; set; }
    /// <summary>The next level up in the M49 hierarchy (country → intermediate or sub-region → region → world).</summary>
    public int? ParentCode { get; set; }
    public bool Ldc { get; set; }
    public bool Lldc { get; set; }
    public bool Sids { get; set; }

    public bool IsCountry => Kind == AreaKind.Country;
}

/// <summary>A country's membership of an aggregate that is not its M49 parent (SDG regions, income groups ...).</summary>
public sealed class AreaMember
{
    public int GroupCode { get; set; }
    public int MemberCode { get; set; }
}

/// <summary>
/// One imported file: what it is, where it came from and what it added. Releases are never changed or deleted by
/// an import; a newer edition of the same dataset becomes <see cref="Current"/> and the older stays queryable.
/// </summary>
public sealed class DataRelease
{
    public int Id { get; set; }
    /// <summary>The series of files this is one edition of, e.g. undesa-ims-destination (see <see cref="Datasets"/>).</summary>
    public string Dataset { get; set; } = "";
    public string Title { get; set; } = "";
    public string Publisher { get; set; } = "";
    /// <summary>As the publisher names it: "2020", "June 2023".</summary>
    public string Edition { get; set; } = "";
    /// <summary>Orders editions: the latest is current.</summary>
    public DateOnly EditionDate { get; set; }
    public string Licence { get; set; } = "";
    public string FileName { get; set; } = "";
    /// <summary>SHA-256 of the file as uploaded: the same file twice is recognised and changes nothing.</summary>
    public string Sha256 { get; set; } = "";
    public DateTime ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";
    public int Observations { get; set; }
    public int Areas { get; set; }
    /// <summary>Rows read but not stored, and why (aggregates a publisher adds that are not UN areas, for example).</summary>
    public string Notes { get; set; } = "";
    public bool Current { get; set; }
}

/// <summary>
/// One figure of one release: indicator, area, counterpart area (origin or sending country of bilateral data, or 0),
/// sex and year. "Not available" is never stored: an absent figure is absent from its series. Figures are stored a
/// series to a row (<see cref="DataSeries"/>); this is one of them unpacked.
/// </summary>
public sealed class Observation
{
    public int ReleaseId { get; set; }
    public string Indicator { get; set; } = "";
    public int Area { get; set; }
    public int Counterpart { get; set; }
    public Sex Sex { get; set; }
    public int Year { get; set; }
    public double Value { get; set; }
    /// <summary>Publisher's qualifiers kept as they are: an estimate (e), UN DESA's type of data (B, C, R, I).</summary>
    public string? Flag { get; set; }
    /// <summary>Footnote references of the cell or row, as printed.</summary>
    public string? Note { get; set; }
}

/// <summary>
/// The figures of one release for one indicator, area, counterpart and sex: every year in one row, as JSON text in
/// <see cref="Points"/> (see <see cref="SeriesPoints"/>). Everything that reads figures reads whole series, and an
/// import writes a few hundred rows instead of tens of thousands (docs/decisions/013-figures-stored-by-series.md).
/// </summary>
public sealed class DataSeries
{
    public int ReleaseId { get; set; }
    public string Indicator { get; set; } = "";
    public int Area { get; set; }
    public int Counterpart { get; set; }
    public Sex Sex { get; set; }
    /// <summary>[[year, value], [year, value, "flag"], [year, value, flag or null, "note"]], oldest year first.</summary>
    public string Points { get; set; } = "[]";

    /// <summary>This series' figures, one per year.</summary>
    public IEnumerable<Observation> Figures() => SeriesPoints.Decode(Points).Select(p => new Observation
    {
        ReleaseId = ReleaseId, Indicator = Indicator, Area = Area, Counterpart = Counterpart, Sex = Sex,
        Year = p.Year, Value = p.Value, Flag = p.Flag, Note = p.Note,
    });
}

public static class DataModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Area>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).ValueGeneratedNever();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Iso2).HasMaxLength(2);
            e.Property(x => x.Iso3).HasMaxLength(3);
            e.HasIndex(x => x.Iso3);
        });
        b.Entity<AreaMember>(e =>
        {
            e.HasKey(x => new { x.GroupCode, x.MemberCode });
            e.HasIndex(x => x.MemberCode);
        });
        b.Entity<DataRelease>(e =>
        {
            e.Property(x => x.Dataset).HasMaxLength(60);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Publisher).HasMaxLength(200);
            e.Property(x => x.Edition).HasMaxLength(60);
            e.Property(x => x.Licence).HasMaxLength(100);
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.ImportedBy).HasMaxLength(200);
            e.Property(x => x.Notes).HasMaxLength(4000);
            e.HasIndex(x => x.Sha256).IsUnique();
            e.HasIndex(x => new { x.Dataset, x.Current });
        });
        b.Entity<DataSeries>(e =>
        {
            e.HasKey(x => new { x.ReleaseId, x.Indicator, x.Area, x.Counterpart, x.Sex });
            e.Property(x => x.Indicator).HasMaxLength(60);
            e.Property(x => x.Sex).HasMaxLength(6);
            // Only the primary key: series are read a release at a time (DataStore, extracts, an older edition's
            // series), always by a prefix of the key.
            e.HasOne<DataRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
