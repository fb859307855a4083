using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Registrations;

namespace Nexus.Web.Features.Courses;

/// <summary>
/// A course such as the international migration law course: modules in order, and runs (cohorts). Its completion
/// rule is stored with it (<see cref="MinAttendancePercent"/>, <see cref="RequireModuleQuizzes"/>).
/// </summary>
public class Course
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>Markdown, sanitised when shown.</summary>
    public string DescriptionMarkdown { get; set; } = "";
    /// <summary>Language of instruction, a culture code such as "en".</summary>
    public string Language { get; set; } = "en";
    /// <summary>Learning hours printed on the completion certificate.</summary>
    public decimal? Hours { get; set; }
    public bool Published { get; set; }

    /// <summary>Completion: the share of a run's sessions a learner must attend, 0 to 100.</summary>
    public int MinAttendancePercent { get; set; } = 75;
    /// <summary>Completion: whether the published quizzes of required modules must be passed.</summary>
    public bool RequireModuleQuizzes { get; set; } = true;

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token for staff edits.</summary>
    public int Version { get; set; }

    public List<CourseModule> Modules { get; set; } = [];
    public List<CourseRun> Runs { get; set; } = [];
}

/// <summary>One topic of a course (e.g. "Migrant smuggling and human trafficking").</summary>
public class CourseModule
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public Course? Course { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown list of what a learner should be able to do afterwards.</summary>
    public string ObjectivesMarkdown { get; set; } = "";
    /// <summary>Markdown: readings and links (library items, instruments, cases).</summary>
    public string MaterialsMarkdown { get; set; } = "";
    /// <summary>A required module's quizzes count towards completion.</summary>
    public bool Required { get; set; } = true;
    public List<Quiz> Quizzes { get; set; } = [];
}

public enum EnrolmentMode
{
    /// <summary>Learners enrol themselves, within the run's capacity, then on the waiting list.</summary>
    Self,
    /// <summary>Learners apply; staff approve or reject.</summary>
    Approval,
    /// <summary>Only staff enrol learners.</summary>
    StaffOnly,
}

/// <summary>
/// One cohort of a course. Enrolment goes through the registration engine: the run owns an event of kind
/// <see cref="EventKind.Course"/> (dates, capacity, registration window, approval, waiting list, offer window), and
/// an enrolment is a <see cref="Registration"/> for that event. Its ticket is the learner's QR code at every session.
/// </summary>
public class CourseRun
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public Course? Course { get; set; }
    /// <summary>E.g. "2010 cohort".</summary>
    public required string Title { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public EnrolmentMode EnrolmentMode { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<CourseSession> Sessions { get; set; } = [];
}

/// <summary>A taught session of a run: an event of kind <see cref="EventKind.CourseSession"/> (time, room, capacity).</summary>
public class CourseSession
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public CourseRun? Run { get; set; }
    /// <summary>The module taught; null for an opening or closing session.</summary>
    public int? ModuleId { get; set; }
    public CourseModule? Module { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
}

public enum AttendanceSource { Scanned, Staff }

/// <summary>A learner present at a session. One row per learner and session (unique), so a second scan adds nothing.</summary>
public class SessionAttendance
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public CourseSession? Session { get; set; }
    /// <summary>The enrolment (a registration for the run's event).</summary>
    public int RegistrationId { get; set; }
    public Registration? Registration { get; set; }
    public AttendanceSource Source { get; set; }
    public DateTime At { get; set; }
    public string? ByUserId { get; set; }
}

/// <summary>
/// Recorded once, when a learner first meets the course's completion rule; it stands even if the rule changes later
/// (a mistaken completion is undone by revoking the certificate).
/// </summary>
public class CourseCompletion
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public CourseRun? Run { get; set; }
    public int RegistrationId { get; set; }
    public Registration? Registration { get; set; }
    public DateTime CompletedAt { get; set; }
    public decimal AttendancePercent { get; set; }
    /// <summary>Mean of the counted quiz grades, when the course has quizzes.</summary>
    public decimal? QuizPercent { get; set; }
    public string? CertificateCode { get; set; }
    /// <summary>User id of staff who recorded it by hand, or null when the rule was met.</summary>
    public string? ByUserId { get; set; }
}

public enum GradeMethod { Highest, Last }

/// <summary>A self-assessment quiz of a module. Its questions are drawn from question banks (<see cref="Draws"/>).</summary>
public class Quiz
{
    public int Id { get; set; }
    public int ModuleId { get; set; }
    public CourseModule? Module { get; set; }
    public required string Title { get; set; }
    public string InstructionsMarkdown { get; set; } = "";
    /// <summary>Grade needed to pass, 0 to 100.</summary>
    public decimal PassPercent { get; set; } = 70;
    /// <summary>Null: unlimited.</summary>
    public int? MaxAttempts { get; set; }
    /// <summary>Null: untimed.</summary>
    public int? TimeLimitMinutes { get; set; }
    public bool ShuffleQuestions { get; set; } = true;
    /// <summary>Show right answers and explanations as soon as an attempt is submitted.</summary>
    public bool ShowFeedback { get; set; } = true;
    public GradeMethod GradeMethod { get; set; }
    public bool Published { get; set; }
    public int Version { get; set; }
    public List<QuizDraw> Draws { get; set; } = [];
}

/// <summary>Questions from one bank: all of them (<see cref="Count"/> null) or that many chosen at random per attempt.</summary>
public class QuizDraw
{
    public int Id { get; set; }
    public int QuizId { get; set; }
    public int BankId { get; set; }
    public QuestionBank? Bank { get; set; }
    public int? Count { get; set; }
    public int Order { get; set; }
}

/// <summary>A named pool of questions of one course, shared by its quizzes.</summary>
public class QuestionBank
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public required string Name { get; set; }
    public List<Question> Questions { get; set; } = [];
}

public enum QuestionKind { SingleChoice, MultipleChoice, TrueFalse, ShortAnswer, Matching }

public class Question
{
    public int Id { get; set; }
    public int BankId { get; set; }
    public QuestionBank? Bank { get; set; }
    public QuestionKind Kind { get; set; }
    /// <summary>Markdown.</summary>
    public required string Text { get; set; }
    public decimal Points { get; set; } = 1;
    /// <summary>Shown with the right answer after submission.</summary>
    public string Explanation { get; set; } = "";
    /// <summary>Short answer: the answers accepted, compared after trimming and folding spaces.</summary>
    public List<string> AcceptedAnswers { get; set; } = [];
    public bool CaseSensitive { get; set; }
    /// <summary>True/false: the right answer.</summary>
    public bool? TrueFalseAnswer { get; set; }
    /// <summary>Retired questions are drawn no more, but attempts that used them still show them.</summary>
    public bool Retired { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<QuestionOption> Options { get; set; } = [];
}

/// <summary>A choice (single or multiple choice) or a pair (matching: <see cref="Text"/> matches <see cref="Match"/>).</summary>
public class QuestionOption
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
    public bool Correct { get; set; }
    public string? Match { get; set; }
    /// <summary>Shown when this choice was picked.</summary>
    public string Feedback { get; set; } = "";
}

/// <summary>Per-learner exceptions to a quiz: extra time, extra attempts.</summary>
public class QuizOverride
{
    public int Id { get; set; }
    public int QuizId { get; set; }
    public int RegistrationId { get; set; }
    public int ExtraMinutes { get; set; }
    public int ExtraAttempts { get; set; }
    public string Note { get; set; } = "";
    public DateTime At { get; set; }
    public string? ByUserId { get; set; }
}

public enum AttemptStatus
{
    InProgress,
    Submitted,
    /// <summary>Closed at its deadline and graded on the answers saved before it.</summary>
    TimedOut,
}

public class QuizAttempt
{
    public long Id { get; set; }
    public int QuizId { get; set; }
    public Quiz? Quiz { get; set; }
    public int RegistrationId { get; set; }
    public Registration? Registration { get; set; }
    /// <summary>1, 2, ... per learner and quiz (unique), so two tabs cannot start the same attempt twice.</summary>
    public int Number { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>Start plus the time limit and any extra time; null when untimed.</summary>
    public DateTime? DeadlineAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public AttemptStatus Status { get; set; }
    public decimal? Score { get; set; }
    public decimal MaxScore { get; set; }
    public decimal? Percent { get; set; }
    public bool? Passed { get; set; }
    public List<AttemptAnswer> Answers { get; set; } = [];
}

/// <summary>One question as drawn for an attempt, with the learner's response and its score.</summary>
public class AttemptAnswer
{
    public long Id { get; set; }
    public long AttemptId { get; set; }
    public int QuestionId { get; set; }
    public Question? Question { get; set; }
    public int Order { get; set; }
    /// <summary>Option ids in the order shown (comma-separated), so a reload shows the same order.</summary>
    public string OptionOrder { get; set; } = "";
    /// <summary>The response as JSON: option ids, a text, a boolean or pairs; null when unanswered.</summary>
    public string? Response { get; set; }
    public decimal? Score { get; set; }
    /// <summary>
    /// The question as it was when the attempt was graded (JSON: text, points, options, right answers, feedback), so
    /// that editing the question later changes neither the review nor the record of what the learner was asked.
    /// Null while the attempt is open.
    /// </summary>
    public string? GradedQuestion { get; set; }
}

public static class CourseModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Course>(e =>
        {
            e.Property(x => x.Slug).HasMaxLength(200);
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Summary).HasMaxLength(2000);
            e.Property(x => x.DescriptionMarkdown).HasMaxLength(20000);
            e.Property(x => x.Language).HasMaxLength(10);
            e.Property(x => x.Hours).HasPrecision(6, 1);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Modules).WithOne(x => x.Course).HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Runs).WithOne(x => x.Course).HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CourseModule>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.ObjectivesMarkdown).HasMaxLength(10000);
            e.Property(x => x.MaterialsMarkdown).HasMaxLength(20000);
            e.HasIndex(x => new { x.CourseId, x.Order });
            e.HasMany(x => x.Quizzes).WithOne(x => x.Module).HasForeignKey(x => x.ModuleId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CourseRun>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(200);
            e.HasIndex(x => x.EventId).IsUnique();
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Sessions).WithOne(x => x.Run).HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CourseSession>(e =>
        {
            e.HasIndex(x => x.EventId).IsUnique();
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Module).WithMany().HasForeignKey(x => x.ModuleId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<SessionAttendance>(e =>
        {
            e.Property(x => x.ByUserId).HasMaxLength(450);
            e.HasIndex(x => new { x.SessionId, x.RegistrationId }).IsUnique();
            e.HasIndex(x => x.RegistrationId);
            e.HasOne(x => x.Session).WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Registration).WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CourseCompletion>(e =>
        {
            e.HasIndex(x => x.RegistrationId).IsUnique();
            e.HasIndex(x => x.RunId);
            e.Property(x => x.AttendancePercent).HasPrecision(5, 1);
            e.Property(x => x.QuizPercent).HasPrecision(5, 1);
            e.Property(x => x.CertificateCode).HasMaxLength(Certificates.CertificateCode.Length);
            e.Property(x => x.ByUserId).HasMaxLength(450);
            e.HasOne(x => x.Run).WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Registration).WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Quiz>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.InstructionsMarkdown).HasMaxLength(10000);
            e.Property(x => x.PassPercent).HasPrecision(5, 1);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Draws).WithOne().HasForeignKey(x => x.QuizId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<QuizDraw>(e => e.HasOne(x => x.Bank).WithMany().HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Restrict));
        b.Entity<QuestionBank>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => new { x.CourseId, x.Name }).IsUnique();
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Questions).WithOne(x => x.Bank).HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Question>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.Explanation).HasMaxLength(4000);
            e.Property(x => x.Points).HasPrecision(6, 2);
            e.HasMany(x => x.Options).WithOne().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<QuestionOption>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.Match).HasMaxLength(1000);
            e.Property(x => x.Feedback).HasMaxLength(2000);
        });
        b.Entity<QuizOverride>(e =>
        {
            e.HasIndex(x => new { x.QuizId, x.RegistrationId }).IsUnique();
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.ByUserId).HasMaxLength(450);
            e.HasOne<Quiz>().WithMany().HasForeignKey(x => x.QuizId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<QuizAttempt>(e =>
        {
            e.HasIndex(x => new { x.QuizId, x.RegistrationId, x.Number }).IsUnique();
            e.HasIndex(x => x.RegistrationId);
            // The overdue-attempt job asks every minute for open attempts past their deadline: a range of this index.
            e.HasIndex(x => new { x.Status, x.DeadlineAt });
            e.Property(x => x.Score).HasPrecision(8, 2);
            e.Property(x => x.MaxScore).HasPrecision(8, 2);
            e.Property(x => x.Percent).HasPrecision(5, 1);
            e.HasOne(x => x.Quiz).WithMany().HasForeignKey(x => x.QuizId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Registration).WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.AttemptId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AttemptAnswer>(e =>
        {
            e.Property(x => x.OptionOrder).HasMaxLength(2000);
            e.Property(x => x.Response).HasMaxLength(8000);
            e.Property(x => x.Score).HasPrecision(8, 2);
            e.HasIndex(x => new { x.AttemptId, x.QuestionId }).IsUnique();
            e.HasOne(x => x.Question).WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
