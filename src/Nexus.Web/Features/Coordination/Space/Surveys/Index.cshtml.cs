using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Surveys;

namespace Nexus.Web.Features.Coordination.Space.Surveys;

public sealed record SurveyRow(int Id, string Title, SurveyStatus Status, bool Closed, bool Anonymous, DateOnly? ClosesOn,
    int Responses, bool MyAgencyAnswered, bool CanAnswer, bool CanSeeResults);

/// <summary>The group's surveys: open ones to answer, closed ones with their results; drafts for those who run the group.</summary>
public sealed class IndexModel(AppDbContext db, CoordinationAccess access, IOptions<CoordinationOptions> options, IStringLocalizer<SharedResource> t)
    : SurveyPageModel(db, access, options, t)
{
    public List<SurveyRow> Surveys { get; private set; } = [];
    public bool IsMember { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await WhoAsync(ct);
        if (!me.CanEnterSpace) return Forbid();
        var agency = me.AgencyCode;
        var (_, members) = await SurveyStore.AgenciesAsync(Db, Today, ct);
        IsMember = agency is not null && members.Contains(agency);

        var rows = await Db.Surveys.AsNoTracking()
            .Where(s => me.RunsGroup || s.Status != SurveyStatus.Draft)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Title, s.Status, s.Anonymous, s.ClosesOn,
                Responses = Db.SurveyResponses.Count(r => r.SurveyId == s.Id),
                Mine = agency != null && Db.SurveyResponses.Any(r => r.SurveyId == s.Id && r.AgencyCode == agency),
            })
            .ToListAsync(ct);
        Surveys = rows.Select(s =>
        {
            var closed = SurveyRules.IsClosed(s.Status, s.ClosesOn, Today);
            return new SurveyRow(s.Id, s.Title, s.Status, closed, s.Anonymous, s.ClosesOn, s.Responses, s.Mine,
                IsMember && SurveyRules.AcceptsAnswers(s.Status, s.ClosesOn, Today) && !s.Mine,
                me.RunsGroup || closed);
        }).ToList();
        return Page();
    }
}
