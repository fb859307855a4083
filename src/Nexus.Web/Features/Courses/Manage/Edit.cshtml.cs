using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Caching;

namespace Nexus.Web.Features.Courses.Manage;

public sealed record ModuleRow(int Id, int Order, string Title, bool Required, int Sessions, int Quizzes)
{
    /// <summary>A module that sessions or quizzes use stays: removing it would orphan them.</summary>
    public bool Removable => Sessions == 0 && Quizzes == 0;
}

/// <summary>
/// Create a course or edit it (title, address, description, language, hours, completion rule, published), with its
/// modules (order, removal) and runs. Saves are checked against the course's Version, so two editors never overwrite
/// each other unknowingly.
/// </summary>
public class EditModel(AppDbContext db, ProgrammeChanges changes, TimeProvider clock, IStringLocalizer<SharedResource> t) : CourseManagePage(t)
{
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Summary { get; set; }
        public string? Description { get; set; }
        public string? Language { get; set; } = "en";
        public string? Hours { get; set; }
        public bool Published { get; set; }
        public string? MinAttendancePercent { get; set; } = "75";
        public bool RequireModuleQuizzes { get; set; } = true;
        /// <summary>The Version the form was shown with.</summary>
        public int Version { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? Id { get; private set; }
    /// <summary>The stored address and state, for the link to the public page.</summary>
    public string? StoredSlug { get; private set; }
    public bool StoredPublished { get; private set; }
    public List<ModuleRow> Modules { get; private set; } = [];
    public List<RunView> Runs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is null) return Page();
        var c = await db.Courses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return NotFound();
        Input = new InputModel
        {
            Title = c.Title, Slug = c.Slug, Summary = c.Summary, Description = c.DescriptionMarkdown, Language = c.Language,
            Hours = c.Hours?.ToString("0.#", CultureInfo.InvariantCulture), Published = c.Published,
            MinAttendancePercent = c.MinAttendancePercent.ToString(CultureInfo.InvariantCulture),
            RequireModuleQuizzes = c.RequireModuleQuizzes, Version = c.Version,
        };
        await LoadAsync(c, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var course = id is null ? new Course { Title = "" } : await db.Courses.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (course is null) return NotFound();
        var errors = new FieldErrors();
        var f = CourseForms.Course(Input.Title, Input.Slug, Input.Summary, Input.Description, Input.Language, Input.Hours,
            Input.Published, Input.MinAttendancePercent, Input.RequireModuleQuizzes, errors);
        if (f is not null && await SlugTakenAsync(f.Slug, id, ct)) errors.Add("slug", "Another course already has this address.");
        if (f is null || errors.Any) return await AgainAsync(course, errors, ct);
        var version = PostedVersion(Input.Version);
        if (id is not null && version != course.Version) return await StaleAsync(course, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var publishing = id is not null && course.Published != f.Published;
        (course.Title, course.Slug, course.Summary, course.DescriptionMarkdown, course.Language, course.Hours, course.Published) =
            (f.Title, f.Slug, f.Summary, f.Description, f.Language, f.Hours, f.Published);
        (course.MinAttendancePercent, course.RequireModuleQuizzes, course.UpdatedAt) = (f.MinAttendancePercent, f.RequireModuleQuizzes, now);
        if (id is null)
        {
            course.CreatedAt = now;
            db.Courses.Add(course);
        }
        else
        {
            // The update only applies if nobody saved since the form was shown (Version is the concurrency token).
            db.Entry(course).Property(c => c.Version).OriginalValue = version;
            course.Version = version + 1;
        }
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (publishing) await ShowSessionsAsync(course.Id, f.Published, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Courses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            return current is null ? NotFound() : await StaleAsync(current, ct);
        }
        catch (DbUpdateException)
        {
            // Another course took the address between the check and the save: the unique index decided.
            db.ChangeTracker.Clear();
            if (!await SlugTakenAsync(f.Slug, id, ct)) throw;
            errors.Add("slug", "Another course already has this address.");
            return await AgainAsync(id is null ? new Course { Title = "" } : await db.Courses.AsNoTracking().FirstAsync(x => x.Id == id, ct), errors, ct);
        }
        if (publishing) await changes.ChangedAsync(ct);
        return Done(CourseLinks.Manage(course.Id), id is null ? Localizer["Course created."] : Localizer["Course saved."]);
    }

    /// <summary>
    /// The sessions of a course are events of the programme, listed with the others only while the course is
    /// published. Cancelled or held sessions keep their status. (Run events stay published: staff enrol before publishing.)
    /// </summary>
    private Task<int> ShowSessionsAsync(int courseId, bool published, CancellationToken ct)
    {
        var (from, to) = published ? (EventStatus.Draft, EventStatus.Published) : (EventStatus.Published, EventStatus.Draft);
        return db.Events.Where(e => e.Status == from && db.CourseSessions.Any(s => s.EventId == e.Id && s.Run!.CourseId == courseId))
            .ExecuteUpdateAsync(x => x.SetProperty(e => e.Status, to), ct);
    }

    /// <summary>Moves a module one place up or down; the others keep their order.</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id, int moduleId, string? direction, CancellationToken ct)
    {
        var modules = await db.CourseModules.Where(m => m.CourseId == id).OrderBy(m => m.Order).ThenBy(m => m.Id).ToListAsync(ct);
        var index = modules.FindIndex(m => m.Id == moduleId);
        if (index < 0) return NotFound();
        var other = direction == "up" ? index - 1 : index + 1;
        if (other >= 0 && other < modules.Count) (modules[index], modules[other]) = (modules[other], modules[index]);
        Renumber(modules);
        await db.SaveChangesAsync(ct);
        return Done(CourseLinks.Manage(id) + "#modules", Localizer["Module order saved."]);
    }

    public async Task<IActionResult> OnPostRemoveModuleAsync(int id, int moduleId, CancellationToken ct)
    {
        var module = await db.CourseModules.FirstOrDefaultAsync(m => m.Id == moduleId && m.CourseId == id, ct);
        if (module is null) return NotFound();
        if (await db.CourseSessions.AnyAsync(s => s.ModuleId == moduleId, ct) || await db.Quizzes.AnyAsync(q => q.ModuleId == moduleId, ct))
            return Done(CourseLinks.Manage(id) + "#modules", Localizer["The module {0} has sessions or quizzes: move or remove them first.", module.Title]);
        db.CourseModules.Remove(module);
        Renumber(await db.CourseModules.Where(m => m.CourseId == id && m.Id != moduleId).OrderBy(m => m.Order).ThenBy(m => m.Id).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        return Done(CourseLinks.Manage(id) + "#modules", Localizer["Module removed."]);
    }

    private static void Renumber(List<CourseModule> modules)
    {
        for (var i = 0; i < modules.Count; i++) modules[i].Order = i + 1;
    }

    private Task<bool> SlugTakenAsync(string slug, int? id, CancellationToken ct) =>
        db.Courses.AnyAsync(c => c.Slug == slug && c.Id != (id ?? 0), ct);

    private async Task<IActionResult> AgainAsync(Course stored, FieldErrors errors, CancellationToken ct)
    {
        Show(errors);
        if (stored.Id != 0)
        {
            db.Entry(stored).State = EntityState.Detached;
            await LoadAsync(stored, ct);
        }
        return Page();
    }

    /// <summary>Someone saved the course since this form was shown: keep what was typed, say so, show their version's number.</summary>
    private async Task<IActionResult> StaleAsync(Course current, CancellationToken ct)
    {
        Errors["form"] = Localizer["Someone else saved this course while you were editing it. Your changes are not saved: reload the page to see theirs, then make yours again."];
        if (db.Entry(current).State != EntityState.Detached) db.Entry(current).State = EntityState.Detached;
        await LoadAsync(current, ct);
        return Page();
    }

    private async Task LoadAsync(Course c, CancellationToken ct)
    {
        (Id, StoredSlug, StoredPublished) = (c.Id, c.Slug, c.Published);
        Modules = await db.CourseModules.AsNoTracking().Where(m => m.CourseId == c.Id).OrderBy(m => m.Order).ThenBy(m => m.Id)
            .Select(m => new ModuleRow(m.Id, m.Order, m.Title, m.Required,
                db.CourseSessions.Count(s => s.ModuleId == m.Id), db.Quizzes.Count(q => q.ModuleId == m.Id)))
            .ToListAsync(ct);
        Runs = await CourseCatalogue.RunsAsync(db, db.CourseRuns.Where(r => r.CourseId == c.Id), clock.GetUtcNow().UtcDateTime, publicOnly: false, ct);
    }
}
