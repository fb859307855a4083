using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Infrastructure.Email;

namespace Nexus.Tests.Security;

/// <summary>
/// Acceptance 6 for the API: every protected endpoint refuses anonymous callers (401) and callers without the
/// role or scope (403), and says nothing in doing so; anonymous answers never carry a registrant's name or email;
/// tokens and cancel secrets are stored only as hashes.
/// </summary>
public partial class ApiAuthorizationTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AppFactory App => fixture.App;

    /// <summary>The protected endpoints: method, address ({event} and {registration} filled in), the scope each needs.</summary>
    public static TheoryData<string, string, string> Protected => new()
    {
        { "POST", "/api/v1/events", Scopes.EventsWrite },
        { "GET", "/api/v1/events/{event}/registrations", Scopes.RegistrationsRead },
        { "DELETE", "/api/v1/registrations/{registration}", Scopes.RegistrationsWrite },
        { "POST", "/api/v1/library/items", Scopes.LibraryWrite },
        { "GET", "/api/v1/library/items/{item}/draft", Scopes.LibraryWrite },
        { "PUT", "/api/v1/library/items/{item}", Scopes.LibraryWrite },
        { "POST", "/api/v1/library/items/{item}/publish", Scopes.LibraryWrite },
        { "POST", "/api/v1/library/items/{item}/unpublish", Scopes.LibraryWrite },
        { "GET", "/api/v1/library/items/{item}/versions", Scopes.LibraryWrite },
        { "POST", "/api/v1/library/items/{item}/files", Scopes.LibraryWrite },
        { "DELETE", "/api/v1/library/items/{item}/files/{file}", Scopes.LibraryWrite },
        { "POST", "/api/v1/library/import", Scopes.LibraryWrite },
        // Also open to a signed-in learner enrolling themselves (cookie): CourseApiTests.
        { "POST", "/api/v1/courses/runs/{run}/enrolments", Scopes.RegistrationsWrite },
        { "GET", "/api/v1/courses/runs/{run}/enrolments", Scopes.RegistrationsRead },
    };

    /// <summary>API routes anyone may call. Any other route under /api must appear in <see cref="Protected"/>.</summary>
    private static readonly HashSet<string> PublicRoutes =
    [
        "GET /api/v1/events",
        "GET /api/v1/events/{id}",
        "POST /api/v1/events/{id}/registrations",
        "GET /api/v1/library/search",
        "GET /api/v1/library/items/{id}",
        "GET /api/v1/data/indicators",
        "GET /api/v1/data/series",
        "GET /api/v1/data/rankings",
        "GET /api/v1/data/releases",
        "GET /api/v1/coordination/agencies", // public facts of the group, tested per role in CoordinationAuthorizationTests
        "GET /api/v1/coordination/troika",
        "GET /api/v1/coordination/workplans/{id}",
        "GET /api/v1/certificates/{id}", // a verification answers anyone, an unknown code included
        "GET /api/v1/courses",
        "GET /api/v1/courses/{id}",
        "GET /api/v1/courses/runs/{id}",
        "GET /api/v1/projects", // public registries of the programme, tested in Projects/ProjectsApiTests
        "GET /api/v1/projects/{id}",
        "GET /api/v1/global-forum",
        "GET /api/v1/processes",
    ];

    /// <summary>API routes for any signed-in account (cookie), about the caller only; anonymous callers get a 401.</summary>
    private static readonly HashSet<string> SignedInRoutes =
    [
        "GET /api/v1/me/enrolments", // tested per learner in CourseApiTests
    ];

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Protected_endpoint_called_anonymously_is_a_401_that_reveals_nothing(string method, string route, string scope)
    {
        var target = await PrepareAsync(route);

        var response = await App.CreateClient().SendAsync(Request(method, target), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route} ({scope}): {(int)response.StatusCode}");
        Assert.DoesNotContain(target.Email, await response.Content.ReadAsStringAsync(Ct));
        await AssertUnchangedAsync(target);
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Protected_endpoint_called_with_a_staff_token_lacking_the_scope_is_a_403(string method, string route, string scope)
    {
        var target = await PrepareAsync(route);
        var otherScopes = Scopes.All.Where(s => s != scope).ToArray();
        var client = App.ClientWithToken(await App.StaffTokenAsync(otherScopes));

        var response = await client.SendAsync(Request(method, target), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {route}: {(int)response.StatusCode}");
        Assert.DoesNotContain(target.Email, await response.Content.ReadAsStringAsync(Ct));
        await AssertUnchangedAsync(target);
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Protected_endpoint_called_by_a_participant_holding_the_scope_is_a_403(string method, string route, string scope)
    {
        var target = await PrepareAsync(route);
        var participant = await App.AddUserAsync(Roles.Participant);
        var client = App.ClientWithToken(await App.TokenWithoutChecksAsync(participant, scope));

        var response = await client.SendAsync(Request(method, target), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {route}: {(int)response.StatusCode}");
        Assert.DoesNotContain(target.Email, await response.Content.ReadAsStringAsync(Ct));
        await AssertUnchangedAsync(target);
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Protected_endpoint_with_the_right_staff_token_is_allowed(string method, string route, string scope)
    {
        var target = await PrepareAsync(route);
        var client = App.ClientWithToken(await App.StaffTokenAsync(scope));

        var response = await client.SendAsync(Request(method, target), Ct);

        Assert.True(response.IsSuccessStatusCode, $"{method} {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var token = await App.StaffTokenAsync(Scopes.RegistrationsRead);
        var client = App.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/events/{ev.Id}/registrations", Ct)).StatusCode);

        await App.Db(db => db.ApiTokens.Where(t => t.Hash == TokenSecrets.Hash(token))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTime.UtcNow), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/events/{ev.Id}/registrations", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var token = await App.StaffTokenAsync(Scopes.RegistrationsRead);
        await App.Db(db => db.ApiTokens.Where(t => t.Hash == TokenSecrets.Hash(token))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)), Ct));

        var response = await App.ClientWithToken(token).GetAsync($"/api/v1/events/{ev.Id}/registrations", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task The_token_of_a_disabled_account_is_refused()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var user = await App.AddUserAsync(Roles.ProgrammeStaff);
        var token = await App.TokenWithoutChecksAsync(user, Scopes.RegistrationsRead);
        await using (var scope = App.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddYears(100));
        }

        var response = await App.ClientWithToken(token).GetAsync($"/api/v1/events/{ev.Id}/registrations", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_staff_member_who_lost_the_role_can_no_longer_use_an_old_token()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var user = await App.AddUserAsync(Roles.ProgrammeStaff);
        var token = await App.TokenWithoutChecksAsync(user, Scopes.RegistrationsRead);
        await using (var scope = App.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.RemoveFromRoleAsync((await users.FindByIdAsync(user.Id))!, Roles.ProgrammeStaff);
        }

        var response = await App.ClientWithToken(token).GetAsync($"/api/v1/events/{ev.Id}/registrations", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Only_staff_can_be_given_tokens_with_programme_scopes()
    {
        var participant = await App.AddUserAsync(Roles.Participant);
        await using var scope = App.Scope();

        var (created, error) = await scope.ServiceProvider.GetRequiredService<TokenService>()
            .CreateAsync(participant, "mine", [Scopes.RegistrationsRead], null);

        Assert.Null(created);
        Assert.Contains("staff", error);
    }

    [Fact]
    public async Task Every_API_route_is_either_public_or_protected_and_refuses_anonymous_callers()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Method: m, Route: "/" + e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/'))))
            .Distinct().ToList();
        var protectedRoutes = Protected.Select(p => $"{p.Data.Item1} {Normalize(p.Data.Item2)}").ToHashSet();
        Assert.NotEmpty(routes);

        foreach (var (method, route) in routes)
        {
            var name = $"{method} {Normalize(route)}";
            if (PublicRoutes.Contains(name)) continue;
            Assert.True(protectedRoutes.Contains(name) || SignedInRoutes.Contains(name),
                $"{name} is neither in PublicRoutes, SignedInRoutes nor in Protected: add it to one of them, with its authorization test.");
            var target = new Target(RouteParameter().Replace(route, ev.Id.ToString()), "", "Anonymous " + Guid.NewGuid());
            var response = await App.CreateClient().SendAsync(Request(method, target), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: anonymous got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Anonymous_event_answers_never_contain_a_registrants_name_or_email()
    {
        var ev = await App.AddEventAsync(TestData.Event(capacity: 1));
        var people = new[]
        {
            TestData.RegistrationBody(email: "wanjiru.private@example.org", fullName: "Wanjiru Consenting"),
            TestData.RegistrationBody(email: "kamau.private@example.org", fullName: "Kamau Waiting"),
        };
        people[0]["listPublicly"] = true;
        foreach (var p in people) await App.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", p);

        var answers = new[]
        {
            await App.CreateClient().GetStringAsync("/api/v1/events", Ct),
            await App.CreateClient().GetStringAsync($"/api/v1/events/{ev.Id}", Ct),
            await App.CreateClient().GetStringAsync($"/api/v1/events?when=upcoming&year={ev.StartsAt.Year}", Ct),
        };

        foreach (var answer in answers)
        foreach (var text in new[] { "wanjiru.private", "kamau.private", "Wanjiru Consenting", "Kamau Waiting", "@example.org" })
            Assert.DoesNotContain(text, answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_their_SHA256()
    {
        var token = await App.StaffTokenAsync(Scopes.EventsWrite);

        var rows = await App.Db(db => db.ApiTokens.AsNoTracking().ToListAsync(Ct));

        var row = Assert.Single(rows, t => t.Hash == Sha256Hex(token));
        Assert.Matches(Hex64(), row.Hash);
        Assert.NotEqual(token, row.Hash);
        Assert.All(rows, t => Assert.DoesNotContain(token, $"{t.Name}|{t.Prefix}|{t.Hash}|{t.Scopes}"));
        Assert.True(token.StartsWith(row.Prefix, StringComparison.Ordinal) && row.Prefix.Length <= 10);
    }

    [Fact]
    public async Task Cancel_and_ticket_secrets_are_stored_only_as_hashes_and_the_one_shown_cancels()
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var response = await App.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody(),
            idempotencyKey: Guid.NewGuid().ToString());
        var created = await response.JsonAsync();
        var (id, secret) = ((int)created["id"]!, (string)created["cancelSecret"]!);

        var stored = await App.Db(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id, Ct));
        Assert.Matches(Hex64(), stored.CancelSecretHash);
        Assert.Matches(Hex64(), stored.TicketSecretHash);
        Assert.NotEqual(secret, stored.CancelSecretHash);
        Assert.Equal(Sha256Hex(secret), stored.CancelSecretHash);
        var replay = await App.Db(db => db.IdempotencyRecords.AsNoTracking().Where(r => r.Scope == $"event-registration:{ev.Id}").ToListAsync(Ct));
        Assert.All(replay, r => Assert.DoesNotContain(secret, r.ResponseBody ?? ""));

        var cancel = await App.CreateClient().DeleteAsync($"/api/v1/registrations/{id}?secret={Uri.EscapeDataString(secret)}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
    }

    /// <summary>
    /// The outbox must hold the cancel link until the email is sent, but once sent the link's secret has no reason
    /// to stay in the database in clear: anyone reading a backup could cancel every registration.
    /// </summary>
    [Fact]
    public async Task Sent_emails_do_not_keep_the_cancel_secret_in_clear()
    {
        var transport = new RecordingTransport();
        await using var app = new AppFactory(services: s => s.AddSingleton<IMailTransport>(transport));
        var ev = await app.AddEventAsync(TestData.Event());
        var created = await (await app.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody())).JsonAsync();
        var secret = (string)created["cancelSecret"]!;

        await app.Services.GetRequiredService<OutboxSender>().SendBatchAsync(Ct);

        Assert.Contains(transport.Sent, m => (m.TextBody ?? "").Contains(secret, StringComparison.Ordinal));
        var kept = await app.Db(db => db.Outbox.AsNoTracking().ToListAsync(Ct));
        Assert.All(kept, m => Assert.NotNull(m.SentAt));
        Assert.All(kept, m => Assert.DoesNotContain(secret, $"{m.TextBody}|{m.HtmlBody}|{m.Subject}"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private sealed class RecordingTransport : IMailTransport
    {
        public List<MimeMessage> Sent { get; } = [];

        public Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            lock (Sent) Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// What a call acts on: its address, the email of the registrant it could expose, the title of the event or
    /// library item it could create, and the library item it could change (with its state before the call).
    /// </summary>
    private sealed record Target(string Url, string Email, string Title, int? ItemId = null, int Versions = 0, bool? Visible = null,
        int? RunEventId = null);

    /// <summary>An event with one registrant, and a published library item with a file, for the route to act on.</summary>
    private async Task<Target> PrepareAsync(string route)
    {
        var ev = await App.AddEventAsync(TestData.Event());
        var email = TestData.UniqueEmail("secret");
        var created = await (await App.CreateClient().PostJsonAsync($"/api/v1/events/{ev.Id}/registrations", TestData.RegistrationBody(email: email))).JsonAsync();
        var url = route.Replace("{event}", ev.Id.ToString()).Replace("{registration}", ((int)created["id"]!).ToString());
        if (route.Contains("{run}", StringComparison.Ordinal))
        {
            // A course run with one learner enrolled, whose email a refused call must not reveal.
            var course = await Courses.CourseTestData.CourseAsync(App);
            await Courses.CourseTestData.EnrolAsync(App, course.Run, email);
            return new Target(url.Replace("{run}", course.Run.Id.ToString()), email, "Course " + Guid.NewGuid(), RunEventId: course.Run.EventId);
        }
        if (!route.Contains("{item}", StringComparison.Ordinal)) return new Target(url, email, "Seminar " + Guid.NewGuid());

        var item = await Library.LibraryTestData.AddItemAsync(App, Library.LibraryTestData.Content(@abstract: email));
        await using (var scope = App.Scope())
        {
            var library = scope.ServiceProvider.GetRequiredService<Web.Features.Library.LibraryService>();
            await using var pdf = new MemoryStream(Library.SampleFiles.Pdf("Annex"));
            var file = (await library.AttachFileAsync(item.Id, pdf, "annex.pdf", null, "test", publish: true, Ct)).File!;
            url = url.Replace("{file}", file.Id.ToString());
        }
        url = url.Replace("{item}", item.Id.ToString());
        return new Target(url, email, "Library item " + Guid.NewGuid(), item.Id, 2, true);
    }

    private static HttpRequestMessage Request(string method, Target target) => new(new HttpMethod(method), target.Url)
    {
        Content = (method, target.Url) switch
        {
            ("POST", "/api/v1/library/import") => new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes($"kind,language,title,published_on\nreport,en,{target.Title},2009-11-04\n")), "file", "manifest.csv" },
            },
            ("POST", var u) when u.EndsWith("/files", StringComparison.Ordinal) =>
                new MultipartFormDataContent { { new ByteArrayContent(Library.SampleFiles.Pdf("Annex two")), "file", "annex2.pdf" } },
            ("POST", var u) when u.StartsWith("/api/v1/courses/", StringComparison.Ordinal) =>
                System.Net.Http.Json.JsonContent.Create(TestData.RegistrationBody()),
            ("POST" or "PUT", var u) when u.StartsWith("/api/v1/library/items", StringComparison.Ordinal) =>
                System.Net.Http.Json.JsonContent.Create(Library.LibraryTestData.Body(title: target.Title)),
            ("POST", _) => System.Net.Http.Json.JsonContent.Create(TestData.EventBody(title: target.Title)),
            _ => null,
        },
    };

    /// <summary>A refused call changed nothing: no event was created and no registration cancelled.</summary>
    private async Task AssertUnchangedAsync(Target target)
    {
        if (target.Url.StartsWith("/api/v1/registrations/", StringComparison.Ordinal))
        {
            var id = int.Parse(target.Url["/api/v1/registrations/".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var status = await App.Db(db => db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync(Ct));
            Assert.NotEqual(Web.Features.Registrations.RegistrationStatus.Cancelled, status);
        }
        Assert.Equal(0, await App.Db(db => db.Events.CountAsync(e => e.Title == target.Title, Ct)));
        // Nobody was enrolled beside the prepared learner.
        if (target.RunEventId is { } runEvent)
            Assert.Equal(1, await App.Db(db => db.Registrations.CountAsync(r => r.EventId == runEvent, Ct)));
        // No library item was created with the call's title, and the prepared one kept its versions and visibility.
        var drafts = await App.Db(db => db.LibraryItems.Select(i => i.Draft).ToListAsync(Ct));
        Assert.DoesNotContain(drafts, d => d.Texts.Any(t => t.Title == target.Title));
        if (target.ItemId is { } item)
        {
            Assert.Equal(target.Versions, await App.Db(db => db.LibraryVersions.CountAsync(v => v.ItemId == item, Ct)));
            Assert.Equal(target.Visible, await App.Db(db => db.LibraryDocuments.Where(d => d.ItemId == item).Select(d => d.Visible).SingleAsync(Ct)));
        }
    }

    private static string Normalize(string route) => RouteParameter().Replace(route, "{id}");

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex64();
}
