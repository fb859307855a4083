using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Accounts.Tokens;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Library;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Features.Series;
using Nexus.Web.Infrastructure.Email;
using Nexus.Web.Infrastructure.Idempotency;

namespace Nexus.Web.Data;

/// <summary>
/// The one model of Nexus. Each database provider has a subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgresAppDbContext"/>) only so that each gets its own generated migrations; features use this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<SeminarSeries> Series => Set<SeminarSeries>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Speaker> Speakers => Set<Speaker>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<Material> Materials => Set<Material>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<RegistrationLogEntry> RegistrationLog => Set<RegistrationLogEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<LibraryItem> LibraryItems => Set<LibraryItem>();
    public DbSet<LibraryItemVersion> LibraryVersions => Set<LibraryItemVersion>();
    public DbSet<LibraryFile> LibraryFiles => Set<LibraryFile>();
    public DbSet<LibraryTheme> LibraryThemes => Set<LibraryTheme>();
    public DbSet<LibraryDocument> LibraryDocuments => Set<LibraryDocument>();
    public DbSet<LibraryState> LibraryState => Set<LibraryState>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<AreaMember> AreaMembers => Set<AreaMember>();
    public DbSet<DataRelease> DataReleases => Set<DataRelease>();
    public DbSet<DataSeries> DataSeries => Set<DataSeries>();
    public DbSet<ChairTerm> ChairTerms => Set<ChairTerm>();
    public DbSet<HandoverTask> HandoverTasks => Set<HandoverTask>();
    public DbSet<RotationSlot> RotationSlots => Set<RotationSlot>();
    public DbSet<Workplan> Workplans => Set<Workplan>();
    public DbSet<WorkplanPillar> WorkplanPillars => Set<WorkplanPillar>();
    public DbSet<WorkplanObjective> WorkplanObjectives => Set<WorkplanObjective>();
    public DbSet<WorkplanActivity> WorkplanActivities => Set<WorkplanActivity>();
    public DbSet<ProgressNote> ProgressNotes => Set<ProgressNote>();
    public DbSet<EvidenceLink> EvidenceLinks => Set<EvidenceLink>();
    public DbSet<GroupDocument> GroupDocuments => Set<GroupDocument>();
    public DbSet<GroupDocumentVersion> GroupDocumentVersions => Set<GroupDocumentVersion>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingParticipant> MeetingParticipants => Set<MeetingParticipant>();
    public DbSet<MeetingDecision> MeetingDecisions => Set<MeetingDecision>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<ActionUpdate> ActionUpdates => Set<ActionUpdate>();
    public DbSet<JointOutput> JointOutputs => Set<JointOutput>();
    public DbSet<JointOutputComment> JointOutputComments => Set<JointOutputComment>();
    public DbSet<JointOutputSignOff> JointOutputSignOffs => Set<JointOutputSignOff>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<Features.Certificates.Certificate> Certificates => Set<Features.Certificates.Certificate>();
    public DbSet<Features.Courses.Course> Courses => Set<Features.Courses.Course>();
    public DbSet<Features.Courses.CourseModule> CourseModules => Set<Features.Courses.CourseModule>();
    public DbSet<Features.Courses.CourseRun> CourseRuns => Set<Features.Courses.CourseRun>();
    public DbSet<Features.Courses.CourseSession> CourseSessions => Set<Features.Courses.CourseSession>();
    public DbSet<Features.Courses.SessionAttendance> SessionAttendance => Set<Features.Courses.SessionAttendance>();
    public DbSet<Features.Courses.CourseCompletion> CourseCompletions => Set<Features.Courses.CourseCompletion>();
    public DbSet<Features.Courses.Quiz> Quizzes => Set<Features.Courses.Quiz>();
    public DbSet<Features.Courses.QuizDraw> QuizDraws => Set<Features.Courses.QuizDraw>();
    public DbSet<Features.Courses.QuestionBank> QuestionBanks => Set<Features.Courses.QuestionBank>();
    public DbSet<Features.Courses.Question> Questions => Set<Features.Courses.Question>();
    public DbSet<Features.Courses.QuestionOption> QuestionOptions => Set<Features.Courses.QuestionOption>();
    public DbSet<Features.Courses.QuizOverride> QuizOverrides => Set<Features.Courses.QuizOverride>();
    public DbSet<Features.Courses.QuizAttempt> QuizAttempts => Set<Features.Courses.QuizAttempt>();
    public DbSet<Features.Courses.AttemptAnswer> AttemptAnswers => Set<Features.Courses.AttemptAnswer>();
    public DbSet<Features.Projects.Project> Projects => Set<Features.Projects.Project>();
    public DbSet<Features.Projects.ProjectPartner> ProjectPartners => Set<Features.Projects.ProjectPartner>();
    public DbSet<Features.Projects.ProjectActivity> ProjectActivities => Set<Features.Projects.ProjectActivity>();
    public DbSet<Features.Projects.ActivityDocument> ActivityDocuments => Set<Features.Projects.ActivityDocument>();
    public DbSet<Features.Projects.ForumMeeting> ForumMeetings => Set<Features.Projects.ForumMeeting>();
    public DbSet<Features.Projects.ForumRecommendation> ForumRecommendations => Set<Features.Projects.ForumRecommendation>();
    public DbSet<Features.Projects.FollowUpEntry> FollowUps => Set<Features.Projects.FollowUpEntry>();
    public DbSet<Features.Projects.ConsultativeProcess> ConsultativeProcesses => Set<Features.Projects.ConsultativeProcess>();
    public DbSet<Features.Projects.ProcessEvent> ProcessEvents => Set<Features.Projects.ProcessEvent>();
    public DbSet<Features.Reports.ReportDraft> ReportDrafts => Set<Features.Reports.ReportDraft>();
    public DbSet<Features.Reports.ReportSectionEdit> ReportSections => Set<Features.Reports.ReportSectionEdit>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Codes are stored as readable strings: the database stays legible and reordering an enum is harmless.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<SeminarSeries>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Slug).HasMaxLength(300);
            e.HasIndex(x => x.Slug).IsUnique();
        });

        b.Entity<Event>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Slug).HasMaxLength(300);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.TimeZone).HasMaxLength(64);
            e.Property(x => x.Venue).HasMaxLength(300);
            e.Property(x => x.City).HasMaxLength(120);
            e.Property(x => x.Country).HasMaxLength(3);
            e.Property(x => x.OnlineUrl).HasMaxLength(2000);
            e.Property(x => x.CertificateHours).HasPrecision(6, 1);
            e.HasIndex(x => new { x.Status, x.StartsAt });
            e.HasOne(x => x.Series).WithMany().HasForeignKey(x => x.SeriesId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Speakers).WithOne().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Agenda).WithOne().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Materials).WithOne().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Speaker>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Affiliation).HasMaxLength(300);
        });
        b.Entity<AgendaItem>().Property(x => x.Title).HasMaxLength(300);
        b.Entity<Material>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.ContentType).HasMaxLength(120);
            e.Property(x => x.StorageKey).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });

        b.Entity<Registration>(e =>
        {
            e.Property(x => x.FullName).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.NormalizedEmail).HasMaxLength(254);
            e.Property(x => x.Organization).HasMaxLength(300);
            e.Property(x => x.Country).HasMaxLength(3);
            e.Property(x => x.AccessibilityNeeds).HasMaxLength(2000);
            e.Property(x => x.Language).HasMaxLength(10);
            e.Property(x => x.CancelSecretHash).HasMaxLength(64);
            e.Property(x => x.TicketSecretHash).HasMaxLength(64);
            e.Property(x => x.OfferSecretHash).HasMaxLength(64);
            e.Property(x => x.NoteVerbaleKey).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            // Backstop for the one-registration-per-email rule, which is checked under the seat lock first.
            // The filter is plain SQL that SQLite and PostgreSQL both accept, built from the rule's own list.
            e.HasIndex(x => new { x.EventId, x.NormalizedEmail }).IsUnique()
                .HasFilter($"\"Status\" NOT IN ({string.Join(", ", RegistrationRules.Inactive.Select(s => $"'{s}'"))})");
            e.HasIndex(x => new { x.EventId, x.Status, x.WaitlistTicket });
            e.HasIndex(x => x.CancelSecretHash).IsUnique();
            e.HasIndex(x => x.TicketSecretHash).IsUnique();
            e.HasIndex(x => x.OfferSecretHash);
            e.HasIndex(x => x.UserId);
            e.HasIndex(x => new { x.Status, x.OfferExpiresAt });
        });
        b.Entity<RegistrationLogEntry>(e =>
        {
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => x.RegistrationId);
            e.HasOne(x => x.Registration).WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ApiToken>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Scopes).HasMaxLength(500);
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<OutboxMessage>(e =>
        {
            e.Property(x => x.To).HasMaxLength(254);
            e.Property(x => x.Subject).HasMaxLength(400);
            e.Property(x => x.Kind).HasMaxLength(60);
            e.Property(x => x.LastError).HasMaxLength(2000);
            e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
            e.HasIndex(x => x.RegistrationId);
            e.HasOne(x => x.Registration).WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<IdempotencyRecord>(e =>
        {
            e.HasKey(x => new { x.Scope, x.Key });
            e.Property(x => x.Scope).HasMaxLength(200);
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.Property(x => x.Location).HasMaxLength(500);
            e.HasIndex(x => x.CreatedAt);
        });

        b.Entity<Agency>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Acronym).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Website).HasMaxLength(500);
            e.HasData(InitialAgencies.All);
        });

        LibraryModel.Configure(b);
        DataModel.Configure(b);
        CoordinationModel.Configure(b);
        Features.Certificates.CertificateModel.Configure(b);
        Features.Courses.CourseModelConfiguration.Configure(b);
        Features.Projects.ProjectModelConfiguration.Configure(b);
        Features.Reports.ReportModelConfiguration.Configure(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(x => x.FullName).HasMaxLength(200);
            e.Property(x => x.Organization).HasMaxLength(300);
            e.Property(x => x.Language).HasMaxLength(10);
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.SetNull);
        });
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        // SQLite has no time-zone-aware type: values are written as UTC text and must come back marked as UTC.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // PostgreSQL keeps the library's full-text index in the table itself; SQLite uses an FTS5 table instead
        // (Features/Library/Search). The column is written by the search index, never through the model.
        b.Entity<LibraryDocument>(e =>
        {
            e.Property<NpgsqlTypes.NpgsqlTsVector>(Features.Library.Search.PostgresLibraryIndex.VectorColumn).HasColumnType("tsvector");
            e.HasIndex(Features.Library.Search.PostgresLibraryIndex.VectorColumn).HasMethod("GIN");
            // Titles alone, to rank broad queries by their title matches (see LibraryRanking).
            e.Property<NpgsqlTypes.NpgsqlTsVector>(Features.Library.Search.PostgresLibraryIndex.TitleVectorColumn).HasColumnType("tsvector");
            e.HasIndex(Features.Library.Search.PostgresLibraryIndex.TitleVectorColumn).HasMethod("GIN");
        });
    }
}

public sealed class UtcDateTimeConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
