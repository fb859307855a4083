using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Surveys;

namespace Nexus.Web.Features.Coordination.Space.Surveys;

/// <summary>The questions of a survey as a form: for answering, or disabled for the chair's preview.</summary>
public sealed record SurveyFormView(IReadOnlyList<SurveyQuestion> Questions, IReadOnlyDictionary<string, string[]> Values,
    IReadOnlyDictionary<string, string> Errors, bool Disabled)
{
    public string[] ValuesOf(SurveyQuestion q) => Values.TryGetValue(SurveyRules.FieldId(q.Id), out var v) ? v : [];
    public string? ErrorOf(SurveyQuestion q) => Errors.TryGetValue(SurveyRules.FieldId(q.Id), out var e) ? e : null;
}

/// <summary>What every survey page needs: who the user is to the group, today in the group's zone, dates shown there.</summary>
public abstract class SurveyPageModel(AppDbContext db, CoordinationAccess access, IOptions<CoordinationOptions> options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected AppDbContext Db => db;
    protected IStringLocalizer<SharedResource> Text => localizer;
    public GroupUser Me { get; private set; } = GroupUser.Public;
    public DateOnly Today { get; private set; }
    /// <summary>Messages by the id of the field they belong to, for the fields and the error summary.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected async Task<GroupUser> WhoAsync(CancellationToken ct)
    {
        Me = await access.GetAsync(User, ct);
        Today = access.Today();
        return Me;
    }

    public string Moment(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), options.Value.Zone())
            .ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    protected void ShowErrors(Infrastructure.FieldErrors errors)
    {
        foreach (var (key, message) in errors.Localized(localizer))
            Errors[key] = Errors.TryGetValue(key, out var before) ? before + " " + message : message;
    }
}
