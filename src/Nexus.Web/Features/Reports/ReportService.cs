using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Reports;

/// <summary>A section as the preview shows it: the draft, staff's edit if any, and whether the data moved since.</summary>
public sealed record SectionState(ReportSection Drafted, ReportSectionEdit? Edit)
{
    /// <summary>The edit was made from a draft that differs from today's: the data changed since.</summary>
    public bool Stale => Edit != null && Edit.BasedOnHash != Drafted.Hash;
}

public sealed record ReportView(int Year, ReportFacts Facts, ReportDocument Drafted, ReportDocument Document, IReadOnlyList<SectionState> Sections);

public enum EditOutcome { Saved, Discarded, UnknownSection, TooLong, Conflict, NotFound }

/// <summary>Drafts a year's report and keeps staff's section edits (one row per section, optimistic concurrency).</summary>
public sealed class ReportService(AppDbContext db, ReportFactsQuery facts, TimeProvider clock)
{
    public const int FirstYear = 2000, LastYear = 2100;
    public const int MaxMarkdown = 50000;

    public static bool ValidYear(int year) => year is >= FirstYear and <= LastYear;

    public async Task<ReportView> LoadAsync(int year, CancellationToken ct = default)
    {
        var f = await facts.LoadAsync(year, ct);
        var drafted = ReportDrafter.Draft(f);
        var edits = await db.ReportSections.AsNoTracking()
            .Where(s => db.ReportDrafts.Any(d => d.Id == s.DraftId && d.Year == year)).ToListAsync(ct);
        var byKey = edits.ToDictionary(e => e.SectionKey);
        var states = drafted.Sections.Select(s => new SectionState(s, byKey.GetValueOrDefault(s.Key))).ToList();
        var document = ReportDrafter.WithEdits(drafted, byKey.ToDictionary(kv => kv.Key, kv => kv.Value.Markdown));
        return new ReportView(year, f, drafted, document, states);
    }

    /// <summary>
    /// Saves staff's text for a section. <paramref name="expectedVersion"/> is the version of the edit the form was
    /// opened on (null when there was none): someone else's save in between is a conflict, never silently overwritten.
    /// </summary>
    public async Task<EditOutcome> SaveAsync(int year, string key, string markdown, string basedOnHash, int? expectedVersion, string? userId,
        CancellationToken ct = default)
    {
        if (!ReportDrafter.SectionKeys.Contains(key)) return EditOutcome.UnknownSection;
        if (markdown.Length > MaxMarkdown) return EditOutcome.TooLong;
        if (basedOnHash.Length != 64) basedOnHash = new string('0', 64);
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await db.ReportDrafts.Include(d => d.Sections).FirstOrDefaultAsync(d => d.Year == year, ct);
        if (draft == null)
        {
            draft = new ReportDraft { Year = year, CreatedAt = now, UpdatedAt = now };
            db.ReportDrafts.Add(draft);
        }
        var edit = draft.Sections.FirstOrDefault(s => s.SectionKey == key);
        if ((edit?.Version) != expectedVersion) return EditOutcome.Conflict;
        if (edit == null)
        {
            edit = new ReportSectionEdit { SectionKey = key, Markdown = markdown, BasedOnHash = basedOnHash, EditedAt = now, ByUserId = userId, Version = 1 };
            draft.Sections.Add(edit);
        }
        else
        {
            edit.Markdown = markdown;
            edit.BasedOnHash = basedOnHash;
            edit.EditedAt = now;
            edit.ByUserId = userId;
            edit.Version++;
        }
        draft.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
            return EditOutcome.Saved;
        }
        catch (DbUpdateException)
        {
            // Another save won the race (the version token, or the unique draft per year / section per draft).
            db.ChangeTracker.Clear();
            return EditOutcome.Conflict;
        }
    }

    /// <summary>Drops staff's edit so the section shows the draft again.</summary>
    public async Task<EditOutcome> DiscardAsync(int year, string key, int expectedVersion, CancellationToken ct = default)
    {
        var edit = await db.ReportSections.FirstOrDefaultAsync(s => s.SectionKey == key && db.ReportDrafts.Any(d => d.Id == s.DraftId && d.Year == year), ct);
        if (edit == null) return EditOutcome.NotFound;
        if (edit.Version != expectedVersion) return EditOutcome.Conflict;
        db.ReportSections.Remove(edit);
        try
        {
            await db.SaveChangesAsync(ct);
            return EditOutcome.Discarded;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return EditOutcome.Conflict;
        }
    }
}
