using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;

namespace Nexus.Web.Features.Coordination.Workplans;

public enum SaveOutcome { Saved, Conflict }

/// <summary>
/// Saves a change to an activity against the version the person's form was opened at. The version is compared in the
/// UPDATE itself, so of two focal points saving at the same moment one wins and the other is told, instead of the
/// second silently overwriting the first. Whatever else the context holds (a note, evidence) is saved with it or not at all.
/// </summary>
public static class ActivitySaves
{
    public static async Task<SaveOutcome> SaveAsync(AppDbContext db, WorkplanActivity tracked, int expectedVersion, CancellationToken ct)
    {
        if (tracked.Version != expectedVersion) return SaveOutcome.Conflict;
        db.Entry(tracked).Property(a => a.Version).OriginalValue = expectedVersion;
        tracked.Version = expectedVersion + 1;
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveOutcome.Conflict;
        }
    }
}
