using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Surveys;
using Nexus.Web.Features.Data.Charts;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Space.Surveys;

/// <summary>
/// A survey's results: the response rate and each question's tallies, with a chart and its table. Those who run
/// the group see them at any time; the other focal points once the survey has closed. ?format=csv|xlsx downloads
/// one row per responding agency.
/// </summary>
public sealed class ResultsModel(AppDbContext db, CoordinationAccess access, IOptions<CoordinationOptions> options,
    IStringLocalizer<SharedResource> t) : SurveyPageModel(db, access, options, t)
{
    public Survey Survey { get; private set; } = new();
    public SurveyResult Result { get; private set; } = new(0, 0, [], []);
    public bool Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? format, CancellationToken ct)
    {
        var me = await WhoAsync(ct);
        if (!me.CanEnterSpace) return Forbid();
        if (await SurveyStore.FindAsync(Db, id, ct) is not { } survey) return NotFound();
        if (survey.Status == SurveyStatus.Draft && !me.RunsGroup) return NotFound();
        Survey = survey;
        Closed = SurveyRules.IsClosed(survey.Status, survey.ClosesOn, Today);
        if (!me.RunsGroup && !Closed) return Forbid();

        var export = SurveyExportFormat.Csv;
        if (!string.IsNullOrWhiteSpace(format) && !Codes.TryParse(format, out export))
            return new ContentResult { StatusCode = 400, ContentType = "text/plain; charset=utf-8", Content = Text["format: choose csv or xlsx."].Value };

        var responses = await SurveyStore.ResponsesAsync(Db, id, ct);
        var (names, members) = await SurveyStore.AgenciesAsync(Db, SurveyStore.MembershipDay(survey, Today), ct);
        string Name(string code) => names.GetValueOrDefault(code, code);

        if (!string.IsNullOrWhiteSpace(format))
        {
            var table = SurveyExport.Build(survey.Questions, responses, Name, survey.Anonymous);
            var file = $"survey-{id}-responses";
            // Answers are internal to the group: the file must not sit in a shared cache.
            Response.Headers.CacheControl = "no-store";
            return export == SurveyExportFormat.Xlsx
                ? File(SurveyExport.Xlsx(table, survey.Title), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file + ".xlsx")
                : File(SurveyExport.Csv(table), "text/csv; charset=utf-8", file + ".csv");
        }

        Result = SurveyTally.Compute(survey.Questions, responses, members, Name, survey.Anonymous);
        return Page();
    }

    /// <summary>The question's tallies as a bar chart (choices and scales), drawn on the server.</summary>
    public string Chart(QuestionResult r) =>
        SvgChart.Bars(r.Question.Text, Text["Agencies"], r.Counts.Select(c => new ChartBar(c.Label, c.Count)).ToList());

    public static string Percent(double p) => p.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture) + " %";

    public static string Number(double v) => v.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture);
}
