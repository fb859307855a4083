using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Tests.Pages;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Projects;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Features.Reports;

namespace Nexus.Tests.Reports;

/// <summary>
/// The facts come from the database and the staff pages keep edits. Each test uses a year of its own, far from the
/// demo years, so the tests of this class (sharing one database) never see each other's records.
/// </summary>
public class ReportDataTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Event Ev(int year, int month, EventKind kind, string title, EventStatus status, string city = "New York", string country = "USA") =>
        TestData.Event(title: title, status: status, now: new DateTime(year, month, 10, 15, 0, 0, DateTimeKind.Utc), startsIn: TimeSpan.Zero) is var e
            ? Set(e, kind, city, country) : null!;

    private static Event Set(Event e, EventKind kind, string city, string country)
    {
        e.Kind = kind;
        e.City = city;
        e.Country = country;
        return e;
    }

    private static Registration Reg(Event e, RegistrationStatus status, StakeholderGroup group, Gender? gender)
    {
        var email = TestData.UniqueEmail();
        return new Registration
        {
            Event = e, FullName = "Participant", Email = email, NormalizedEmail = email.ToUpperInvariant(), Status = status,
            StakeholderGroup = group, Gender = gender, CancelSecretHash = Guid.NewGuid().ToString("N"), TicketSecretHash = Guid.NewGuid().ToString("N"), CreatedAt = e.CreatedAt, UpdatedAt = e.CreatedAt,
        };
    }

    /// <summary>A year with a chairmanship, held and future events, registrations of every kind and a project.</summary>
    internal static async Task SeedAsync(AppFactory app, int year)
    {
        await app.Db(async db =>
        {
            db.ChairTerms.AddRange(
                new ChairTerm { AgencyCode = "unitar", Start = new(year, 6, 1), End = new(year, 12, 31) },
                new ChairTerm { AgencyCode = "undp", Start = new(year + 1, 1, 1), End = new(year + 1, 6, 30) });
            var seminar = Ev(year, 2, EventKind.Seminar, "Migration and the Economic Crisis", EventStatus.Held);
            seminar.FindingsMarkdown = "Return rates stayed low.";
            var brussels = Ev(year, 6, EventKind.PolicySeminar, "Africa-EU partnership seminar", EventStatus.Held, "Brussels", "BEL");
            var panel = Ev(year, 12, EventKind.Panel, "International Migrants' Day panel", EventStatus.Published);
            var cancelled = Ev(year, 3, EventKind.Seminar, "A seminar that was called off", EventStatus.Cancelled);
            var draft = Ev(year, 4, EventKind.Seminar, "A seminar still in draft", EventStatus.Draft);
            var retreat = Ev(year, 10, EventKind.Retreat, "A retreat is not part of the series", EventStatus.Held);
            db.Events.AddRange(seminar, brussels, panel, cancelled, draft, retreat);
            db.Registrations.AddRange(
                Reg(seminar, RegistrationStatus.Attended, StakeholderGroup.MemberState, Gender.Female),
                Reg(seminar, RegistrationStatus.Attended, StakeholderGroup.Academia, Gender.Male),
                Reg(seminar, RegistrationStatus.NoShow, StakeholderGroup.Academia, Gender.Female),      // held: did not come
                Reg(seminar, RegistrationStatus.Cancelled, StakeholderGroup.Academia, Gender.Female),
                Reg(brussels, RegistrationStatus.Attended, StakeholderGroup.CivilSociety, null),
                Reg(panel, RegistrationStatus.Confirmed, StakeholderGroup.MemberState, Gender.Female),  // ahead: a confirmed seat counts
                Reg(panel, RegistrationStatus.Waitlisted, StakeholderGroup.MemberState, Gender.Male),
                Reg(cancelled, RegistrationStatus.Confirmed, StakeholderGroup.MemberState, Gender.Male),
                Reg(retreat, RegistrationStatus.Attended, StakeholderGroup.UnSystem, Gender.Male));
            db.Meetings.Add(new Meeting { Kind = MeetingKind.Retreat, Title = "High-level retreat", Date = new(year, 10, 9), Location = "near Geneva" });
            var project = new Project
            {
                Title = $"Capacities {year}", Slug = $"capacities-{year}", Start = new(year, 1, 1), End = new(year + 2, 12, 31), Status = ProjectStatus.Active,
                Partners = [new() { Role = PartnerRole.Donor, Name = "the Government of Spain" }, new() { Role = PartnerRole.ImplementingPartner, Name = "IOM", AgencyCode = "iom", Order = 1 }],
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync(Ct);
            db.ProjectActivities.Add(new ProjectActivity { ProjectId = project.Id, Type = ProjectActivityType.SeriesExpansion, Title = "Brussels", EventId = brussels.Id, Status = WorkStatus.Done });
            await db.SaveChangesAsync(Ct);
            return 0;
        });
    }

    private Task<ReportView> LoadAsync(int year) => LoadAsync(App, year);

    internal static async Task<ReportView> LoadAsync(AppFactory app, int year) => await app.With<ReportService, ReportView>(s => s.LoadAsync(year, Ct));

    [Fact]
    public async Task The_facts_of_a_year_come_from_the_database()
    {
        await SeedAsync(App, 2041);
        var f = (await LoadAsync(2041)).Facts;

        Assert.Equal("UNITAR", f.OrganisationShort);
        Assert.True(f.OrganisationChaired);
        Assert.Equal(["UNITAR", "UNDP"], f.ChairTerms.Select(t => t.AgencyAcronym));
        Assert.Equal(["Migration and the Economic Crisis", "Africa-EU partnership seminar", "International Migrants' Day panel"], f.Events.Select(e => e.Title));
        Assert.Equal(["Africa-EU partnership seminar"], f.PolicySeminarsAway.Select(e => e.Title));
        Assert.Equal("Belgium", f.PolicySeminarsAway.Single().CountryName);
        // Attended at held events (2 + 1) and confirmed at the one ahead (1); no-shows, the waiting list, the
        // cancelled event and the retreat do not count.
        Assert.Equal(4, f.Participation.Total);
        Assert.Equal(f.Participation.Total, f.Participation.ByGroup.Sum(g => g.Count));
        Assert.Equal(f.Participation.Total, f.Participation.ByGender.Sum(g => g.Count));
        Assert.Contains(new CountFact("Not stated", 1), f.Participation.ByGender);
        Assert.Contains(new CountFact("Female", 2), f.Participation.ByGender);
        Assert.Single(f.Meetings);
        var project = Assert.Single(f.Projects);
        Assert.Equal(["the Government of Spain", "IOM"], project.Partners.Select(p => p.Name));
        Assert.Equal("Africa-EU partnership seminar", Assert.Single(project.Activities).Event?.Title);
    }

    [Fact]
    public async Task The_drafted_report_names_the_chair_the_events_and_the_figures()
    {
        await SeedAsync(App, 2042);
        var text = ReportDrafter.ToPlainText((await LoadAsync(2042)).Document);
        Assert.Contains("Activities of UNITAR on international migration and development, 2042", text);
        Assert.Contains("A. UNITAR chairmanship of the Global Migration Group", text);
        Assert.Contains("on 1 June 2042 for a period of seven months", text);
        Assert.Contains("United Nations Development Programme (UNDP), took over on 1 January 2043", text);
        Assert.Contains("“Migration and the Economic Crisis”", text);
        Assert.Contains("held in Brussels, Belgium, on", text);
        Assert.Contains("Altogether, four participants", text);
        Assert.Contains("with the support of the Government of Spain, UNITAR and IOM started to implement", text);
    }

    [Fact]
    public async Task A_year_without_data_drafts_a_short_report_without_a_chairmanship()
    {
        // 2061 lies outside every period the other tests seed (their projects run for three years), so the
        // answer does not depend on which test ran first.
        var d = (await LoadAsync(2061)).Document;
        Assert.Equal(["introduction", "seminars", "capacity"], d.Sections.Select(s => s.Key));
        Assert.Contains("No capacity-development activity was recorded for 2061.", ReportDrafter.ToPlainText(d));
    }

    [Fact]
    public async Task Staff_edit_a_section_see_when_the_data_changed_and_can_discard_the_edit()
    {
        const int year = 2044;
        await SeedAsync(App, year);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var url = $"/reports/{year}/sections/seminars";
        var (form, html) = await staff.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Migration and the Economic Crisis", html);
        var hash = (await LoadAsync(year)).Sections.Single(s => s.Drafted.Key == "seminars").Drafted.Hash;

        var saved = await staff.PostFormAsync(url, new() { ["Text"] = "Our own <script>alert(1)</script> words.\n\nSecond paragraph.", ["BasedOnHash"] = hash, ["Version"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, preview) = await staff.GetAsync($"/reports/{year}");
        Assert.Contains("Our own &lt;script&gt;", preview);
        Assert.DoesNotContain("<script>alert(1)", preview);
        Assert.Contains("Discard my edit", preview);
        Assert.DoesNotContain("The data have changed since this section was edited", preview);

        // A second editor still holding the first form (no version) must not overwrite it.
        var conflict = await staff.PostFormAsync(url, new() { ["Text"] = "Someone else's words.", ["BasedOnHash"] = hash, ["Version"] = "" });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("Someone else saved this section", await conflict.Content.ReadAsStringAsync(Ct));

        // The data change: the draft differs from the one the edit started from.
        await App.Db(async db =>
        {
            var e = Ev(year, 9, EventKind.Seminar, "A seminar added later", EventStatus.Held);
            db.Events.Add(e);
            return await db.SaveChangesAsync(Ct);
        });
        var view = await LoadAsync(year);
        var state = view.Sections.Single(s => s.Drafted.Key == "seminars");
        Assert.True(state.Stale);
        var (_, stale) = await staff.GetAsync($"/reports/{year}");
        Assert.Contains("The data have changed since this section was edited", stale);

        var discarded = await staff.PostFormAsync($"/reports/{year}?handler=Discard",
            new() { ["key"] = "seminars", ["version"] = state.Edit!.Version.ToString() }, $"/reports/{year}");
        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        var (_, after) = await staff.GetAsync($"/reports/{year}");
        Assert.Contains("A seminar added later", after);
        Assert.DoesNotContain("Our own", after);
    }

    [Fact]
    public async Task Bad_input_is_answered_without_a_server_error()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/reports/2045/sections/nonsense")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/reports/99999")).Response.StatusCode);
        var (page, html) = await staff.GetAsync("/reports?year=abc");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Enter a year between", html);
        var empty = await staff.PostFormAsync("/reports/2045/sections/capacity", new() { ["Text"] = "  ", ["BasedOnHash"] = "", ["Version"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("id=\"text-error\"", await empty.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_reports_are_for_staff_only()
    {
        var anonymous = PageSession.Anonymous(App);
        foreach (var url in new[] { "/reports", "/reports/2046", "/reports/2046/sections/seminars", "/reports/2046.docx", "/reports/2046.pdf" })
        {
            var (response, _) = await anonymous.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var docx = await staff.Client.GetAsync("/reports/2046.docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(ReportDocx.ContentType, docx.Content.Headers.ContentType?.MediaType);
        var pdf = await staff.Client.GetAsync("/reports/2046.pdf", Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync(Ct))[..4]));
    }
}
