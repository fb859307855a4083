using System.Globalization;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Manage;

public sealed record CourseFields(string Title, string Slug, string Summary, string Description, string Language, decimal? Hours,
    bool Published, int MinAttendancePercent, bool RequireModuleQuizzes);

public sealed record ModuleFields(string Title, string Objectives, string Materials, bool Required);

/// <summary>Times in UTC, entered in <see cref="TimeZone"/>.</summary>
public sealed record RunFields(string Title, DateTime StartsAt, DateTime EndsAt, string TimeZone, int? Capacity, EnrolmentMode Mode,
    DateTime? OpensAt, DateTime? ClosesAt, int OfferHours);

public sealed record SessionFields(int? ModuleId, string Title, DateTime StartsAt, DateTime EndsAt, string Venue, int? Capacity, EventFormat Format);

/// <summary>
/// Reads the staff course forms: each method cleans and checks what was typed, records field errors keyed by the
/// form field's id, and returns the values only when all of them are acceptable. Limits are the model's column sizes.
/// Numbers arrive as text so that a typing mistake gets a message naming the field rather than the binder's.
/// </summary>
public static class CourseForms
{
    public const int MaxTitle = 300, MaxSlug = 200, MaxSummary = 2000, MaxDescription = 20000,
        MaxObjectives = 10000, MaxMaterials = 20000, MaxRunTitle = 200, MaxVenue = 300, MaxSessionTitle = 200;
    public const string LocalFormat = "yyyy-MM-ddTHH:mm";
    private static readonly string[] LocalFormats = [LocalFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"];

    public static CourseFields? Course(string? title, string? slug, string? summary, string? description, string? language,
        string? hours, bool published, string? minAttendancePercent, bool requireModuleQuizzes, FieldErrors errors)
    {
        var t = errors.Text("title", title, MaxTitle, required: true);
        var s = FieldErrors.Clean(slug)?.ToLowerInvariant();
        if (s is null) errors.Add("slug", "Contains characters that are not allowed.");
        else
        {
            // A blank address is made from the title, as events' are; a title in another script gives none.
            if (s.Length == 0 && t.Length > 0) s = Slugs.From(t) is var made && (made != "event" || t.Contains("event", StringComparison.OrdinalIgnoreCase)) ? made : "";
            if (s.Length == 0)
            {
                if (t.Length > 0) errors.Add("slug", "Give the address in Latin letters, digits and hyphens, e.g. international-migration-law.");
            }
            else if (CourseRules.ReservedSlugs.Contains(s)) errors.Add("slug", "This address is reserved for a page; choose another.");
            else if (!CourseRules.IsSlug(s))
                errors.Add("slug", "Use lower-case letters, digits and single hyphens, at most {0} characters, e.g. international-migration-law.", MaxSlug);
        }
        var sum = errors.Text("summary", summary, MaxSummary, required: false, multiline: true);
        var desc = errors.Text("description", description, MaxDescription, required: false, multiline: true);
        var lang = (language ?? "").Trim().ToLowerInvariant();
        if (!CourseRules.Languages.Contains(lang))
            errors.Add("language", "Choose one of the six official languages: {0}.", string.Join(", ", CourseRules.Languages));
        decimal? h = null;
        if (!string.IsNullOrWhiteSpace(hours))
        {
            if (decimal.TryParse(hours.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
                && v is > 0 and <= 9999 && v == Math.Round(v, 1))
                h = v;
            else errors.Add("hours", "Give the hours as a number from 0.5 to 9999 with at most one decimal, e.g. 24 or 24.5, or leave empty.");
        }
        var min = Whole("minAttendancePercent", minAttendancePercent, 0, 100, required: true, errors);
        if (errors.Any) return null;
        return new CourseFields(t, s!, sum, desc, lang, h, published, min!.Value, requireModuleQuizzes);
    }

    public static ModuleFields? Module(string? title, string? objectives, string? materials, bool required, FieldErrors errors)
    {
        var t = errors.Text("title", title, MaxTitle, required: true);
        var o = errors.Text("objectives", objectives, MaxObjectives, required: false, multiline: true);
        var m = errors.Text("materials", materials, MaxMaterials, required: false, multiline: true);
        return errors.Any ? null : new ModuleFields(t, o, m, required);
    }

    public static RunFields? Run(string? title, string? startsAt, string? endsAt, string? timeZone, string? capacity, string? mode,
        string? opensAt, string? closesAt, string? offerHours, FieldErrors errors)
    {
        var t = errors.Text("title", title, MaxRunTitle, required: true);
        var zone = Zone("timeZone", timeZone, errors);
        var start = Local("startsAt", startsAt, zone, required: true, errors);
        var end = Local("endsAt", endsAt, zone, required: true, errors);
        if (start is { } s && end is { } e)
        {
            if (e <= s) errors.Add("endsAt", "Must be after the start.");
            else if (e - s > TimeSpan.FromDays(366)) errors.Add("endsAt", "A run lasts at most a year.");
        }
        var cap = Whole("capacity", capacity, 1, 100_000, required: false, errors, "Between 1 and 100000, or empty for no limit.");
        if (!Codes.TryParse<EnrolmentMode>(mode, out var m))
            errors.Add("enrolmentMode", "Choose one of: {0}.", string.Join(", ", Codes.All<EnrolmentMode>()));
        var opens = Local("registrationOpensAt", opensAt, zone, required: false, errors);
        var closes = Local("registrationClosesAt", closesAt, zone, required: false, errors);
        if (opens is { } o && closes is { } c && c <= o) errors.Add("registrationClosesAt", "Must be after the opening.");
        var offer = Whole("offerHours", offerHours, 1, 720, required: true, errors, "Between 1 and 720 hours.");
        if (errors.Any) return null;
        return new RunFields(t, start!.Value, end!.Value, zone!.Id, cap, m, opens, closes, offer!.Value);
    }

    /// <param name="moduleIds">The modules of the run's course.</param>
    /// <param name="zone">The run's time zone, in which the times are entered.</param>
    /// <param name="runStart">With <paramref name="runEnd"/>: the run's span (UTC), which sessions must fall within.</param>
    public static SessionFields? Session(string? module, string? title, string? startsAt, string? endsAt, string? venue, string? capacity,
        string? format, IReadOnlyCollection<int> moduleIds, TimeZoneInfo zone, DateTime runStart, DateTime runEnd, FieldErrors errors)
    {
        int? moduleId = null;
        if (!string.IsNullOrWhiteSpace(module))
        {
            if (int.TryParse(module.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && moduleIds.Contains(id)) moduleId = id;
            else errors.Add("module", "Choose a module of this course, or none for an opening or closing session.");
        }
        var t = errors.Text("title", title, MaxSessionTitle, required: false);
        if (moduleId is null && t.Length == 0 && !errors.Any) errors.Add("title", "Give a title when the session teaches no module.");
        var start = Local("startsAt", startsAt, zone, required: true, errors);
        var end = Local("endsAt", endsAt, zone, required: true, errors);
        if (start is { } s && end is { } e)
        {
            if (e <= s) errors.Add("endsAt", "Must be after the start.");
            else if (e - s > TimeSpan.FromHours(24)) errors.Add("endsAt", "A session lasts at most 24 hours.");
            else if (s < runStart || e > runEnd)
                errors.Add("startsAt", "The session must fall within the run, {0} to {1}.",
                    EventQueries.Local(runStart, zone.Id).ToString("g", CultureInfo.CurrentCulture),
                    EventQueries.Local(runEnd, zone.Id).ToString("g", CultureInfo.CurrentCulture));
        }
        var v = errors.Text("venue", venue, MaxVenue, required: false);
        var cap = Whole("capacity", capacity, 1, 100_000, required: false, errors, "Between 1 and 100000, or empty for no limit.");
        var f = EventFormat.InPerson;
        if (!string.IsNullOrWhiteSpace(format) && !Codes.TryParse(format, out f))
            errors.Add("format", "Choose one of: {0}.", string.Join(", ", Codes.All<EventFormat>()));
        if (errors.Any) return null;
        return new SessionFields(moduleId, t, start!.Value, end!.Value, v, cap, f);
    }

    /// <summary>An IANA zone, as events take it (e.g. Europe/Zurich).</summary>
    public static TimeZoneInfo? Zone(string field, string? value, FieldErrors errors)
    {
        var id = value?.Trim() ?? "";
        if (id.Length is > 0 and <= 64 && (id.Contains('/') || id == "UTC") && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            return zone;
        errors.Add(field, "Give an IANA time zone, e.g. America/New_York or Europe/Zurich.");
        return null;
    }

    /// <summary>A date and time typed in <paramref name="zone"/>, as UTC; null when empty or wrong (the error is recorded).</summary>
    public static DateTime? Local(string field, string? value, TimeZoneInfo? zone, bool required, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "Required.");
            return null;
        }
        if (!DateTime.TryParseExact(value.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year is < 1990 or > 2200)
        {
            errors.Add(field, "Give a date and time, e.g. 2026-12-01T10:00.");
            return null;
        }
        if (zone is null) return null;
        if (zone.IsInvalidTime(local))
        {
            errors.Add(field, "This time does not exist in the event's time zone (clock change).");
            return null;
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>A stored UTC moment as a datetime-local value in the zone.</summary>
    public static string ToLocal(DateTime? utc, string zone) =>
        utc is { } u ? EventQueries.Local(u, zone).ToString(LocalFormat, CultureInfo.InvariantCulture) : "";

    private static int? Whole(string field, string? value, int min, int max, bool required, FieldErrors errors, string? message = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "Required.");
            return null;
        }
        if (int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        if (message is not null) errors.Add(field, message);
        else errors.Add(field, "Give a whole number from {0} to {1}.", min, max);
        return null;
    }
}
