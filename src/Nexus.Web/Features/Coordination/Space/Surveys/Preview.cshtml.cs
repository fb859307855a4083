using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination.Surveys;

namespace Nexus.Web.Features.Coordination.Space.Surveys;

/// <summary>The survey as the focal points will see it, without a way to answer: for the chair, at any stage.</summary>
public sealed class PreviewModel(AppDbContext db, CoordinationAccess access, IOptions<CoordinationOptions> options,
    IStringLocalizer<SharedResource> t) : SurveyPageModel(db, access, options, t)
{
    public Survey Survey { get; private set; } = new();
    public SurveyFormView Form => new(Survey.Questions, new Dictionary<string, string[]>(), Errors, Disabled: true);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!(await WhoAsync(ct)).RunsGroup) return Forbid();
        if (await SurveyStore.FindAsync(Db, id, ct) is not { } survey) return NotFound();
        Survey = survey;
        return Page();
    }
}
