using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Manage;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;

namespace Nexus.Tests.Courses;

/// <summary>The catalogue's rules and the staff forms' parsing, without a database.</summary>
public class CatalogueRulesTests
{
    private static readonly DateTime Now = new(2030, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Event Run(DateTime? opens = null, DateTime? closes = null, EventStatus status = EventStatus.Published, int startsInDays = 10) => new()
    {
        Title = "run", Kind = EventKind.Course, Status = status, StartsAt = Now.AddDays(startsInDays), EndsAt = Now.AddDays(startsInDays + 5),
        RegistrationOpensAt = opens, RegistrationClosesAt = closes,
    };

    [Fact]
    public void A_run_is_open_within_its_window_unless_staff_only()
    {
        Assert.Equal(RunState.Open, CourseRules.State(Run(), EnrolmentMode.Self, Now));
        Assert.Equal(RunState.Open, CourseRules.State(Run(), EnrolmentMode.Approval, Now));
        Assert.Equal(RunState.StaffOnly, CourseRules.State(Run(), EnrolmentMode.StaffOnly, Now));
        Assert.Equal(RunState.NotYetOpen, CourseRules.State(Run(opens: Now.AddDays(1)), EnrolmentMode.Self, Now));
        Assert.Equal(RunState.Closed, CourseRules.State(Run(closes: Now), EnrolmentMode.Self, Now));
        Assert.Equal(RunState.Ended, CourseRules.State(Run(startsInDays: -10), EnrolmentMode.StaffOnly, Now));
        Assert.Equal(RunState.Ended, CourseRules.State(Run(status: EventStatus.Held), EnrolmentMode.Self, Now));
        Assert.Equal(RunState.Cancelled, CourseRules.State(Run(status: EventStatus.Cancelled), EnrolmentMode.Self, Now));
    }

    private sealed record R(string Name, DateTime StartsAt, RunState State);

    [Fact]
    public void The_next_run_is_the_first_open_one_else_the_next_that_has_not_ended()
    {
        var past = new R("past", Now.AddDays(-100), RunState.Ended);
        var later = new R("later", Now.AddDays(200), RunState.Open);
        var soon = new R("soon", Now.AddDays(20), RunState.NotYetOpen);
        var cancelled = new R("cancelled", Now.AddDays(5), RunState.Cancelled);

        Assert.Equal("later", CourseRules.NextRun([past, soon, later, cancelled], r => r.StartsAt, r => r.State)!.Name);
        Assert.Equal("soon", CourseRules.NextRun([past, soon, cancelled], r => r.StartsAt, r => r.State)!.Name);
        Assert.Null(CourseRules.NextRun([past, cancelled], r => r.StartsAt, r => r.State));
    }

    [Theory]
    [InlineData(75, true, "Attend at least {0}% of the sessions and pass the quizzes of the required modules.")]
    [InlineData(100, false, "Attend at least {0}% of the sessions.")]
    [InlineData(0, true, "Pass the quizzes of the required modules.")]
    [InlineData(0, false, "Staff record completion: no attendance or quiz is required.")]
    public void The_completion_rule_is_said_in_words(int percent, bool quizzes, string expected)
    {
        var (template, args) = CourseRules.CompletionRule(percent, quizzes);

        Assert.Equal(expected, template);
        if (percent > 0) Assert.Equal([percent], args);
    }

    [Theory]
    [InlineData("international-migration-law", true)]
    [InlineData("iml2010", true)]
    [InlineData("manage", false)]
    [InlineData("Upper", false)]
    [InlineData("two--hyphens", false)]
    [InlineData("-lead", false)]
    [InlineData("trail-", false)]
    [InlineData("with space", false)]
    [InlineData("", false)]
    public void Addresses_are_lower_case_words_joined_by_single_hyphens(string slug, bool ok) => Assert.Equal(ok, CourseRules.IsSlug(slug));

    [Fact]
    public void Only_approval_runs_hold_enrolments_for_staff()
    {
        Assert.False(CourseRules.RequiresApproval(EnrolmentMode.Self));
        Assert.True(CourseRules.RequiresApproval(EnrolmentMode.Approval));
        Assert.False(CourseRules.RequiresApproval(EnrolmentMode.StaffOnly));
    }

    [Fact]
    public void The_course_form_takes_a_blank_address_from_the_title_and_hours_with_a_comma()
    {
        var errors = new FieldErrors();

        var f = CourseForms.Course(" International Migration Law ", "", "", "", "fr", "24,5", true, "80", false, errors);

        Assert.False(errors.Any, string.Join(", ", errors.ToDictionary().Keys));
        Assert.Equal("international-migration-law", f!.Slug);
        Assert.Equal("International Migration Law", f.Title);
        Assert.Equal(24.5m, f.Hours);
        Assert.Equal(80, f.MinAttendancePercent);
    }

    [Theory]
    [InlineData("hours", "24.55")]
    [InlineData("hours", "-3")]
    [InlineData("minAttendancePercent", "101")]
    [InlineData("minAttendancePercent", "")]
    [InlineData("language", "de")]
    [InlineData("slug", "manage")]
    public void The_course_form_names_the_field_it_refuses(string field, string value)
    {
        var errors = new FieldErrors();
        string V(string name, string fallback) => name == field ? value : fallback;

        var f = CourseForms.Course("Law", V("slug", "law"), "", "", V("language", "en"), V("hours", "10"), true, V("minAttendancePercent", "50"), true, errors);

        Assert.Null(f);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_title_in_another_script_asks_for_an_address()
    {
        var errors = new FieldErrors();

        Assert.Null(CourseForms.Course("القانون الدولي للهجرة", "", "", "", "ar", "", true, "75", true, errors));

        Assert.Equal(["slug"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Run_times_are_read_in_the_run_zone_and_a_clock_change_gap_is_refused()
    {
        var errors = new FieldErrors();

        var f = CourseForms.Run("2010 cohort", "2030-07-01T09:00", "2030-07-10T17:00", "Europe/Zurich", "", "staff-only", "", "2030-06-15T12:00", "48", errors);

        Assert.False(errors.Any);
        Assert.Equal(new DateTime(2030, 7, 1, 7, 0, 0), f!.StartsAt);
        Assert.Equal(new DateTime(2030, 6, 15, 10, 0, 0), f.ClosesAt);
        Assert.Null(f.Capacity);
        Assert.Equal(EnrolmentMode.StaffOnly, f.Mode);

        var gap = new FieldErrors();
        // Clocks in Zurich go from 02:00 to 03:00 on the last Sunday of March.
        CourseForms.Run("x", "2030-03-31T02:30", "2030-04-02T17:00", "Europe/Zurich", "", "self", "", "", "48", gap);
        Assert.Equal(["startsAt"], gap.ToDictionary().Keys);
    }

    [Fact]
    public void A_session_must_fall_within_its_run_and_last_at_most_a_day()
    {
        var zone = EventQueries.Zone("UTC");
        var (start, end) = (new DateTime(2030, 3, 1, 8, 0, 0), new DateTime(2030, 3, 5, 18, 0, 0));
        SessionFields? Parse(string s, string e, FieldErrors errors) =>
            CourseForms.Session("7", "", s, e, "Room 6", "", "", [7], zone, start, end, errors);

        var ok = new FieldErrors();
        Assert.Equal(7, Parse("2030-03-02T09:00", "2030-03-02T12:00", ok)!.ModuleId);
        var before = new FieldErrors();
        Assert.Null(Parse("2030-02-28T09:00", "2030-02-28T12:00", before));
        Assert.Equal(["startsAt"], before.ToDictionary().Keys);
        var tooLong = new FieldErrors();
        Assert.Null(Parse("2030-03-02T09:00", "2030-03-03T12:00", tooLong));
        Assert.Equal(["endsAt"], tooLong.ToDictionary().Keys);
    }
}
