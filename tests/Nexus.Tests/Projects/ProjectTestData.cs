using Nexus.Web.Features.Projects;

namespace Nexus.Tests.Projects;

/// <summary>Small project, forum and process records with unique slugs, so tests sharing a database stay apart.</summary>
public static class ProjectTestData
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<Project> ProjectAsync(AppFactory app, string? slug = null, int? eventId = null)
    {
        var p = new Project
        {
            Slug = slug ?? Unique("project"), Title = "Capacities for migration and development", Summary = "A test project.",
            ObjectivesMarkdown = "- Expand the series", Start = new(2009, 1, 1), End = new(2010, 12, 31), Status = ProjectStatus.Active,
            Budget = 250000m, Currency = "EUR", Version = 1, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Partners =
            [
                new ProjectPartner { Role = PartnerRole.Donor, Name = "Government of Spain", Order = 0 },
                new ProjectPartner { Role = PartnerRole.ImplementingPartner, AgencyCode = "iom", Name = "IOM", Order = 1 },
            ],
            Activities =
            [
                new ProjectActivity
                {
                    Type = ProjectActivityType.SeriesExpansion, Title = "Seminar away from Headquarters", Status = WorkStatus.Done,
                    EventId = eventId, Countries = ["BEL"], Start = new(2009, 6, 7),
                },
                new ProjectActivity { Type = ProjectActivityType.CountryCapacity, Title = "Country training", Status = WorkStatus.Planned },
            ],
        };
        await app.Db(async db => { db.Projects.Add(p); await db.SaveChangesAsync(); return p; });
        return p;
    }

    /// <summary>A meeting in a year no other test uses (years must be unique), with one recommendation.</summary>
    public static async Task<ForumMeeting> MeetingAsync(AppFactory app, int year)
    {
        var m = new ForumMeeting
        {
            Year = year, City = "Athens", HostCountry = "GRC", Theme = "Integrating migration into development",
            Recommendations = [new ForumRecommendation { Kind = RecommendationKind.ActionableOutcome, Text = "Collect better data.", UpdatedAt = DateTime.UtcNow }],
        };
        await app.Db(async db => { db.ForumMeetings.Add(m); await db.SaveChangesAsync(); return m; });
        return m;
    }
}
