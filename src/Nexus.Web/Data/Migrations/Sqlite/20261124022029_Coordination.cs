using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nexus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Coordination : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AgencyCode",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Agencies",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "MemberSince",
                table: "Agencies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MemberUntil",
                table: "Agencies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChairTerms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChairTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChairTerms_Agencies_AgencyCode",
                        column: x => x.AgencyCode,
                        principalTable: "Agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JointOutputs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    LeadAgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CommentsDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoObjectionDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CirculatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AgreedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LibraryItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointOutputs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JointOutputs_Agencies_LeadAgencyCode",
                        column: x => x.LeadAgencyCode,
                        principalTable: "Agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JointOutputs_LibraryItems_LibraryItemId",
                        column: x => x.LibraryItemId,
                        principalTable: "LibraryItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Agenda = table.Column<string>(type: "TEXT", nullable: true),
                    Minutes = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RotationSlots",
                columns: table => new
                {
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotationSlots", x => x.Position);
                    table.ForeignKey(
                        name: "FK_RotationSlots_Agencies_AgencyCode",
                        column: x => x.AgencyCode,
                        principalTable: "Agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Surveys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Introduction = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workplans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AdoptedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workplans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HandoverTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TermId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandoverTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HandoverTasks_ChairTerms_TermId",
                        column: x => x.TermId,
                        principalTable: "ChairTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GroupDocumentVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    ChangeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ApprovedAtMeetingId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupDocumentVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupDocumentVersions_GroupDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "GroupDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JointOutputComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutputId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointOutputComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JointOutputComments_JointOutputs_OutputId",
                        column: x => x.OutputId,
                        principalTable: "JointOutputs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JointOutputSignOffs",
                columns: table => new
                {
                    OutputId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointOutputSignOffs", x => new { x.OutputId, x.AgencyCode });
                    table.ForeignKey(
                        name: "FK_JointOutputSignOffs_Agencies_AgencyCode",
                        column: x => x.AgencyCode,
                        principalTable: "Agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JointOutputSignOffs_JointOutputs_OutputId",
                        column: x => x.OutputId,
                        principalTable: "JointOutputs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerAgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemindedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionItems_Agencies_OwnerAgencyCode",
                        column: x => x.OwnerAgencyCode,
                        principalTable: "Agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionItems_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingDecisions_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingParticipants_Agencies_AgencyCode",
                        column: x => x.AgencyCode,
                        principalTable: "Agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingParticipants_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Options = table.Column<string>(type: "TEXT", nullable: false),
                    ScaleMin = table.Column<int>(type: "INTEGER", nullable: false),
                    ScaleMax = table.Column<int>(type: "INTEGER", nullable: false),
                    ScaleMinLabel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ScaleMaxLabel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyQuestions_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_Agencies_AgencyCode",
                        column: x => x.AgencyCode,
                        principalTable: "Agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkplanPillars",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkplanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkplanPillars", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkplanPillars_Workplans_WorkplanId",
                        column: x => x.WorkplanId,
                        principalTable: "Workplans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionUpdates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionUpdates_ActionItems_ActionItemId",
                        column: x => x.ActionItemId,
                        principalTable: "ActionItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionUpdates_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SurveyAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Choices = table.Column<string>(type: "TEXT", nullable: false),
                    Scale = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyAnswers_SurveyQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "SurveyQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SurveyAnswers_SurveyResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "SurveyResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkplanObjectives",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PillarId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ExpectedOutcomes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkplanObjectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkplanObjectives_WorkplanPillars_PillarId",
                        column: x => x.PillarId,
                        principalTable: "WorkplanPillars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkplanActivities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ObjectiveId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LeadAgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContributingAgencies = table.Column<string>(type: "TEXT", nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkplanActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkplanActivities_Agencies_LeadAgencyCode",
                        column: x => x.LeadAgencyCode,
                        principalTable: "Agencies",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkplanActivities_WorkplanObjectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "WorkplanObjectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceLinks_WorkplanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "WorkplanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressNotes_WorkplanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "WorkplanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "fao",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "SpecialisedAgency", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "ilo",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "SpecialisedAgency", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "iom",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "OtherInternationalOrganisation", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "macarthur",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "Other", null, null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "ohchr",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "UnEntity", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "regional-commissions",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "RegionalCommission", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "unctad",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "UnEntity", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "undesa",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "UnEntity", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "undp",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "FundOrProgramme", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "unesco",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "SpecialisedAgency", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "unfpa",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "FundOrProgramme", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "unhcr",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "UnEntity", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "unicef",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "FundOrProgramme", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "unifem",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "FundOrProgramme", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "unitar",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "UnEntity", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "unodc",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "UnEntity", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "who",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "SpecialisedAgency", new DateOnly(2009, 6, 1), null });

            migrationBuilder.UpdateData(
                table: "Agencies",
                keyColumn: "Code",
                keyValue: "worldbank",
                columns: new[] { "Kind", "MemberSince", "MemberUntil" },
                values: new object[] { "InternationalFinancialInstitution", new DateOnly(2009, 6, 1), null });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_AgencyCode",
                table: "AspNetUsers",
                column: "AgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_MeetingId",
                table: "ActionItems",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_OwnerAgencyCode",
                table: "ActionItems",
                column: "OwnerAgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_Status_Due",
                table: "ActionItems",
                columns: new[] { "Status", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionUpdates_ActionItemId",
                table: "ActionUpdates",
                column: "ActionItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionUpdates_MeetingId",
                table: "ActionUpdates",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ChairTerms_AgencyCode",
                table: "ChairTerms",
                column: "AgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_ChairTerms_Start",
                table: "ChairTerms",
                column: "Start");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_ActivityId",
                table: "EvidenceLinks",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupDocumentVersions_DocumentId_Number",
                table: "GroupDocumentVersions",
                columns: new[] { "DocumentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HandoverTasks_TermId",
                table: "HandoverTasks",
                column: "TermId");

            migrationBuilder.CreateIndex(
                name: "IX_JointOutputComments_OutputId",
                table: "JointOutputComments",
                column: "OutputId");

            migrationBuilder.CreateIndex(
                name: "IX_JointOutputs_LeadAgencyCode",
                table: "JointOutputs",
                column: "LeadAgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_JointOutputs_LibraryItemId",
                table: "JointOutputs",
                column: "LibraryItemId");

            migrationBuilder.CreateIndex(
                name: "IX_JointOutputs_Status",
                table: "JointOutputs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_JointOutputSignOffs_AgencyCode",
                table: "JointOutputSignOffs",
                column: "AgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingDecisions_MeetingId",
                table: "MeetingDecisions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_AgencyCode",
                table: "MeetingParticipants",
                column: "AgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingParticipants_MeetingId",
                table: "MeetingParticipants",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Date",
                table: "Meetings",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressNotes_ActivityId",
                table: "ProgressNotes",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_RotationSlots_AgencyCode",
                table: "RotationSlots",
                column: "AgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswers_QuestionId",
                table: "SurveyAnswers",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswers_ResponseId",
                table: "SurveyAnswers",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyQuestions_SurveyId",
                table: "SurveyQuestions",
                column: "SurveyId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_AgencyCode",
                table: "SurveyResponses",
                column: "AgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_SurveyId_AgencyCode",
                table: "SurveyResponses",
                columns: new[] { "SurveyId", "AgencyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkplanActivities_LeadAgencyCode",
                table: "WorkplanActivities",
                column: "LeadAgencyCode");

            migrationBuilder.CreateIndex(
                name: "IX_WorkplanActivities_ObjectiveId",
                table: "WorkplanActivities",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkplanObjectives_PillarId",
                table: "WorkplanObjectives",
                column: "PillarId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkplanPillars_WorkplanId",
                table: "WorkplanPillars",
                column: "WorkplanId");

            migrationBuilder.CreateIndex(
                name: "IX_Workplans_Year",
                table: "Workplans",
                column: "Year",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Agencies_AgencyCode",
                table: "AspNetUsers",
                column: "AgencyCode",
                principalTable: "Agencies",
                principalColumn: "Code",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Agencies_AgencyCode",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ActionUpdates");

            migrationBuilder.DropTable(
                name: "EvidenceLinks");

            migrationBuilder.DropTable(
                name: "GroupDocumentVersions");

            migrationBuilder.DropTable(
                name: "HandoverTasks");

            migrationBuilder.DropTable(
                name: "JointOutputComments");

            migrationBuilder.DropTable(
                name: "JointOutputSignOffs");

            migrationBuilder.DropTable(
                name: "MeetingDecisions");

            migrationBuilder.DropTable(
                name: "MeetingParticipants");

            migrationBuilder.DropTable(
                name: "ProgressNotes");

            migrationBuilder.DropTable(
                name: "RotationSlots");

            migrationBuilder.DropTable(
                name: "SurveyAnswers");

            migrationBuilder.DropTable(
                name: "ActionItems");

            migrationBuilder.DropTable(
                name: "GroupDocuments");

            migrationBuilder.DropTable(
                name: "ChairTerms");

            migrationBuilder.DropTable(
                name: "JointOutputs");

            migrationBuilder.DropTable(
                name: "WorkplanActivities");

            migrationBuilder.DropTable(
                name: "SurveyQuestions");

            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropTable(
                name: "WorkplanObjectives");

            migrationBuilder.DropTable(
                name: "Surveys");

            migrationBuilder.DropTable(
                name: "WorkplanPillars");

            migrationBuilder.DropTable(
                name: "Workplans");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_AgencyCode",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "AgencyCode",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "MemberSince",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "MemberUntil",
                table: "Agencies");
        }
    }
}
