using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Events;

namespace Nexus.Tests.Pages;

/// <summary>
/// Empty, oversized, malformed and hostile values posted to every form of the seminar programme: never a 500,
/// the page names the field, and nothing stored changes when the form is refused.
/// </summary>
public class FormBadInputTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private AppFactory App => fixture.App;

    public static TheoryData<string, string> BadNames => new()
    {
        { "empty", "" },
        { "blank", "   " },
        { "huge", new string('a', 100_000) },
        { "control character", "Ana\u0007Lima" },
        { "right-to-left override", "Ana \u202Egnp.exe" },
        { "NUL", "Ana\u0000" },
    };

    private static Dictionary<string, string> Registration(string name = "Amina Wanjiru", string email = "", string group = "member-state",
        string country = "KEN", string organization = "Permanent Mission of Kenya") => new()
    {
        ["Input.FullName"] = name,
        ["Input.Email"] = email.Length > 0 ? email : TestData.UniqueEmail(),
        ["Input.Organization"] = organization,
        ["Input.StakeholderGroup"] = group,
        ["Input.Country"] = country,
        ["Input.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
    };

    private Task<int> RegistrationCountAsync(int eventId) => App.Db(db => db.Registrations.CountAsync(r => r.EventId == eventId));

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task The_registration_form_refuses_a_bad_name_and_names_the_field(string why, string name)
    {
        var e = await App.AddEventAsync(TestData.Event());
        var response = await PageSession.Anonymous(App).PostFormAsync($"/events/{e.Id}/register", Registration(name: name));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // A NUL in a form body is refused by the form reader itself, with a 400 page; anything else gets the form back.
        if (why == "NUL" && response.StatusCode == HttpStatusCode.BadRequest) Assert.True(html.Contains("Bad request"), html);
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: {(int)response.StatusCode}");
            Assert.Contains("id=\"fullName-error\"", html);
        }
        Assert.Equal(0, await RegistrationCountAsync(e.Id));
    }

    [Theory]
    [InlineData("email", "not-an-email")]
    [InlineData("email", "a@b")]
    [InlineData("email", "<script>@example.org")]
    [InlineData("stakeholderGroup", "'; DROP TABLE \"Registrations\";--")]
    [InlineData("country", "../../etc/passwd")]
    [InlineData("country", "XXX")]
    public async Task The_registration_form_refuses_malformed_codes(string field, string value)
    {
        var e = await App.AddEventAsync(TestData.Event());
        var fields = Registration();
        fields["Input." + char.ToUpperInvariant(field[0]) + field[1..]] = value;
        var response = await PageSession.Anonymous(App).PostFormAsync($"/events/{e.Id}/register", fields);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"{field}-error\"", html);
        Assert.Equal(0, await RegistrationCountAsync(e.Id));
    }

    [Fact]
    public async Task Hostile_but_valid_text_is_stored_as_written_and_shown_escaped()
    {
        var e = await App.AddEventAsync(TestData.Event());
        const string name = "<script>alert('x')</script> Zoë O'Brien-Nguyễn 👩🏽‍💼";
        const string org = "Robert'); DROP TABLE \"Events\";--";
        var email = TestData.UniqueEmail();
        var session = PageSession.Anonymous(App);
        var response = await session.PostFormAsync($"/events/{e.Id}/register",
            Registration(name: name, email: email, organization: org) .Append(new("Input.ListPublicly", "true")).ToDictionary());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var stored = await App.Db(db => db.Registrations.SingleAsync(r => r.EventId == e.Id));
        Assert.Equal(name.Normalize(NormalizationForm.FormC), stored.FullName);
        Assert.Equal(org, stored.Organization);
        Assert.Equal(1, await App.Db(db => db.Events.CountAsync(x => x.Id == e.Id)));

        var (_, html) = await session.GetAsync($"/events/{e.Id}/participants");
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task A_note_verbale_that_is_not_a_pdf_or_docx_is_refused_whatever_its_name()
    {
        var e = TestData.Event();
        e.AcceptsNoteVerbale = true;
        await App.AddEventAsync(e);
        using var content = new MultipartFormDataContent();
        foreach (var (k, v) in Registration()) content.Add(new StringContent(v), k);
        var file = new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray());
        file.Headers.ContentType = new("application/pdf");
        content.Add(file, "NoteVerbale", "../../../etc/note.pdf");
        var response = await PageSession.Anonymous(App).PostMultipartAsync($"/events/{e.Id}/register", content, $"/events/{e.Id}/register");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"noteVerbale-error\"", html);
        Assert.Equal(0, await RegistrationCountAsync(e.Id));
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_is_refused_without_a_server_error()
    {
        var e = await App.AddEventAsync(TestData.Event());
        var fields = Registration(name: new string('x', 40 * 1024 * 1024));
        var response = await PageSession.Anonymous(App).PostFormAsync($"/events/{e.Id}/register", fields);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
        Assert.Equal(0, await RegistrationCountAsync(e.Id));
    }

    [Fact]
    public async Task The_event_form_refuses_bad_values_and_leaves_the_stored_event_unchanged()
    {
        var e = await App.AddEventAsync(TestData.Event());
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var cases = new (string Field, Dictionary<string, string> Values)[]
        {
            ("title", new() { ["Input.Title"] = "" }),
            ("title", new() { ["Input.Title"] = new string('t', 5000) }),
            ("startsAt", new() { ["Input.StartsAt"] = "not a date" }),
            ("endsAt", new() { ["Input.StartsAt"] = "2030-05-01T10:00", ["Input.EndsAt"] = "2030-05-01T09:00" }),
            ("timeZone", new() { ["Input.TimeZone"] = "Mars/Olympus_Mons" }),
            ("timeZone", new() { ["Input.TimeZone"] = "../../etc/localtime" }),
            ("capacity", new() { ["Input.Capacity"] = "-5" }),
            ("country", new() { ["Input.Country"] = "<b>" }),
            ("onlineUrl", new() { ["Input.OnlineUrl"] = "javascript:alert(1)" }),
            ("kind", new() { ["Input.Kind"] = "'; DELETE FROM \"Events\";--" }),
            ("startsAt", new() { ["Input.StartsAt"] = "2030-03-10T02:30", ["Input.EndsAt"] = "2030-03-10T04:00" }), // clock change in New York
        };
        foreach (var (field, values) in cases)
        {
            var form = new Dictionary<string, string>
            {
                ["Input.Title"] = "Changed title", ["Input.Kind"] = "seminar", ["Input.Status"] = "published",
                ["Input.StartsAt"] = "2030-05-01T10:00", ["Input.EndsAt"] = "2030-05-01T12:00", ["Input.TimeZone"] = "America/New_York",
                ["Input.Format"] = "in-person", ["Input.Capacity"] = "30", ["Input.OfferHours"] = "48",
            };
            foreach (var (k, v) in values) form[k] = v;
            var response = await staff.PostFormAsync($"/events/manage/edit/{e.Id}", form);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field}: {(int)response.StatusCode}");
            Assert.True(html.Contains($"id=\"{field}-error\""), $"No error shown for {field} ({string.Join(", ", values.Values.Select(v => v.Length > 40 ? v[..40] : v))})");
            var stored = await App.Db(db => db.Events.AsNoTracking().SingleAsync(x => x.Id == e.Id));
            Assert.Equal(e.Title, stored.Title);
            Assert.Equal(e.Capacity, stored.Capacity);
        }
    }

    [Fact]
    public async Task The_programme_forms_refuse_bad_values_and_fake_files()
    {
        var e = await App.AddEventAsync(TestData.Event());
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var page = $"/events/manage/content/{e.Id}";

        var speaker = await staff.PostFormAsync($"{page}?handler=Speaker", new() { ["SpeakerName"] = "", ["SpeakerRole"] = "Speaker" }, page);
        Assert.Contains("id=\"speakerName-error\"", await speaker.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var badRole = await staff.PostFormAsync($"{page}?handler=Speaker", new() { ["SpeakerName"] = "X", ["SpeakerRole"] = "Dictator" }, page);
        Assert.True((int)badRole.StatusCode < 500, $"{(int)badRole.StatusCode}");
        var agenda = await staff.PostFormAsync($"{page}?handler=Agenda", new() { ["AgendaTitle"] = "Opening", ["AgendaTime"] = "25:99" }, page);
        Assert.Contains("id=\"agendaTime-error\"", await agenda.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var upload = new MultipartFormDataContent();
        upload.Add(new StringContent("Slides"), "MaterialTitle");
        var fake = new ByteArrayContent("MZ this is an executable, not slides"u8.ToArray());
        fake.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        upload.Add(fake, "file", "slides.pptx");
        var material = await staff.PostMultipartAsync($"{page}?handler=Material", upload, page);
        Assert.Contains("id=\"file-error\"", await material.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var zip = new MultipartFormDataContent();
        zip.Add(new StringContent("Broken"), "MaterialTitle");
        zip.Add(new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0x02]), "file", "broken.xlsx");
        var broken = await staff.PostMultipartAsync($"{page}?handler=Material", zip, page);
        Assert.Contains("id=\"file-error\"", await broken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var stored = await App.Db(db => db.Events.AsNoTracking().Include(x => x.Speakers).Include(x => x.Agenda).Include(x => x.Materials).SingleAsync(x => x.Id == e.Id));
        Assert.DoesNotContain(stored.Speakers, s => s.Name != "X");
        Assert.Empty(stored.Agenda);
        Assert.Empty(stored.Materials);
    }

    [Fact]
    public async Task Findings_are_sanitised_when_shown()
    {
        var e = TestData.Event(status: EventStatus.Held);
        await App.AddEventAsync(e);
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var page = $"/events/manage/content/{e.Id}";
        var markdown = "Findings **matter**.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) <img src=x onerror=alert(3)>";
        var saved = await staff.PostFormAsync($"{page}?handler=Findings", new() { ["Findings"] = markdown }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, html) = await PageSession.Anonymous(App).GetAsync($"/events/{e.Id}/{e.Slug}");
        Assert.Contains("<strong>matter</strong>", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("javascript:alert", html);
        Assert.DoesNotContain("<img", html); // shown as text, never as an element
    }

    [Fact]
    public async Task The_series_form_refuses_bad_years_and_empty_names()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        var before = await App.Db(db => db.Series.CountAsync());
        var response = await staff.PostFormAsync("/series/manage", new() { ["Input.Name"] = "", ["Input.StartYear"] = "99999", ["Input.EndYear"] = "1" });
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"name-error\"", html);
        Assert.Contains("id=\"startYear-error\"", html);
        var notANumber = await staff.PostFormAsync("/series/manage", new() { ["Input.Name"] = "X", ["Input.StartYear"] = "abc" });
        Assert.True((int)notANumber.StatusCode < 500);
        Assert.Equal(before, await App.Db(db => db.Series.CountAsync()));
    }

    [Fact]
    public async Task Check_in_and_link_pages_take_any_code_without_error()
    {
        var (staff, _) = await PageSession.SignedInAsync(App, Roles.ProgrammeStaff);
        foreach (var code in new[] { "", "'; DROP TABLE x;--", new string('z', 5000), "../../etc/passwd", "%00", "<script>" })
        {
            var (checkin, html) = await staff.GetAsync($"/registrations/manage/checkin?code={Uri.EscapeDataString(code)}");
            Assert.True(checkin.StatusCode == HttpStatusCode.OK, $"check-in {code.Length}: {(int)checkin.StatusCode}");
            Assert.DoesNotContain("<script>", html.Replace("<script src=", ""));
            foreach (var page in new[] { "/tickets/", "/registrations/cancel/", "/registrations/offer/" })
            {
                var (response, _) = await PageSession.Anonymous(App).GetAsync(page + Uri.EscapeDataString(code.Length == 0 ? "x" : code));
                Assert.True((int)response.StatusCode is 404 or 400, $"{page}{code.Length}: {(int)response.StatusCode}");
            }
        }
    }
}
