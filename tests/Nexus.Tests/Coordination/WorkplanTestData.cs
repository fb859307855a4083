using Microsoft.Extensions.DependencyInjection;
using Nexus.Web.Data;
using Nexus.Web.Features.Coordination;

namespace Nexus.Tests.Coordination;

/// <summary>The ids of a workplan made for one test.</summary>
public sealed record TestPlan(int Id, int Year, string Title, int[] Pillars, int[] Objectives, int[] Activities)
{
    public string Url => $"/coordination/space/workplans/{Id}";
    public string ActivityUrl(int n) => $"{Url}/activities/{Activities[n]}";
}

/// <summary>
/// Workplans with known contents. Each gets a year of its own (workplans are unique per year and tests in a class
/// share a database). Activities: 0 UNITAR done, 1 IOM in progress and overdue, 2 UNITAR planned for next month,
/// 3 UNFPA dropped, 4 UNFPA postponed (late, but not overdue: postponed is not open).
/// </summary>
public static class WorkplanTestData
{
    private static int _year = 2019;

    public static int NextYear() => Interlocked.Increment(ref _year);

    public const string FactSheets = "Fiches d’information sur la crise — 14 fiches, São Paulo à Genève";

    public static async Task<TestPlan> PlanAsync(AppFactory app, WorkplanStatus status = WorkplanStatus.Adopted, int? year = null, string? title = null)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = scope.ServiceProvider.GetRequiredService<CoordinationAccess>().Today();
        var y = year ?? NextYear();
        var plan = new Workplan
        {
            Year = y, Title = title ?? $"Workplan {y}–{y + 1}", Start = new DateOnly(y, 6, 1), End = new DateOnly(y + 1, 7, 31),
            Summary = "Two chairmanships, one direction.", Status = status,
            AdoptedAt = status == WorkplanStatus.Adopted ? new DateTime(y, 6, 15, 0, 0, 0, DateTimeKind.Utc) : null,
            Pillars =
            [
                new WorkplanPillar
                {
                    Position = 1, Title = "A strong sense of purpose", Description = "Principals own the agenda.",
                    Objectives =
                    [
                        new WorkplanObjective
                        {
                            Position = 1, Text = "Renew the principals' commitment", ExpectedOutcomes = "Shared priorities\nA retreat held",
                            Activities =
                            [
                                Activity(1, "Heads-of-agency retreat", "unitar", ActivityStatus.Done, today.AddDays(-40), ["iom", "undp"]),
                                Activity(2, "Member survey", "iom", ActivityStatus.InProgress, today.AddDays(-10), ["unitar"]),
                                Activity(3, "Working methods review", "unitar", ActivityStatus.Planned, today.AddDays(30), []),
                            ],
                        },
                    ],
                },
                new WorkplanPillar
                {
                    Position = 2, Title = "Visibility of the Group — outreach",
                    Objectives =
                    [
                        new WorkplanObjective
                        {
                            Position = 1, Text = "Give governments timely data", ExpectedOutcomes = "Fact-sheets for the Forum",
                            Activities =
                            [
                                Activity(1, FactSheets, "unfpa", ActivityStatus.Dropped, today.AddDays(-5), ["ilo", "iom"], ActivityKind.Deliverable),
                                Activity(2, "Technical symposium", "unfpa", ActivityStatus.Postponed, today.AddDays(-3), []),
                            ],
                        },
                    ],
                },
            ],
        };
        plan.Pillars[0].Objectives[0].Activities[1].Notes.Add(new ProgressNote
        {
            At = DateTime.UtcNow.AddDays(-2), AuthorId = "", AuthorName = "IOM focal point", AgencyCode = "iom", Text = "Internal: questionnaire sent to members.",
        });
        db.Workplans.Add(plan);
        await db.SaveChangesAsync();
        var objectives = plan.Pillars.SelectMany(p => p.Objectives).ToList();
        return new TestPlan(plan.Id, y, plan.Title, plan.Pillars.Select(p => p.Id).ToArray(), objectives.Select(o => o.Id).ToArray(),
            objectives.SelectMany(o => o.Activities).Select(a => a.Id).ToArray());
    }

    private static WorkplanActivity Activity(int position, string title, string lead, ActivityStatus status, DateOnly due, string[] contributing,
        ActivityKind kind = ActivityKind.Activity) => new()
    {
        Position = position, Title = title, LeadAgencyCode = lead, Status = status, Due = due, ContributingAgencies = [.. contributing], Kind = kind,
    };
}
