namespace Nexus.Web.Features.Series;

/// <summary>A named cycle of seminars, e.g. "Migration and Development Seminar Series 2009".</summary>
public class SeminarSeries
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Slug { get; set; } = "";
    public int StartYear { get; set; }
    /// <summary>Equal to <see cref="StartYear"/> for a yearly series; the second year of a biennium.</summary>
    public int EndYear { get; set; }
    public string Description { get; set; } = "";
    public List<string> Partners { get; set; } = [];
    /// <summary>Host of the Global Forum on Migration and Development in that period.</summary>
    public string GfmdHost { get; set; } = "";
    public string GfmdPriorities { get; set; } = "";

    public string Period => StartYear == EndYear ? $"{StartYear}" : $"{StartYear}-{EndYear}";
}
