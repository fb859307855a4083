using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Web.Data;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Coordination.Chairs;

/// <summary>
/// The one write path for chairmanship terms and the rotation order. Every change is checked against all terms
/// with <see cref="Rotation.Validate"/>: an overlap or reversed dates are refused, a gap is saved and flagged.
/// </summary>
public sealed class ChairService(AppDbContext db, IOptions<CoordinationOptions> options)
{
    public Task<List<ChairTerm>> TermsAsync(CancellationToken ct) =>
        db.ChairTerms.AsNoTracking().OrderBy(t => t.Start).ToListAsync(ct);

    public async Task<Troika<ChairTerm>> TroikaAsync(DateOnly day, CancellationToken ct)
    {
        // Only the terms next to the day matter, but a plan is a few dozen rows: read them all and let the rule decide.
        var terms = await TermsAsync(ct);
        return Rotation.For(terms, ToTerm, day);
    }

    public static Term ToTerm(ChairTerm t) => new(t.AgencyCode, t.Start, t.End);

    /// <summary>Adds (id null) or changes a term. New terms get the configured handover checklist.</summary>
    public async Task<ChairTerm?> SaveAsync(int? id, string? agencyCode, DateOnly? start, DateOnly? end, string? note, FieldErrors errors, CancellationToken ct)
    {
        var cleanNote = errors.Text("note", note, 1000, required: false, multiline: true);
        if (start is null) errors.Add("start", "Enter the first day of the term.");
        if (end is null) errors.Add("end", "Enter the last day of the term.");
        if (string.IsNullOrWhiteSpace(agencyCode) || !await db.Agencies.AnyAsync(a => a.Code == agencyCode, ct))
            errors.Add("agency", "Choose the agency that chairs.");
        if (start is { } s && end is { } e)
        {
            if (e < s) errors.Add("end", "The term ends before it starts.");
            else if (s.Year < 1990 || e.Year > 2200) errors.Add("start", "The dates are outside any plausible chairmanship.");
        }
        if (errors.Any) return null;

        var term = id is null ? new ChairTerm() : await db.ChairTerms.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (term is null) { errors.Add("id", "This term no longer exists."); return null; }
        term.AgencyCode = agencyCode!;
        term.Start = start!.Value;
        term.End = end!.Value;
        term.Note = cleanNote.Length == 0 ? null : cleanNote;

        var others = await db.ChairTerms.AsNoTracking().Where(t => t.Id != term.Id).ToListAsync(ct);
        if (Conflict(others.Append(term).ToList(), term) is { } clash)
        {
            var acronym = await db.Agencies.Where(a => a.Code == clash.AgencyCode).Select(a => a.Acronym).FirstAsync(ct);
            errors.Add("start", "The term overlaps {0}'s term from {1} to {2}.", acronym, clash.Start.ToString("yyyy-MM-dd"), clash.End.ToString("yyyy-MM-dd"));
            return null;
        }
        if (id is null)
        {
            term.Handover = options.Value.HandoverChecklist.Select((title, i) => new HandoverTask { Position = i, Title = title }).ToList();
            db.ChairTerms.Add(term);
        }
        await db.SaveChangesAsync(ct);
        return term;
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken ct) =>
        await db.ChairTerms.Where(t => t.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Generates the next <paramref name="count"/> terms from the rotation order and saves them.</summary>
    public async Task<List<ChairTerm>> GenerateAsync(int count, int? months, DateOnly firstStart, FieldErrors errors, CancellationToken ct)
    {
        var length = months ?? options.Value.TermMonths;
        if (count is < 1 or > 20) errors.Add("count", "Generate between 1 and 20 terms at a time.");
        if (length is < 1 or > 60) errors.Add("months", "A term lasts 1 to 60 months.");
        var order = await db.RotationSlots.AsNoTracking().OrderBy(s => s.Position).Select(s => s.AgencyCode).ToListAsync(ct);
        if (order.Count == 0) errors.Add("order", "Agree a rotation order first.");
        if (errors.Any) return [];
        var existing = await db.ChairTerms.AsNoTracking().ToListAsync(ct);
        var generated = Rotation.Generate(existing.Select(ToTerm).ToList(), order, length, count, firstStart)
            .Select(t => new ChairTerm
            {
                AgencyCode = t.AgencyCode, Start = t.Start, End = t.End,
                Handover = options.Value.HandoverChecklist.Select((title, i) => new HandoverTask { Position = i, Title = title }).ToList(),
            }).ToList();
        db.ChairTerms.AddRange(generated);
        await db.SaveChangesAsync(ct);
        return generated;
    }

    /// <summary>Replaces the rotation order with <paramref name="agencyCodes"/> (each member once).</summary>
    public async Task<bool> SetOrderAsync(IReadOnlyList<string> agencyCodes, FieldErrors errors, CancellationToken ct)
    {
        var codes = agencyCodes.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (codes.Count == 0) errors.Add("order", "List at least one agency.");
        var dupes = codes.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupes.Count > 0) errors.Add("order", "Each agency appears once in the order: {0} is listed twice.", string.Join(", ", dupes));
        var known = await db.Agencies.Where(a => codes.Contains(a.Code)).Select(a => a.Code).ToListAsync(ct);
        var unknown = codes.Except(known).ToList();
        if (unknown.Count > 0) errors.Add("order", "Unknown agency: {0}.", string.Join(", ", unknown.Select(u => u.Length > 40 ? u[..40] : u)));
        if (errors.Any) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.RotationSlots.ExecuteDeleteAsync(ct);
        db.RotationSlots.AddRange(codes.Select((c, i) => new RotationSlot { Position = i, AgencyCode = c }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> SetHandoverDoneAsync(int taskId, bool done, string by, DateTime now, CancellationToken ct)
    {
        var task = await db.HandoverTasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return false;
        task.DoneAt = done ? now : null;
        task.DoneBy = done ? (by.Length > 200 ? by[..200] : by) : null;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<HandoverTask?> AddHandoverTaskAsync(int termId, string? title, FieldErrors errors, CancellationToken ct)
    {
        var text = errors.Text("title", title, 300, required: true);
        if (errors.Any) return null;
        if (!await db.ChairTerms.AnyAsync(t => t.Id == termId, ct)) { errors.Add("title", "This term no longer exists."); return null; }
        var position = await db.HandoverTasks.Where(t => t.TermId == termId).Select(t => (int?)t.Position).MaxAsync(ct) ?? -1;
        var task = new HandoverTask { TermId = termId, Position = position + 1, Title = text };
        db.HandoverTasks.Add(task);
        await db.SaveChangesAsync(ct);
        return task;
    }

    /// <summary>The first term that <paramref name="changed"/> overlaps, if any.</summary>
    private static ChairTerm? Conflict(List<ChairTerm> all, ChairTerm changed)
    {
        var index = all.IndexOf(changed);
        var clash = Rotation.Validate(all.Select(ToTerm).ToList())
            .FirstOrDefault(p => p.Kind == TermProblemKind.Overlap && (p.Index == index || p.OtherIndex == index));
        return clash is null ? null : all[clash.Index == index ? clash.OtherIndex!.Value : clash.Index];
    }
}
