using Nexus.Web;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Calendar;
using Nexus.Web.Features.Certificates;
using Nexus.Web.Features.Coordination;
using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Coordination.Workplans;
using Nexus.Web.Features.Data;
using Nexus.Web.Features.Data.Downloads;
using Nexus.Web.Features.Events;
using Nexus.Web.Features.Library;
using Nexus.Web.Features.Projects;
using Nexus.Web.Features.Reports;
using Nexus.Web.Features.Library.Citations;
using Nexus.Web.Features.Library.Import;
using Nexus.Web.Features.Library.Oai;
using Nexus.Web.Features.Registrations;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Cli;
using Nexus.Web.Infrastructure.Email;
using Nexus.Web.Infrastructure.Localization;
using Nexus.Web.Infrastructure.Security;

// With a verb (db migrate, users add ...) the same executable runs a command instead of serving.
var command = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(NexusHosting.Options(command ? [] : args));

builder.AddNexusHosting(command);
builder.Services.AddNexusDatabase(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddNexusAccounts();
builder.Services.AddNexusEmail(builder.Configuration);
builder.Services.AddNexusRateLimits(builder.Configuration);
builder.Services.AddNexusLocalization();
builder.Services.AddNexusWeb(builder.Configuration);
builder.Services.AddEvents();
builder.Services.AddRegistrations();
builder.Services.AddLibrary(builder.Configuration);
builder.Services.AddLibraryImport();
builder.Services.AddDataPortal();
builder.Services.AddCoordination(builder.Configuration);
builder.Services.AddCertificates();
builder.Services.AddCourses();
builder.Services.AddProjects();
builder.Services.AddReports();

var app = builder.Build();

if (command) return await CommandLine.RunAsync(app.Services, args);

app.UseNexusPipeline();
app.MapNexusPages();
app.MapEventsApi();
app.MapRegistrationsApi();
app.MapCalendar();
app.MapMaterials();
app.MapLibraryApi();
app.MapLibraryFiles();
app.MapOai();
app.MapLibraryImport();
app.MapCitations();
app.MapLibraryFeeds();
app.MapDataApi();
app.MapDataDownloads();
app.MapCoordinationApi();
app.MapWorkplanApi();
app.MapCertificatesApi();
app.MapCertificateFiles();
app.MapCourses();
app.MapProjects();
app.MapReports();
app.MapNexusHealth();
app.MapCultureSwitch();

await app.InitializeAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
