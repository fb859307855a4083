using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Projects;

namespace Nexus.Web.Features.Reports;

/// <summary>
/// One section of the report. Paragraphs are plain text in which <c>[^n]</c> cites note n; they are numbered
/// continuously across the document when rendered, as in a United Nations document.
/// </summary>
public sealed record ReportSection(string Key, string? Letter, string Heading, IReadOnlyList<string> Paragraphs)
{
    /// <summary>The section as one text (paragraphs separated by a blank line): what staff edit and what is hashed.</summary>
    public string Text => string.Join("\n\n", Paragraphs);
    public string Hash => ReportDrafter.HashOf(Text);
}

public sealed record ReportNote(int Number, string Text);

public sealed record ReportDocument(string Title, string Organisation, IReadOnlyList<ReportSection> Sections, IReadOnlyList<ReportNote> Notes);

/// <summary>
/// Drafts the annual report from <see cref="ReportFacts"/> with fixed templates: the same facts always give the same text
/// (the golden test depends on it), so nothing here reads the clock, the culture or the database.
/// </summary>
public static partial class ReportDrafter
{
    public const string Introduction = "introduction", Chairmanship = "chairmanship", Seminars = "seminars", Capacity = "capacity";
    public static readonly string[] SectionKeys = [Introduction, Chairmanship, Seminars, Capacity];
    private const string Group = "Global Migration Group";
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static string TitleOf(string organisationShort, int year) =>
        $"Activities of {organisationShort} on international migration and development, {year}";

    public static ReportDocument Draft(ReportFacts f)
    {
        var notes = new Notes();
        var sections = new List<ReportSection> { new(Introduction, null, "Introduction", IntroductionParagraphs(f)) };
        var letters = "ABCDEFGH";
        var next = 0;
        if (f.OrganisationChaired)
            sections.Add(new(Chairmanship, letters[next++].ToString(), $"{f.OrganisationShort} chairmanship of the {Group}", ChairParagraphs(f, notes)));
        sections.Add(new(Seminars, letters[next++].ToString(), "Migration and development seminar series", SeriesParagraphs(f, notes)));
        sections.Add(new(Capacity, letters[next].ToString(), "Capacity-development programme", CapacityParagraphs(f, notes)));
        return new ReportDocument(TitleOf(f.OrganisationShort, f.Year), f.OrganisationName, sections, notes.List);
    }

    /// <summary>Replaces drafted sections by staff edits (keyed by section), leaving the rest as drafted.</summary>
    public static ReportDocument WithEdits(ReportDocument draft, IReadOnlyDictionary<string, string> edits) =>
        draft with
        {
            Sections = draft.Sections.Select(s => edits.TryGetValue(s.Key, out var text) ? s with { Paragraphs = SplitParagraphs(text) } : s).ToList(),
        };

    public static IReadOnlyList<string> SplitParagraphs(string text) =>
        BlankLines().Split(text.Replace("\r\n", "\n").Trim()).Select(p => Spaces().Replace(p, " ").Trim()).Where(p => p.Length > 0).ToList();

    public static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n"))));

    /// <summary>The report as plain text: what the golden test compares and the text export.</summary>
    public static string ToPlainText(ReportDocument d)
    {
        var sb = new StringBuilder();
        sb.Append(d.Title).Append("\n\n").Append(d.Organisation).Append("\n\n");
        var n = 0;
        foreach (var s in d.Sections)
        {
            sb.Append(s.Letter is null ? s.Heading : $"{s.Letter}. {s.Heading}").Append("\n\n");
            foreach (var p in s.Paragraphs)
                sb.Append(++n).Append(". ").Append(NoteRef().Replace(p, "[$1]")).Append("\n\n");
        }
        if (d.Notes.Count > 0)
        {
            sb.Append("Notes\n\n");
            foreach (var note in d.Notes) sb.Append(note.Number).Append(' ').Append(note.Text).Append('\n');
        }
        return sb.ToString().TrimEnd() + "\n";
    }

    /// <summary>Splits a paragraph into text runs and note numbers, for the HTML, DOCX and PDF renderers.</summary>
    public static IEnumerable<(string Text, int? Note)> Runs(string paragraph)
    {
        var at = 0;
        foreach (Match m in NoteRef().Matches(paragraph))
        {
            if (m.Index > at) yield return (paragraph[at..m.Index], null);
            yield return ("", int.Parse(m.Groups[1].Value, En));
            at = m.Index + m.Length;
        }
        if (at < paragraph.Length) yield return (paragraph[at..], null);
    }

    [GeneratedRegex(@"\[\^(\d+)\]")] private static partial Regex NoteRef();
    [GeneratedRegex(@"\n\s*\n")] private static partial Regex BlankLines();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();

    private sealed class Notes
    {
        private readonly Dictionary<string, int> byUrl = new(StringComparer.Ordinal);
        public List<ReportNote> List { get; } = [];

        /// <summary>The marker citing <paramref name="url"/>; a source cited twice keeps its first number.</summary>
        public string Cite(string what, string url)
        {
            if (!byUrl.TryGetValue(url, out var n))
            {
                n = List.Count + 1;
                byUrl[url] = n;
                List.Add(new ReportNote(n, $"For {what}, see {url}."));
            }
            return $"[^{n}]";
        }
    }

    private static List<string> IntroductionParagraphs(ReportFacts f)
    {
        var p = new List<string>
        {
            $"The work of the {f.OrganisationName} in the field of international migration is designed to support global processes "
            + "of dialogue and sharing of ideas and practices initiated at the General Assembly’s 2006 High-level Dialogue on International "
            + "Migration and Development and continued through the Global Forum on Migration and Development (GFMD).",
        };
        var own = f.ChairTerms.Where(t => t.IsOrganisation && t.Start.Year <= f.Year && t.End.Year >= f.Year).ToList();
        var year = own.Count > 0
            ? $"The year {f.Year} was marked by the assumption by {f.OrganisationShort} of the chairmanship of the {Group} (GMG) "
              + $"in {own[0].Start.ToString("MMMM yyyy", En)}. "
            : "";
        var kinds = new List<string>();
        if (f.Seminars.Any()) kinds.Add(Counted(f.Seminars.Count(), "seminar", "seminars"));
        if (f.Courses.Count > 0) kinds.Add(Counted(f.Courses.Count, "course", "courses"));
        if (f.Panels.Any()) kinds.Add(Counted(f.Panels.Count(), "panel discussion", "panel discussions"));
        if (f.PolicySeminarsAway.Any())
            kinds.Add(Counted(f.PolicySeminarsAway.Count(), "policy seminar away from United Nations Headquarters", "policy seminars away from United Nations Headquarters"));
        var activity = kinds.Count > 0
            ? $"In {f.Year}, {f.OrganisationShort}’s training activities in the migration field comprised {Join(kinds)}."
            : $"No training activity in the migration field was recorded for {f.Year}.";
        p.Add(year + activity);
        return p;
    }

    private static List<string> ChairParagraphs(ReportFacts f, Notes notes)
    {
        var p = new List<string>();
        var terms = f.ChairTerms;
        foreach (var (t, i) in terms.Select((t, i) => (t, i)).Where(x => x.t.IsOrganisation))
        {
            var months = (t.End.Year - t.Start.Year) * 12 + t.End.Month - t.Start.Month + 1;
            var sentence = $"{f.OrganisationShort} assumed the chairmanship of the GMG on {Day(t.Start)} for a period of {Number(months)} "
                + $"{(months == 1 ? "month" : "months")}, until {Day(t.End)}.";
            if (i > 0) sentence += $" It succeeded the {terms[i - 1].AgencyName} ({terms[i - 1].AgencyAcronym}).";
            if (i + 1 < terms.Count)
                sentence += $" The next chair, the {terms[i + 1].AgencyName} ({terms[i + 1].AgencyAcronym}), took over on {Day(terms[i + 1].Start)}.";
            p.Add(sentence);
        }
        if (f.Workplan is { } w)
        {
            var text = $"The Group’s work from {Day(w.Start)} to {Day(w.End)} was structured by its workplan, “{w.Title}”.";
            if (w.Pillars.Count > 0)
                text += $" The workplan rested on {Number(w.Pillars.Count)} main {(w.Pillars.Count == 1 ? "pillar" : "pillars")}: "
                    + Lettered(w.Pillars.Select(x => LowerFirst(x.Title))) + ".";
            p.Add(text);
            foreach (var pillar in w.Pillars.Where(x => x.Objectives.Count > 0))
            {
                var objectives = Lettered(pillar.Objectives.Select(o => Sentence(o.Text)));
                // Expected outcomes are kept one per line.
                var outcomes = pillar.Objectives.SelectMany(o => (o.ExpectedOutcomes ?? "").Split('\n'))
                    .Where(x => !string.IsNullOrWhiteSpace(x)).Select(Sentence).ToList();
                p.Add($"Under the pillar “{pillar.Title}”, {(pillar.Objectives.Count == 1 ? "the objective was" : "the objectives were")}: {objectives}."
                    + (outcomes.Count switch { 0 => "", 1 => $" The expected outcome was: {outcomes[0]}.", _ => $" The expected outcomes were: {Lettered(outcomes)}." }));
            }
        }
        if (f.Meetings.Count > 0)
            p.Add($"The Group met {Times(f.Meetings.Count)} in {f.Year}: "
                + Lettered(f.Meetings.Select(m => $"{m.Title}, on {Day(m.Date)}" + MeetingPlace(m.Location))) + ".");
        if (f.JointOutputs.Count > 0)
            p.Add($"To strengthen the Group’s visibility, its members published {Counted(f.JointOutputs.Count, "joint output", "joint outputs")} in {f.Year}: "
                + Lettered(f.JointOutputs.Select(o => $"{OutputKind(o.Kind)} “{o.Title}”, led by {o.LeadAgencyAcronym} and published on {Day(o.PublishedOn)}"
                    + (o.Url is null ? "" : notes.Cite($"“{o.Title}”", o.Url)))) + ".");
        return p;
    }

    private static List<string> SeriesParagraphs(ReportFacts f, Notes notes)
    {
        var p = new List<string>();
        var seminars = f.Seminars.ToList();
        if (seminars.Count > 0)
            p.Add($"In {f.Year}, the series hosted {Counted(seminars.Count, "seminar", "seminars")} at United Nations Headquarters on the "
                + $"{(seminars.Count == 1 ? "topic" : "topics")} of: "
                + Lettered(seminars.Select(s => $"“{s.Title}” ({Day(s.Date)}){notes.Cite($"the seminar “{s.Title}”", s.Url)}")) + ".");
        else
            p.Add($"The series held no seminar in {f.Year}.");

        foreach (var c in f.Courses)
            p.Add($"In addition, the course “{c.Title}”, which began on {Day(c.Start)}, complemented the series{notes.Cite($"the course “{c.Title}”", c.Url)}."
                + (c.Topics.Count > 0 ? $" Topics covered included: {Lettered(c.Topics.Select(TrimStop))}." : ""));

        var panels = f.Panels.ToList();
        if (panels.Count == 1)
            p.Add($"The series also featured a panel discussion, “{panels[0].Title}”, on {Day(panels[0].Date)}{notes.Cite($"the panel “{panels[0].Title}”", panels[0].Url)}.");
        else if (panels.Count > 1)
            p.Add($"The series also featured {Number(panels.Count)} panel discussions: "
                + Lettered(panels.Select(x => $"“{x.Title}”, on {Day(x.Date)}{notes.Cite($"the panel “{x.Title}”", x.Url)}")) + ".");

        foreach (var s in f.PolicySeminarsAway)
            p.Add($"Away from United Nations Headquarters, a policy seminar entitled “{s.Title}” was held in {PlaceIn(s)} on {Day(s.Date)}"
                + (s.Partners.Count == 0 ? "" : $", together with {Join(s.Partners)}")
                + $"{notes.Cite($"the policy seminar “{s.Title}”", s.Url)}.");

        foreach (var e in f.Events.Where(e => e.FindingsMarkdown != null))
            p.Add($"Findings of “{e.Title}”: {FirstParagraph(e.FindingsMarkdown!)}");

        var part = f.Participation;
        if (part.Total > 0)
            p.Add($"Altogether, {Counted(part.Total, "participant", "participants")} took part in the events of the series in {f.Year}. "
                + $"By stakeholder group: {string.Join("; ", part.ByGroup.Select(g => $"{g.Label}, {g.Count.ToString("N0", En)}"))}. "
                + $"By gender: {string.Join("; ", part.ByGender.Select(g => $"{g.Label.ToLowerInvariant()}, {g.Count.ToString("N0", En)}"))}.");
        else
            p.Add($"No participation in the series was recorded for {f.Year}.");
        return p;
    }

    /// <summary>
    /// " in Geneva", or " near Geneva" when staff typed "Near Geneva": a location is free text, and a sentence must not
    /// read "on 9 October 2009, Near Geneva".
    /// </summary>
    internal static string MeetingPlace(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return "";
        var l = location.Trim();
        foreach (var word in (string[])["near ", "outside ", "in ", "at "])
            if (l.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                return " " + word + l[word.Length..];
        return " in " + l;
    }

    private static List<string> CapacityParagraphs(ReportFacts f, Notes notes)
    {
        if (f.Projects.Count == 0 && f.FollowUps.Count == 0)
            return [$"No capacity-development activity was recorded for {f.Year}."];
        var p = new List<string>();
        foreach (var project in f.Projects)
        {
            var donors = project.Partners.Where(x => x.Role == PartnerRole.Donor).Select(x => x.Name).ToList();
            var partners = project.Partners.Where(x => x.Role == PartnerRole.ImplementingPartner).Select(x => x.Name).ToList();
            var verb = project.Start.Year == f.Year ? "started to implement" : "continued to implement";
            var who = partners.Count > 0 ? $"{f.OrganisationShort} and {Join(partners)}" : f.OrganisationShort;
            var years = project.Start.Year == project.End.Year ? $"{project.Start.Year}" : $"{project.Start.Year}–{project.End.Year}";
            p.Add($"In {f.Year}, " + (donors.Count > 0 ? $"with the support of {Join(donors)}, " : "")
                + $"{who} {verb} the project “{project.Title}” ({years}).");
            if (project.ActivityTypes.Count > 0)
                p.Add($"The project involved capacity-development activities such as: {Lettered(project.ActivityTypes.Select(TypePhrase))}.");
            foreach (var a in project.Activities)
            {
                var docs = string.Concat(a.Documents.Select(d => notes.Cite($"“{d.Title}”", d.Url)));
                if (a.Event is { } e)
                {
                    var planned = a.Status == WorkStatus.Planned;
                    var cite = notes.Cite($"the event “{e.Title}”", e.Url);
                    p.Add(planned
                        ? $"A {KindPhrase(e.Kind)} entitled “{e.Title}” is planned in {PlaceIn(e)} on {Day(e.Date)}{cite}{docs}."
                        : $"A {KindPhrase(e.Kind)} entitled “{e.Title}” was held in {PlaceIn(e)} on {Day(e.Date)}{cite}{docs}.");
                }
                else
                    p.Add($"{TrimStop(a.Title)} ({TypeLabel(a.Type)}; {StatusPhrase(a.Status)}"
                        + (a.Start is { } s ? $", from {Day(s)}" : "") + $"){docs}.");
            }
        }
        foreach (var u in f.FollowUps)
            p.Add($"On {Day(u.On)}, in follow-up to {(u.Reference is null ? "a recommendation" : $"recommendation {u.Reference}")} of the "
                + $"{u.ForumYear} Global Forum in {u.ForumCity} (“{TrimStop(u.Recommendation)}”), the programme {LowerFirst(TrimStop(u.Text))}"
                + $"{(u.EvidenceUrl is null ? "" : notes.Cite("the evidence of this follow-up", u.EvidenceUrl))}.");
        return p;
    }

    /// <summary>"Brussels, Belgium," (the country is set off by commas) or "New York".</summary>
    private static string PlaceIn(EventFact e) => Place(e) is var p && p != e.City ? p + "," : p;

    private static string Place(EventFact e) =>
        e.CountryName is { Length: > 0 } c && !string.Equals(c, e.City, StringComparison.OrdinalIgnoreCase) ? $"{e.City}, {c}" : e.City;

    private static string KindPhrase(EventKind k) => k switch
    {
        EventKind.PolicySeminar => "policy seminar",
        EventKind.Panel => "panel discussion",
        EventKind.Course or EventKind.CourseSession => "course",
        EventKind.Symposium => "symposium",
        EventKind.Retreat => "retreat",
        EventKind.PressConference => "press conference",
        _ => "seminar",
    };

    private static string OutputKind(JointOutputKind k) => k switch
    {
        JointOutputKind.Statement => "the joint statement",
        JointOutputKind.FactSheetSeries => "the fact-sheet series",
        JointOutputKind.PressConference => "the joint press conference",
        JointOutputKind.Symposium => "the symposium",
        _ => "the joint report",
    };

    private static string TypePhrase(ProjectActivityType t) => t switch
    {
        ProjectActivityType.SeriesExpansion => "expanding the seminar series to other United Nations locations and the regional commissions",
        ProjectActivityType.ForumFollowUp => "following up the recommendations and actionable outcomes of the GFMD",
        ProjectActivityType.ProcessDialogue => "facilitating dialogue among regional and international migration policy processes, including regional consultative processes",
        ProjectActivityType.DevelopmentDimension => "strengthening the development dimension in these discussions",
        _ => "providing capacity-building at country level for national and local stakeholders",
    };

    private static string TypeLabel(ProjectActivityType t) => t switch
    {
        ProjectActivityType.SeriesExpansion => "expansion of the series",
        ProjectActivityType.ForumFollowUp => "GFMD follow-up",
        ProjectActivityType.ProcessDialogue => "dialogue among policy processes",
        ProjectActivityType.DevelopmentDimension => "development dimension",
        _ => "country-level capacity-building",
    };

    private static string StatusPhrase(WorkStatus s) => s switch
    {
        WorkStatus.Planned => "planned",
        WorkStatus.InProgress => "under way",
        WorkStatus.Done => "completed",
        _ => "cancelled",
    };

    public static string Day(DateOnly d) => d.ToString("d MMMM yyyy", En);

    private static readonly string[] Words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>Numbers up to twelve in words, as United Nations editorial style has them in running text.</summary>
    public static string Number(int n) => n >= 0 && n < Words.Length ? Words[n] : n.ToString("N0", En);

    private static string Counted(int n, string one, string many) => $"{Number(n)} {(n == 1 ? one : many)}";

    private static string Times(int n) => n switch { 1 => "once", 2 => "twice", _ => $"{Number(n)} times" };

    /// <summary>"(a) x; (b) y, and (c) z": the enumeration style of the seeds.</summary>
    public static string Lettered(IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 1) return list[0];
        var sb = new StringBuilder();
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0) sb.Append(i == list.Count - 1 ? ", and " : "; ");
            sb.Append('(').Append(Letter(i)).Append(") ").Append(list[i]);
        }
        return sb.ToString();
    }

    private static string Letter(int i) => i < 26 ? ((char)('a' + i)).ToString() : Letter(i / 26 - 1) + (char)('a' + i % 26);

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static string LowerFirst(string s)
    {
        s = s.Trim();
        // Keep acronyms and proper nouns that start with two capitals ("GMG", "IOM's").
        if (s.Length == 0 || (s.Length > 1 && char.IsUpper(s[1]))) return s;
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    private static string Sentence(string s) => LowerFirst(TrimStop(s));

    private static string TrimStop(string s) => Spaces().Replace(s, " ").Trim().TrimEnd('.', ';', ' ');

    /// <summary>The first paragraph of a findings text, with the Markdown marks a report does not carry removed.</summary>
    public static string FirstParagraph(string markdown)
    {
        var first = SplitParagraphs(markdown).FirstOrDefault() ?? "";
        first = MarkdownLink().Replace(first, "$1");
        first = MarkdownMarks().Replace(first, "");
        first = first.TrimStart('#', '>', '-', ' ');
        return first.EndsWith('.') || first.EndsWith('!') || first.EndsWith('?') ? first : first + ".";
    }

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")] private static partial Regex MarkdownLink();
    [GeneratedRegex(@"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")] private static partial Regex MarkdownMarks();
}
