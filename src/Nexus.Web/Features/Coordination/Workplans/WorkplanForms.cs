using System.Globalization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Workplans;

public sealed record WorkplanFields(int Year, string Title, DateOnly Start, DateOnly End, string? Summary, WorkplanStatus Status);

public sealed record PillarFields(string Title, string? Description);

public sealed record ObjectiveFields(int PillarId, string Text, string? ExpectedOutcomes);

public sealed record ActivityFields(int ObjectiveId, ActivityKind Kind, string Title, string? Description, string Lead,
    List<string> Contributing, DateOnly? Due, ActivityStatus Status);

/// <summary>
/// Reads the workplan forms: each method cleans and checks what was typed, records field errors keyed by the form
/// field's id, and returns the values only when all of them are acceptable. Limits are the model's column sizes.
/// </summary>
public static class WorkplanForms
{
    public const int MaxTitle = 300, MaxLongText = 4000, MaxObjective = 1000, MaxNote = 4000, MaxUrl = 2000;

    public static WorkplanFields? Workplan(string? year, string? title, string? start, string? end, string? summary, string? status, FieldErrors errors)
    {
        var y = 0;
        if (string.IsNullOrWhiteSpace(year)) errors.Add("year", "Required.");
        else if (!int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out y) || y is < WorkplanRules.MinYear or > WorkplanRules.MaxYear)
            errors.Add("year", "Give a year from {0} to {1}.", WorkplanRules.MinYear, WorkplanRules.MaxYear);
        var t = errors.Text("title", title, MaxTitle, required: true);
        var s = Date("start", start, required: true, errors);
        var e = Date("end", end, required: true, errors);
        var sum = errors.Text("summary", summary, MaxLongText, required: false, multiline: true);
        var st = WorkplanStatus.Draft;
        if (!string.IsNullOrWhiteSpace(status) && !Codes.TryParse(status, out st))
            errors.Add("status", "Choose one of: {0}.", string.Join(", ", Codes.All<WorkplanStatus>()));
        if (s is { } sd && e is { } ed)
        {
            if (ed < sd) errors.Add("end", "The end must not be before the start.");
            else if (ed.DayNumber - sd.DayNumber > WorkplanRules.MaxSpanDays) errors.Add("end", "A workplan spans at most three years.");
            if (y != 0 && sd.Year != y) errors.Add("year", "The year is the year the span starts in: {0}.", sd.Year);
        }
        if (errors.Any) return null;
        return new WorkplanFields(y, t, s!.Value, e!.Value, Blank(sum), st);
    }

    public static PillarFields? Pillar(string? title, string? description, FieldErrors errors)
    {
        var t = errors.Text("title", title, MaxTitle, required: true);
        var d = errors.Text("description", description, MaxLongText, required: false, multiline: true);
        return errors.Any ? null : new PillarFields(t, Blank(d));
    }

    public static ObjectiveFields? Objective(string? pillar, string? text, string? outcomes, IReadOnlyCollection<int> pillarIds, FieldErrors errors)
    {
        var p = Choice("pillar", pillar, pillarIds, "Choose a pillar of this workplan.", errors);
        var t = errors.Text("text", text, MaxObjective, required: true, multiline: true);
        var o = errors.Text("expectedOutcomes", outcomes, MaxLongText, required: false, multiline: true);
        // Stored one per line: blank lines and stray spaces are dropped so the lists read the same everywhere.
        o = string.Join("\n", WorkplanRules.Outcomes(o));
        return errors.Any ? null : new ObjectiveFields(p, t, Blank(o));
    }

    /// <param name="leads">Codes of the agencies that may lead: members of the group during the workplan.</param>
    /// <param name="agencies">Codes of every known agency, which may all contribute.</param>
    public static ActivityFields? Activity(string? objective, string? kind, string? title, string? description, string? lead,
        IEnumerable<string?> contributing, string? due, string? status, IReadOnlyCollection<int> objectiveIds,
        IReadOnlySet<string> leads, IReadOnlySet<string> agencies, DateOnly start, DateOnly end, FieldErrors errors)
    {
        var o = Choice("objective", objective, objectiveIds, "Choose an objective of this workplan.", errors);
        var k = ActivityKind.Activity;
        if (!string.IsNullOrWhiteSpace(kind) && !Codes.TryParse(kind, out k))
            errors.Add("kind", "Choose one of: {0}.", string.Join(", ", Codes.All<ActivityKind>()));
        var t = errors.Text("title", title, MaxTitle, required: true);
        var d = errors.Text("description", description, MaxLongText, required: false, multiline: true);
        var l = (lead ?? "").Trim().ToLowerInvariant();
        if (l.Length == 0) errors.Add("lead", "Required.");
        else if (!leads.Contains(l))
            errors.Add("lead", agencies.Contains(l) ? "That agency is not a member of the group during this workplan." : "No agency has that code.");
        var c = new List<string>();
        foreach (var code in contributing.Take(agencies.Count + 1))
        {
            var x = (code ?? "").Trim().ToLowerInvariant();
            if (x.Length == 0 || x == l || c.Contains(x)) continue; // the lead is not also its own contributor
            if (agencies.Contains(x)) c.Add(x);
            else { errors.Add("contributing", "No agency has that code."); break; }
        }
        var dd = Date("due", due, required: false, errors);
        var (from, to) = WorkplanRules.DueRange(start, end);
        if (dd is { } dv && (dv < from || dv > to))
            errors.Add("due", "Give a date between {0} and {1}.", Iso(from), Iso(to));
        var st = ActivityStatus.Planned;
        if (!string.IsNullOrWhiteSpace(status) && !Codes.TryParse(status, out st))
            errors.Add("status", "Choose one of: {0}.", string.Join(", ", Codes.All<ActivityStatus>()));
        return errors.Any ? null : new ActivityFields(o, k, t, Blank(d), l, c, dd, st);
    }

    /// <summary>A note with a status change: at least one of them, the note within the column's size.</summary>
    public static (string? Note, ActivityStatus? Status)? Update(string? note, string? status, ActivityStatus current, FieldErrors errors)
    {
        var n = errors.Text("note", note, MaxNote, required: false, multiline: true);
        ActivityStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Codes.TryParse<ActivityStatus>(status, out var parsed)) s = parsed == current ? null : parsed;
            else errors.Add("status", "Choose one of: {0}.", string.Join(", ", Codes.All<ActivityStatus>()));
        }
        if (!errors.Any && n.Length == 0 && s is null) errors.Add("note", "Write a note or change the status.");
        return errors.Any ? null : (Blank(n), s);
    }

    /// <summary>An evidence link's address: absolute http or https only (no javascript:, data: or file: links).</summary>
    public static Uri? WebAddress(string field, string? url, FieldErrors errors)
    {
        var text = errors.Text(field, url, MaxUrl, required: true);
        if (text.Length == 0) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Length > 0 && !text.Any(char.IsWhiteSpace))
            return uri;
        errors.Add(field, "Give a web address starting with https:// or http://.");
        return null;
    }

    public static DateOnly? Date(string field, string? value, bool required, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "Required.");
            return null;
        }
        if (value.Length <= 10 && DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= WorkplanRules.MinYear - 1 and <= WorkplanRules.MaxYear + 1)
            return d;
        errors.Add(field, "Give a date as yyyy-mm-dd.");
        return null;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Choice(string field, string? value, IReadOnlyCollection<int> allowed, string message, FieldErrors errors)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && allowed.Contains(id)) return id;
        errors.Add(field, message);
        return 0;
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;
}
