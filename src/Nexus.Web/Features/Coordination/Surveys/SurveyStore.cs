using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Npgsql;

namespace Nexus.Web.Features.Coordination.Surveys;

/// <summary>Who answered for an agency, and when.</summary>
public sealed record AnsweredBy(string? PersonName, DateTime At);

/// <summary>The reads and writes the survey pages share.</summary>
public static class SurveyStore
{
    /// <summary>A survey with its questions in order, untracked.</summary>
    public static async Task<Survey?> FindAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).FirstOrDefaultAsync(s => s.Id == id, ct);
        survey?.Questions.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Id.CompareTo(b.Id));
        return survey;
    }

    public static Task<List<SurveyResponse>> ResponsesAsync(AppDbContext db, int surveyId, CancellationToken ct) =>
        db.SurveyResponses.AsNoTracking().Include(r => r.Answers).Where(r => r.SurveyId == surveyId).ToListAsync(ct);

    /// <summary>Agency codes and acronyms, and the codes of those that were members on <paramref name="day"/>.</summary>
    public static async Task<(Dictionary<string, string> Names, List<string> Members)> AgenciesAsync(AppDbContext db, DateOnly day, CancellationToken ct)
    {
        // A couple of dozen rows: membership is read with the entity's own rule rather than restated in SQL.
        var all = await db.Agencies.AsNoTracking().ToListAsync(ct);
        return (all.ToDictionary(a => a.Code, a => a.Acronym, StringComparer.Ordinal),
            all.Where(a => a.IsMemberOn(day)).Select(a => a.Code).ToList());
    }

    /// <summary>The day membership is read on: the closing date for a survey that has closed by date, else today.</summary>
    public static DateOnly MembershipDay(Survey survey, DateOnly today) =>
        survey.ClosesOn is { } last && last < today ? last : today;

    public static async Task<AnsweredBy?> AnsweredByAsync(AppDbContext db, int surveyId, string agencyCode, CancellationToken ct)
    {
        var r = await db.SurveyResponses.AsNoTracking().Where(x => x.SurveyId == surveyId && x.AgencyCode == agencyCode)
            .Select(x => new { x.SubmittedBy, x.SubmittedAt }).FirstOrDefaultAsync(ct);
        if (r is null) return null;
        // SubmittedBy holds the account id; the name is looked up so that a renamed focal point shows as they are now.
        var user = r.SubmittedBy.Length == 0 ? null : await db.Users.AsNoTracking().Where(u => u.Id == r.SubmittedBy)
            .Select(u => new { u.FullName, u.UserName }).FirstOrDefaultAsync(ct);
        var name = user is null ? null : user.FullName is { Length: > 0 } n ? n : user.UserName;
        return new AnsweredBy(name, r.SubmittedAt);
    }

    /// <summary>
    /// Stores an agency's response and its answers in one SaveChanges (one transaction). Returns false when the
    /// agency had already answered: the unique index on (survey, agency) is what decides between two focal points
    /// of the same agency submitting at the same moment; a check before the insert would let both through.
    /// </summary>
    public static async Task<bool> TryAddResponseAsync(AppDbContext db, SurveyResponse response, CancellationToken ct)
    {
        db.SurveyResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555); not a foreign key or NOT NULL failure.
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="change"/> only while the survey is still a draft, holding the survey's row so that
    /// the chair opening it at the same moment cannot slip between the check and the change: the first statement
    /// is an UPDATE of that row (a row lock on PostgreSQL, the write lock on SQLite), which waits for an opening
    /// in progress and then sees its result. Returns false when the survey is no longer a draft (or is gone).
    /// </summary>
    public static async Task<bool> WhileDraftAsync(AppDbContext db, int surveyId, Func<Task> change, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var held = await db.Surveys.Where(s => s.Id == surveyId && s.Status == SurveyStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SurveyStatus.Draft), ct);
        if (held == 0) return false;
        await change();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
