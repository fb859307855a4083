using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Events;

namespace Nexus.Tests.BadInput;

/// <summary>
/// Acceptance 5 for the JSON API: empty, oversized, malformed and hostile input never causes a 5xx, is answered with
/// a ProblemDetails that names the field when one field is at fault, and leaves the stored data as it was.
/// Legitimate text that merely looks hostile (markup, SQL, emoji) is stored exactly as sent.
/// </summary>
public class ApiBadInputTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    private const string Placeholder = "\"@@VALUE@@\"";
    private static readonly string HundredKilobytes = new('a', 100 * 1024);
    private static readonly string TwoMegabytes = new('b', 2 * 1024 * 1024);

    /// <summary>A valid registration body whose <paramref name="field"/> holds <paramref name="rawJson"/>, written as is.</summary>
    private static string RegistrationWith(string field, string rawJson)
    {
        var body = TestData.RegistrationBody();
        body[field] = "@@VALUE@@";
        return body.ToJsonString().Replace(Placeholder, rawJson);
    }

    private static string EventWith(string field, string rawJson) => EventWith((field, rawJson));

    private static string EventWith(params (string Field, string RawJson)[] values)
    {
        var body = TestData.EventBody();
        for (var i = 0; i < values.Length; i++) body[values[i].Field] = $"@@VALUE{i}@@";
        var json = body.ToJsonString();
        for (var i = 0; i < values.Length; i++) json = json.Replace($"\"@@VALUE{i}@@\"", values[i].RawJson);
        return json;
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>Registration bodies that must be refused: label, raw body, the field the error must name (or null).</summary>
    public static TheoryData<string, string, string?> BadRegistrations => new()
    {
        { "empty body", "", "body" },
        { "JSON null", "null", "body" },
        { "empty object", "{}", "fullName" },
        { "array", "[]", null },
        { "truncated JSON", "{\"fullName\": \"Amina", null },
        { "not JSON", "<registration><name>x</name></registration>", null },
        { "deeply nested", new string('[', 10_000) + new string(']', 10_000), null },
        { "number as name", RegistrationWith("fullName", "123"), null },
        { "object as email", RegistrationWith("email", "{\"$ne\": null}"), null },
        { "lone surrogate escape", RegistrationWith("fullName", "\"Amina \\ud800\""), null },
        { "NUL in name", RegistrationWith("fullName", "\"Amina\\u0000Wanjiru\""), "fullName" },
        { "bell in organisation", RegistrationWith("organization", "\"Mission\\u0007\""), "organization" },
        { "right-to-left override in name", RegistrationWith("fullName", Json("Amina \u202Egpj.exe")), "fullName" },
        { "line separator in organisation", RegistrationWith("organization", Json("Mission\u2028of Kenya")), "organization" },
        { "name of 100 kB", RegistrationWith("fullName", Json(HundredKilobytes)), "fullName" },
        { "organisation of 2 MB", RegistrationWith("organization", Json(TwoMegabytes)), "organization" },
        { "accessibility needs of 100 kB", RegistrationWith("accessibilityNeeds", Json(HundredKilobytes)), "accessibilityNeeds" },
        { "blank name", RegistrationWith("fullName", Json(" \t ")), "fullName" },
        { "email with a header injection", RegistrationWith("email", Json("amina@example.org\r\nBcc: everyone@example.org")), "email" },
        { "email with markup", RegistrationWith("email", Json("<script>alert(1)</script>@example.org")), "email" },
        { "email with SQL", RegistrationWith("email", Json("'; DROP TABLE \"Registrations\";--@example.org")), "email" },
        { "email without domain", RegistrationWith("email", Json("amina@")), "email" },
        { "email of 300 characters", RegistrationWith("email", Json(new string('a', 290) + "@example.org")), "email" },
        { "stakeholder group in PascalCase", RegistrationWith("stakeholderGroup", Json("MemberState")), "stakeholderGroup" },
        { "stakeholder group with markup", RegistrationWith("stakeholderGroup", Json("<script>")), "stakeholderGroup" },
        { "stakeholder group as number", RegistrationWith("stakeholderGroup", "1"), null },
        { "country alpha-2", RegistrationWith("country", Json("KE")), "country" },
        { "country by name", RegistrationWith("country", Json("Kenya")), "country" },
        { "country with SQL", RegistrationWith("country", Json("KEN' OR '1'='1")), "country" },
        { "country as a path", RegistrationWith("country", Json("../../etc/passwd")), "country" },
        { "unknown gender", RegistrationWith("gender", Json("unknown")), "gender" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Bad_registration_bodies_are_refused_with_a_problem_and_change_nothing(string label, string body, string? field)
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var before = await SnapshotAsync();
        var errors = App.Logs.Errors.Count;

        var response = await App.CreateClient().PostRawAsync($"/api/v1/events/{ev.Id}/registrations", body);

        var problem = await response.AssertClientErrorAsync();
        if (field is not null) await response.AssertProblemAsync(400, field);
        Assert.False(problem.ToJsonString().Contains("Exception", StringComparison.Ordinal), $"{label}: the answer shows internals");
        Assert.Equal(before, await SnapshotAsync());
        AssertNoServerErrorsSince(errors);
    }

    /// <summary>
    /// A value of the wrong JSON type is a field error like any other: the client should learn which field.
    /// </summary>
    public static TheoryData<string, string, string, string> WrongJsonTypes => new()
    {
        { "registration", "number as name", RegistrationWith("fullName", "123"), "fullName" },
        { "registration", "text as consent flag", RegistrationWith("listPublicly", Json("yes")), "listPublicly" },
        { "registration", "lone surrogate escape", RegistrationWith("fullName", "\"Amina \\ud800\""), "fullName" },
        { "event", "text as capacity", EventWith("capacity", Json("many")), "capacity" },
        { "event", "capacity beyond 32 bits", EventWith("capacity", "2147483648"), "capacity" },
        { "event", "impossible date", EventWith("startsAt", Json("2026-13-45T10:00:00Z")), "startsAt" },
        { "event", "text as themes", EventWith("themes", Json("migration")), "themes" },
    };

    [Theory]
    [MemberData(nameof(WrongJsonTypes))]
    public async Task A_value_of_the_wrong_JSON_type_is_a_400_naming_the_field(string api, string label, string body, string field)
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var client = api == "event" ? App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite)) : App.CreateClient();

        var response = await client.PostRawAsync(api == "event" ? "/api/v1/events" : $"/api/v1/events/{ev.Id}/registrations", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, label);
        await response.AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_but_says_text_is_refused()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var before = await SnapshotAsync();

        var response = await App.CreateClient().PostRawAsync($"/api/v1/events/{ev.Id}/registrations", "fullName=Amina", "application/x-www-form-urlencoded");

        await response.AssertClientErrorAsync();
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_are_refused()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var before = await SnapshotAsync();
        var bytes = Encoding.UTF8.GetBytes(RegistrationWith("fullName", "\"Amina XX\"")).ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes[at] = 0xff;
        bytes[at + 1] = 0xfe;
        var content = new ByteArrayContent(bytes.ToArray()) { Headers = { ContentType = new("application/json") } };

        var response = await App.CreateClient().PostAsync($"/api/v1/events/{ev.Id}/registrations", content, Ct);

        await response.AssertClientErrorAsync();
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Text that looks dangerous but is a legitimate value: stored as sent, harmless because never interpreted.</summary>
    public static TheoryData<string, string, string> HostileButValidText => new()
    {
        { "markup", "fullName", "<script>alert('nexus')</script>" },
        { "SQL", "organization", "'; DROP TABLE \"Registrations\";--" },
        { "SQL in the name", "fullName", "Robert'); DELETE FROM \"Events\";--" },
        { "path traversal", "organization", "../../etc/passwd" },
        { "zero-width joiner family emoji", "fullName", "Amina 👩‍👩‍👧 Wanjiru" },
        { "zero-width joiner between letters", "fullName", "Ami\u200Dna" },
        { "Arabic, right to left", "fullName", "أمينة وانجيرو" },
        { "astral plane characters", "organization", "𝔐𝔦𝔰𝔰𝔦𝔬𝔫 🇰🇪" },
        { "template syntax", "organization", "{{7*7}} ${7*7} @(7*7)" },
    };

    [Theory]
    [MemberData(nameof(HostileButValidText))]
    public async Task Text_that_only_looks_hostile_is_stored_exactly_and_nothing_else_changes(string label, string field, string text)
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var eventsBefore = await App.Db(db => db.Events.CountAsync(Ct));
        var body = TestData.RegistrationBody();
        body[field] = text;

        var response = await App.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", body);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{label}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        var id = (int)(await response.JsonAsync())["id"]!;
        var stored = await App.Db(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id, Ct));
        Assert.Equal(text, field == "fullName" ? stored.FullName : stored.Organization);
        Assert.Equal(eventsBefore, await App.Db(db => db.Events.CountAsync(Ct)));
        // and it comes back out of the API exactly as it went in
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.RegistrationsRead));
        var listed = (await (await staff.GetAsync($"/api/v1/events/{ev.Id}/registrations", Ct)).JsonAsync()).AsArray().Single()!;
        Assert.Equal(text, (string?)listed[field]);
    }

    [Fact]
    public async Task A_name_with_accents_and_emoji_is_accepted_and_stored_in_NFC()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        const string decomposed = "  Zoe\u0308 Nu\u0301n\u0303ez-Ç 🌍👩🏽‍🌾  "; // combining marks, padded
        var expected = "Zoë Núñez-Ç 🌍👩🏽‍🌾";
        Assert.Equal(expected, decomposed.Normalize(NormalizationForm.FormC).Trim());

        var response = await App.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody(fullName: decomposed));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (int)(await response.JsonAsync())["id"]!;
        var stored = await App.Db(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id, Ct));
        Assert.Equal(expected, stored.FullName);
        Assert.True(stored.FullName.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task A_name_already_in_NFC_is_stored_byte_for_byte()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        const string name = "Zoë Núñez Ødegård 🌍";

        var response = await App.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody(fullName: name));

        var id = (int)(await response.JsonAsync())["id"]!;
        var stored = await App.Db(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id, Ct));
        Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(stored.FullName));
    }

    // ---- events ---------------------------------------------------------------------------------------------

    public static TheoryData<string, string, string?> BadEvents => new()
    {
        { "empty body", "", null },
        { "empty object", "{}", "title" },
        { "truncated JSON", "{\"title\": ", null },
        { "array", "[{}]", null },
        { "title of 100 kB", EventWith("title", Json(HundredKilobytes)), "title" },
        { "summary of 2 MB", EventWith("summary", Json(TwoMegabytes)), "summary" },
        { "NUL in title", EventWith("title", "\"Seminar\\u0000\""), "title" },
        { "right-to-left override in title", EventWith("title", Json("Seminar \u202Efdp.exe")), "title" },
        { "lone surrogate escape in title", EventWith("title", "\"Seminar \\udc00\""), null },
        { "kind with markup", EventWith("kind", Json("<script>alert(1)</script>")), "kind" },
        { "kind in PascalCase", EventWith("kind", Json("PolicySeminar")), "kind" },
        { "status unknown", EventWith("status", Json("deleted")), "status" },
        { "format unknown", EventWith("format", Json("virtual")), "format" },
        { "time zone as a path", EventWith("timeZone", Json("../../../../etc/passwd")), "timeZone" },
        { "time zone absolute path", EventWith("timeZone", Json("/etc/passwd")), "timeZone" },
        { "time zone of 100 kB", EventWith("timeZone", Json(HundredKilobytes)), "timeZone" },
        { "Windows time zone name", EventWith("timeZone", Json("Eastern Standard Time")), "timeZone" },
        { "country unknown", EventWith("country", Json("ZZZ")), "country" },
        { "javascript online link", EventWith("onlineUrl", Json("javascript:alert(document.cookie)")), "onlineUrl" },
        { "file online link", EventWith("onlineUrl", Json("file:///etc/passwd")), "onlineUrl" },
        { "relative online link", EventWith("onlineUrl", Json("../admin")), "onlineUrl" },
        { "capacity zero", EventWith("capacity", "0"), "capacity" },
        { "capacity negative", EventWith("capacity", "-5"), "capacity" },
        { "capacity huge", EventWith("capacity", "100001"), "capacity" },
        { "capacity beyond 32 bits", EventWith("capacity", "2147483648"), null },
        { "capacity as text", EventWith("capacity", Json("many")), null },
        { "offer window zero", EventWith("offerHours", "0"), "offerHours" },
        { "offer window of two months", EventWith("offerHours", "1440"), "offerHours" },
        { "start in the year 1000", EventWith("startsAt", Json("1000-01-01T10:00:00+00:00")), "startsAt" },
        { "start in the year 9999", EventWith("startsAt", Json("9999-01-01T10:00:00+00:00")), "startsAt" },
        { "start that is not a date", EventWith("startsAt", Json("next Tuesday")), null },
        { "start missing", EventWith("startsAt", "null"), "startsAt" },
        { "end before start", EventWith("endsAt", Json("2000-01-01T10:00:00+00:00")), "endsAt" },
        { "registration closing before it opens", EventWith(("registrationOpensAt", Json("2027-01-02T00:00:00Z")), ("registrationClosesAt", Json("2027-01-01T00:00:00Z"))), "registrationClosesAt" },
        { "21 themes", EventWith("themes", new JsonArray(Enumerable.Range(1, 21).Select(i => (JsonNode?)JsonValue.Create($"theme {i}")).ToArray()).ToJsonString()), "themes" },
        { "a theme of 100 kB", EventWith("themes", new JsonArray(JsonValue.Create(HundredKilobytes)).ToJsonString()), "themes" },
        { "a null theme", EventWith("themes", "[null]"), "themes" },
        { "unknown series", EventWith("seriesId", "987654"), "seriesId" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Bad_event_bodies_are_refused_with_a_problem_and_change_nothing(string label, string body, string? field)
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite));
        var before = await SnapshotAsync();
        var errors = App.Logs.Errors.Count;

        var response = await staff.PostRawAsync("/api/v1/events", body);

        Assert.True((int)response.StatusCode < 500, $"{label}: {(int)response.StatusCode}");
        await response.AssertClientErrorAsync();
        if (field is not null) await response.AssertProblemAsync(400, field);
        Assert.Equal(before, await SnapshotAsync());
        AssertNoServerErrorsSince(errors);
    }

    [Fact]
    public async Task An_event_that_ends_in_the_year_9999_is_refused_naming_endsAt()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite));
        var before = await SnapshotAsync();

        var response = await staff.PostRawAsync("/api/v1/events", EventWith("endsAt", Json("9999-12-31T23:59:59Z")));

        await response.AssertProblemAsync(400, "endsAt");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_start_time_without_offset_is_refused_or_read_in_the_events_time_zone_never_the_servers()
    {
        var staff = App.ClientWithToken(await App.StaffTokenAsync(Scopes.EventsWrite));

        var response = await staff.PostRawAsync("/api/v1/events",
            EventWith(("startsAt", Json("2027-06-01T10:00:00")), ("endsAt", Json("2027-06-01T12:00:00-04:00"))));

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await response.AssertProblemAsync(400, "startsAt");
            return;
        }
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (int)(await response.JsonAsync())["id"]!;
        var stored = await App.Db(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == id, Ct));
        // 10:00 in New York (EDT, UTC-4) is 14:00 UTC, whatever zone the server runs in.
        Assert.Equal(new DateTime(2027, 6, 1, 14, 0, 0, DateTimeKind.Utc), stored.StartsAt);
    }

    // ---- query strings, routes and headers ------------------------------------------------------------------

    [Theory]
    [InlineData("/api/v1/events?year=abc")]
    [InlineData("/api/v1/events?year=99999999999")]
    [InlineData("/api/v1/events?year=-2147483648")]
    [InlineData("/api/v1/events?year=2147483647")]
    [InlineData("/api/v1/events?series=-1")]
    [InlineData("/api/v1/events?series=x")]
    [InlineData("/api/v1/events?kind=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/api/v1/events?theme=%27%3B%20DROP%20TABLE%20%22Events%22%3B--")]
    [InlineData("/api/v1/events?theme=%00%01%02")]
    [InlineData("/api/v1/events?when=%E2%80%AE")]
    [InlineData("/api/v1/events/99999999999")]
    [InlineData("/api/v1/events/-1")]
    [InlineData("/api/v1/events/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/events/0/registrations")]
    public async Task Odd_addresses_and_query_strings_never_cause_a_server_error(string url)
    {
        var before = await SnapshotAsync();
        var errors = App.Logs.Errors.Count;

        var response = await App.CreateClient().GetAsync(url, Ct);

        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
        if ((int)response.StatusCode >= 400) await response.AssertClientErrorAsync();
        Assert.Equal(before, await SnapshotAsync());
        AssertNoServerErrorsSince(errors);
    }

    [Theory]
    [InlineData("not-the-secret")]
    [InlineData("%00")]
    [InlineData("%E2%80%AE%F0%9F%98%80")]
    [InlineData("%27%20OR%20%271%27%3D%271")]
    public async Task Cancelling_with_a_hostile_secret_is_a_403_and_changes_nothing(string secret)
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var created = await (await App.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody())).JsonAsync();
        var before = await SnapshotAsync();

        var response = await App.CreateClient().DeleteAsync($"/api/v1/registrations/{created["id"]}?secret={secret}", Ct);

        await response.AssertProblemAsync(403);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Cancelling_with_a_secret_of_100_kB_is_a_client_error()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var created = await (await App.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody())).JsonAsync();
        var before = await SnapshotAsync();

        var response = await App.CreateClient().DeleteAsync($"/api/v1/registrations/{created["id"]}?secret={HundredKilobytes}", Ct);

        await response.AssertClientErrorAsync();
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer nexus_")]
    [InlineData("Bearer nexus_' OR '1'='1")]
    [InlineData("Bearer not-a-nexus-token")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer nexus_\u202Eabc")]
    public async Task A_malformed_authorization_header_is_a_401_not_an_error(string header)
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var client = App.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        var errors = App.Logs.Errors.Count;

        var response = await client.GetAsync($"/api/v1/events/{ev.Id}/registrations", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNoServerErrorsSince(errors);
    }

    [Fact]
    public async Task A_bearer_token_of_10_kB_is_a_401()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var client = App.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer nexus_" + new string('x', 10_000));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/events/{ev.Id}/registrations", Ct)).StatusCode);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private sealed record Snapshot(int Events, int Registrations, int Log, int Outbox, int IdempotencyRecords);

    private Task<Snapshot> SnapshotAsync() => App.Db(async db => new Snapshot(
        await db.Events.CountAsync(Ct), await db.Registrations.CountAsync(Ct), await db.RegistrationLog.CountAsync(Ct),
        await db.Outbox.CountAsync(Ct), await db.IdempotencyRecords.CountAsync(Ct)));

    /// <summary>Nothing the app logged as an error since <paramref name="mark"/> (a count of App.Logs.Errors).</summary>
    private void AssertNoServerErrorsSince(int mark)
    {
        var errors = App.Logs.Errors.Skip(mark).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
