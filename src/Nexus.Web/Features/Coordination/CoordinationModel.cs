using Microsoft.EntityFrameworkCore;
using Nexus.Web.Features.Agencies;
using Nexus.Web.Features.Library;

namespace Nexus.Web.Features.Coordination;

// The inter-agency group's records. Dates that the group agrees on (terms, due dates, deadlines) are calendar
// dates in the group's time zone (CoordinationOptions.TimeZone); moments (comments, sign-offs, notes) are UTC.

/// <summary>One agency's turn in the chair, both dates included (1 June to 31 December 2009 is seven months).</summary>
public sealed class ChairTerm
{
    public int Id { get; set; }
    public string AgencyCode { get; set; } = "";
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public string? Note { get; set; }
    public List<HandoverTask> Handover { get; set; } = [];
}

/// <summary>One step of the handover into a term, ticked off by the outgoing or incoming chair.</summary>
public sealed class HandoverTask
{
    public int Id { get; set; }
    public int TermId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public DateTime? DoneAt { get; set; }
    public string? DoneBy { get; set; }
}

/// <summary>The agreed order in which agencies take the chair; next terms are generated from it.</summary>
public sealed class RotationSlot
{
    public int Position { get; set; }
    public string AgencyCode { get; set; } = "";
}

public enum WorkplanStatus { Draft, Adopted }

/// <summary>An annual workplan, usually spanning two six-month chairmanships (June 2009 to July 2010).</summary>
public sealed class Workplan
{
    public int Id { get; set; }
    /// <summary>The year the API and URLs use: the year the span starts in.</summary>
    public int Year { get; set; }
    public string Title { get; set; } = "";
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public string? Summary { get; set; }
    public WorkplanStatus Status { get; set; }
    public DateTime? AdoptedAt { get; set; }
    public List<WorkplanPillar> Pillars { get; set; } = [];
}

public sealed class WorkplanPillar
{
    public int Id { get; set; }
    public int WorkplanId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public List<WorkplanObjective> Objectives { get; set; } = [];
}

public sealed class WorkplanObjective
{
    public int Id { get; set; }
    public int PillarId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";
    /// <summary>What the group expects to see when the objective is met, one outcome per line.</summary>
    public string? ExpectedOutcomes { get; set; }
    public List<WorkplanActivity> Activities { get; set; } = [];
}

public enum ActivityKind { Activity, Deliverable }

public enum ActivityStatus { Planned, InProgress, Done, Postponed, Dropped }

public sealed class WorkplanActivity
{
    public int Id { get; set; }
    public int ObjectiveId { get; set; }
    public int Position { get; set; }
    public ActivityKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string LeadAgencyCode { get; set; } = "";
    public List<string> ContributingAgencies { get; set; } = [];
    public DateOnly? Due { get; set; }
    public ActivityStatus Status { get; set; }
    /// <summary>Optimistic concurrency: two focal points editing the same activity do not overwrite each other.</summary>
    public int Version { get; set; }
    public List<ProgressNote> Notes { get; set; } = [];
    public List<EvidenceLink> Evidence { get; set; } = [];
}

public sealed class ProgressNote
{
    public int Id { get; set; }
    public int ActivityId { get; set; }
    public DateTime At { get; set; }
    public string AuthorId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string? AgencyCode { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The status the activity moved to with this note, when it changed.</summary>
    public ActivityStatus? Status { get; set; }
}

public enum EvidenceKind { LibraryItem, Event, Link }

public sealed class EvidenceLink
{
    public int Id { get; set; }
    public int ActivityId { get; set; }
    public EvidenceKind Kind { get; set; }
    /// <summary>Library item or event id for those kinds.</summary>
    public int? TargetId { get; set; }
    public string? Url { get; set; }
    public string Title { get; set; } = "";
}

public enum GroupDocumentKind { RulesOfEngagement, TermsOfReference, WorkingMethods, Other }

/// <summary>A document the group agrees on and revises: its rules of engagement, its terms of reference.</summary>
public sealed class GroupDocument
{
    public int Id { get; set; }
    public GroupDocumentKind Kind { get; set; }
    public string Title { get; set; } = "";
    public List<GroupDocumentVersion> Versions { get; set; } = [];
}

public sealed class GroupDocumentVersion
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public int Number { get; set; }
    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";
    public string? ChangeNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>Set when the group approved this text; the latest approved version is the one in force.</summary>
    public DateOnly? ApprovedOn { get; set; }
    /// <summary>Who approved it, as recorded: "Principals' meeting", a person, a meeting's title.</summary>
    public string? ApprovedBy { get; set; }
    public int? ApprovedAtMeetingId { get; set; }
}

public enum MeetingKind { Principals, Retreat, WorkingGroup, FocalPoints }

public sealed class Meeting
{
    public int Id { get; set; }
    public MeetingKind Kind { get; set; }
    public string Title { get; set; } = "";
    public DateOnly Date { get; set; }
    public string? Location { get; set; }
    /// <summary>Markdown.</summary>
    public string? Agenda { get; set; }
    /// <summary>Markdown.</summary>
    public string? Minutes { get; set; }
    public List<MeetingParticipant> Participants { get; set; } = [];
    public List<MeetingDecision> Decisions { get; set; } = [];
}

public sealed class MeetingParticipant
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public string AgencyCode { get; set; } = "";
    /// <summary>Empty when only the agency's attendance is recorded.</summary>
    public string? PersonName { get; set; }
    public string? Position { get; set; }
}

public sealed class MeetingDecision
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = "";
}

public enum ActionStatus { Open, InProgress, Done, Dropped }

/// <summary>Something a meeting asked an agency to do; followed up from meeting to meeting until closed.</summary>
public sealed class ActionItem
{
    public int Id { get; set; }
    /// <summary>The meeting that raised it.</summary>
    public int MeetingId { get; set; }
    public string Title { get; set; } = "";
    public string OwnerAgencyCode { get; set; } = "";
    public DateOnly? Due { get; set; }
    public ActionStatus Status { get; set; }
    public DateTime? ClosedAt { get; set; }
    /// <summary>The due date a reminder was last sent for: a moved due date earns a new reminder, a resend none.</summary>
    public DateOnly? RemindedFor { get; set; }
    public int Version { get; set; }
    public List<ActionUpdate> Updates { get; set; } = [];
}

public sealed class ActionUpdate
{
    public int Id { get; set; }
    public int ActionItemId { get; set; }
    /// <summary>The meeting at which it was reviewed, when it was.</summary>
    public int? MeetingId { get; set; }
    public DateTime At { get; set; }
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public ActionStatus? Status { get; set; }
}

public enum JointOutputKind { Statement, FactSheetSeries, PressConference, Symposium, JointReport }

public enum JointOutputStatus { Draft, Circulated, Agreed, Published }

/// <summary>
/// Something the whole group puts its name to. It is drafted, circulated to every member agency for comments and
/// sign-off, agreed when every member has endorsed it (or its no-objection was recorded once the chair's deadline
/// passed), then published into the library with the agencies that endorsed it.
/// </summary>
public sealed class JointOutput
{
    public int Id { get; set; }
    public JointOutputKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    /// <summary>Markdown: the text the agencies sign off.</summary>
    public string Body { get; set; } = "";
    public string LeadAgencyCode { get; set; } = "";
    public JointOutputStatus Status { get; set; }
    public DateOnly? CommentsDue { get; set; }
    /// <summary>Set by the chair at circulation: once it has passed, a member that has not answered is taken as not objecting.</summary>
    public DateOnly? NoObjectionDeadline { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CirculatedAt { get; set; }
    public DateTime? AgreedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public int? LibraryItemId { get; set; }
    public int Version { get; set; }
    public List<JointOutputComment> Comments { get; set; } = [];
    public List<JointOutputSignOff> SignOffs { get; set; } = [];
}

public sealed class JointOutputComment
{
    public int Id { get; set; }
    public int OutputId { get; set; }
    public string AgencyCode { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public DateTime At { get; set; }
    public string Text { get; set; } = "";
}

public enum SignOffDecision { Pending, Endorsed, Objected, NoObjection }

/// <summary>
/// One member agency's answer on a circulated output. The rows are created at circulation for every member at that
/// moment, so an agency joining later does not hold up an output it never saw.
/// </summary>
public sealed class JointOutputSignOff
{
    public int OutputId { get; set; }
    public string AgencyCode { get; set; } = "";
    public SignOffDecision Decision { get; set; }
    public DateTime? At { get; set; }
    public string? UserId { get; set; }
    public string? PersonName { get; set; }
    public string? Note { get; set; }
}

public enum SurveyStatus { Draft, Open, Closed }

public sealed class Survey
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string? Introduction { get; set; }
    /// <summary>Results never show which agency gave which answer (the agency is still stored, to allow one answer each).</summary>
    public bool Anonymous { get; set; }
    public SurveyStatus Status { get; set; }
    public DateOnly? ClosesOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<SurveyQuestion> Questions { get; set; } = [];
}

public enum QuestionKind { SingleChoice, MultipleChoice, Scale, FreeText }

public sealed class SurveyQuestion
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; }
    public string Text { get; set; } = "";
    public bool Required { get; set; }
    /// <summary>The choices of a single or multiple choice question, in order.</summary>
    public List<string> Options { get; set; } = [];
    public int ScaleMin { get; set; } = 1;
    public int ScaleMax { get; set; } = 5;
    public string? ScaleMinLabel { get; set; }
    public string? ScaleMaxLabel { get; set; }
}

/// <summary>A member agency's answer to a survey: one per agency, enforced by a unique index.</summary>
public sealed class SurveyResponse
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public string AgencyCode { get; set; } = "";
    public string SubmittedBy { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
    public List<SurveyAnswer> Answers { get; set; } = [];
}

public sealed class SurveyAnswer
{
    public int Id { get; set; }
    public int ResponseId { get; set; }
    public int QuestionId { get; set; }
    /// <summary>Indexes into the question's options.</summary>
    public List<int> Choices { get; set; } = [];
    public int? Scale { get; set; }
    public string? Text { get; set; }
}

/// <summary>Mapping of the coordination tables, kept beside the feature.</summary>
public static class CoordinationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ChairTerm>(e =>
        {
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => x.Start);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Handover).WithOne().HasForeignKey(x => x.TermId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<HandoverTask>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.DoneBy).HasMaxLength(200);
        });
        b.Entity<RotationSlot>(e =>
        {
            e.HasKey(x => x.Position);
            e.Property(x => x.Position).ValueGeneratedNever();
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Workplan>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.HasIndex(x => x.Year).IsUnique();
            e.HasMany(x => x.Pillars).WithOne().HasForeignKey(x => x.WorkplanId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<WorkplanPillar>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.HasMany(x => x.Objectives).WithOne().HasForeignKey(x => x.PillarId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<WorkplanObjective>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.ExpectedOutcomes).HasMaxLength(4000);
            e.HasMany(x => x.Activities).WithOne().HasForeignKey(x => x.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<WorkplanActivity>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.LeadAgencyCode).HasMaxLength(40);
            e.Property(x => x.ContributingAgencies).AsJson();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.LeadAgencyCode);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.LeadAgencyCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Notes).WithOne().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProgressNote>(e =>
        {
            e.Property(x => x.AuthorId).HasMaxLength(450);
            e.Property(x => x.AuthorName).HasMaxLength(200);
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.Property(x => x.Text).HasMaxLength(4000);
        });
        b.Entity<EvidenceLink>(e =>
        {
            e.Property(x => x.Url).HasMaxLength(2000);
            e.Property(x => x.Title).HasMaxLength(300);
        });

        b.Entity<GroupDocument>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<GroupDocumentVersion>(e =>
        {
            e.Property(x => x.ChangeNote).HasMaxLength(1000);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.Property(x => x.ApprovedBy).HasMaxLength(300);
            e.HasIndex(x => new { x.DocumentId, x.Number }).IsUnique();
        });

        b.Entity<Meeting>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Location).HasMaxLength(300);
            e.HasIndex(x => x.Date);
            e.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Decisions).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MeetingParticipant>(e =>
        {
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.Property(x => x.PersonName).HasMaxLength(200);
            e.Property(x => x.Position).HasMaxLength(200);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<MeetingDecision>(e => e.Property(x => x.Text).HasMaxLength(2000));
        b.Entity<ActionItem>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(500);
            e.Property(x => x.OwnerAgencyCode).HasMaxLength(40);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.Due });
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.OwnerAgencyCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Updates).WithOne().HasForeignKey(x => x.ActionItemId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ActionUpdate>(e =>
        {
            e.Property(x => x.AuthorName).HasMaxLength(200);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<JointOutput>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.LeadAgencyCode).HasMaxLength(40);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Status);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.LeadAgencyCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LibraryItem>().WithMany().HasForeignKey(x => x.LibraryItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Comments).WithOne().HasForeignKey(x => x.OutputId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.SignOffs).WithOne().HasForeignKey(x => x.OutputId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<JointOutputComment>(e =>
        {
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.Property(x => x.AuthorId).HasMaxLength(450);
            e.Property(x => x.AuthorName).HasMaxLength(200);
            e.Property(x => x.Text).HasMaxLength(8000);
        });
        b.Entity<JointOutputSignOff>(e =>
        {
            e.HasKey(x => new { x.OutputId, x.AgencyCode });
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.PersonName).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Survey>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Introduction).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.HasMany(x => x.Questions).WithOne().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SurveyQuestion>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.Options).AsJson();
            e.Property(x => x.ScaleMinLabel).HasMaxLength(100);
            e.Property(x => x.ScaleMaxLabel).HasMaxLength(100);
        });
        b.Entity<SurveyResponse>(e =>
        {
            e.Property(x => x.AgencyCode).HasMaxLength(40);
            e.Property(x => x.SubmittedBy).HasMaxLength(450);
            // One answer per agency: the database decides between simultaneous submissions.
            e.HasIndex(x => new { x.SurveyId, x.AgencyCode }).IsUnique();
            e.HasOne<Survey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SurveyAnswer>(e =>
        {
            e.Property(x => x.Choices).AsJson();
            e.Property(x => x.Text).HasMaxLength(8000);
            e.HasOne<SurveyQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
