using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Library;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Email;

namespace Nexus.Web.Features.Coordination.Outputs;

public enum OutputOutcome { Done, NotFound, Forbidden, Invalid, Conflict, Blocked }

/// <summary>
/// What an operation did. <see cref="Message"/> is already in the reader's language; <see cref="Errors"/> are keyed
/// by form field. <see cref="Reopened"/> tells that an edit sent a circulated output back to draft.
/// </summary>
public sealed record OutputResult(OutputOutcome Outcome, int? Id = null, FieldErrors? Errors = null, string? Message = null,
    PublicationCheck? Check = null, bool Reopened = false)
{
    public bool Ok => Outcome == OutputOutcome.Done;
}

/// <summary>The draft form's fields as typed.</summary>
public sealed record OutputInput(string? Kind, string? Title, string? Summary, string? Body, string? LeadAgency);

/// <summary>
/// Every change to a joint output: drafting, circulation, comments, sign-offs, the recorded no-objection and
/// publication into the library. Each checks who may do it (see <see cref="GroupUser"/>), changes nothing when it
/// refuses, and saves once (publication in one transaction with its library item).
/// </summary>
public sealed class JointOutputService(AppDbContext db, CoordinationAccess access, LibraryService library, JointOutputEmails emails,
    OutboxSignal signal, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public const int MaxBody = 100_000;
    // Each round of simultaneous answers lets one through: five rounds cover several focal points answering at once.
    private const int MaxAttempts = 5;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Staff and the chair draft for any member; a focal point drafts outputs led by their own agency.</summary>
    public async Task<OutputResult> CreateAsync(ClaimsPrincipal principal, OutputInput input, CancellationToken ct)
    {
        var user = await access.GetAsync(principal, ct);
        if (!user.CanEnterSpace) return Refused();
        var (values, errors) = await ValidateAsync(input, ct);
        if (values is null) return new(OutputOutcome.Invalid, Errors: errors);
        if (!user.CanEditActivity(values.Lead)) return Refused();
        var output = new JointOutput
        {
            Kind = values.Kind, Title = values.Title, Summary = values.Summary, Body = values.Body, LeadAgencyCode = values.Lead,
            Status = JointOutputStatus.Draft, CreatedAt = Now, Version = 1,
        };
        db.JointOutputs.Add(output);
        await db.SaveChangesAsync(ct);
        return new(OutputOutcome.Done, output.Id);
    }

    /// <summary>
    /// Saves an edit made on the form opened at <paramref name="expectedVersion"/>. A change to an output out for
    /// sign-off sends it back to draft and clears the answers, which were given to the old text.
    /// </summary>
    public async Task<OutputResult> UpdateAsync(ClaimsPrincipal principal, int id, OutputInput input, int expectedVersion, CancellationToken ct)
    {
        var user = await access.GetAsync(principal, ct);
        if (!user.CanEnterSpace) return Refused();
        var output = await db.JointOutputs.Include(o => o.SignOffs).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (output is null) return new(OutputOutcome.NotFound);
        if (!user.CanEditActivity(output.LeadAgencyCode)) return Refused();
        if (!JointOutputRules.CanEdit(output.Status))
            return new(OutputOutcome.Conflict, id, Message: t["A published output can no longer be edited."]);
        var (values, errors) = await ValidateAsync(input, ct);
        if (values is null) return new(OutputOutcome.Invalid, id, errors);
        // A focal point cannot hand the lead to another agency: they could not edit it any more, and it would speak for it.
        if (!user.CanEditActivity(values.Lead)) return Refused();
        if (output.Version != expectedVersion) return Stale(id);

        var changed = output.Kind != values.Kind || output.Title != values.Title || output.Summary != values.Summary
                      || output.Body != values.Body || output.LeadAgencyCode != values.Lead;
        if (!changed) return new(OutputOutcome.Done, id);
        var reopened = JointOutputRules.EditReopens(output.Status);
        (output.Kind, output.Title, output.Summary, output.Body, output.LeadAgencyCode) = (values.Kind, values.Title, values.Summary, values.Body, values.Lead);
        if (reopened)
        {
            output.Status = JointOutputStatus.Draft;
            db.JointOutputSignOffs.RemoveRange(output.SignOffs);
            output.CirculatedAt = output.AgreedAt = null;
            output.CommentsDue = output.NoObjectionDeadline = null;
        }
        output.Version++;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Stale(id); }
        return new(OutputOutcome.Done, id, Reopened: reopened);
    }

    /// <summary>
    /// The chair sends a draft to every member agency of the day, with the day comments are due and the last day to
    /// answer, and the members' focal points get an email.
    /// </summary>
    public async Task<OutputResult> CirculateAsync(ClaimsPrincipal principal, int id, string? commentsDue, string? deadline, int expectedVersion,
        CancellationToken ct)
    {
        var user = await access.GetAsync(principal, ct);
        if (!user.RunsGroup) return Refused();
        var output = await db.JointOutputs.Include(o => o.SignOffs).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (output is null) return new(OutputOutcome.NotFound);
        if (!JointOutputRules.CanMove(output.Status, JointOutputStatus.Circulated))
            return new(OutputOutcome.Conflict, id, Message: t["Only a draft can be circulated."]);

        var today = access.Today();
        var errors = new FieldErrors();
        var due = ParseDay(errors, "commentsDue", commentsDue);
        var last = ParseDay(errors, "deadline", deadline);
        if (!errors.Any)
            foreach (var (field, problem) in JointOutputRules.CheckCirculationDates(due, last, today))
                switch (problem)
                {
                    case CirculationDateProblem.Missing: errors.Add(field, "Required."); break;
                    case CirculationDateProblem.InThePast: errors.Add(field, "Give today or a later day."); break;
                    case CirculationDateProblem.TooFar: errors.Add(field, "Give a day within a year."); break;
                    default: errors.Add(field, "Comments must be due on or before the no-objection deadline."); break;
                }
        if (errors.Any) return new(OutputOutcome.Invalid, id, errors);
        if (output.Version != expectedVersion) return Stale(id);

        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        var signOffs = JointOutputRules.OpenSignOffs(agencies, today);
        if (signOffs.Count == 0)
            return new(OutputOutcome.Invalid, id, Message: t["No agency is a member of the group today, so there is nobody to circulate it to."]);
        db.JointOutputSignOffs.RemoveRange(output.SignOffs); // none after a reopening edit; kept safe all the same
        output.SignOffs.AddRange(signOffs);
        output.Status = JointOutputStatus.Circulated;
        output.CirculatedAt = Now;
        output.AgreedAt = null;
        output.CommentsDue = due;
        output.NoObjectionDeadline = last;
        output.Version++;
        await emails.CirculatedAsync(output, signOffs.Select(s => s.AgencyCode).ToList(), agencies.ToDictionary(a => a.Code, a => a.Acronym), ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Stale(id); }
        signal.Notify();
        return new(OutputOutcome.Done, id);
    }

    /// <summary>A focal point comments for their own agency, if it was asked, while the output is circulated.</summary>
    public async Task<OutputResult> CommentAsync(ClaimsPrincipal principal, int id, string? text, CancellationToken ct)
    {
        var user = await access.GetAsync(principal, ct);
        if (!user.IsFocalPoint) return Refused();
        var output = await db.JointOutputs.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.Status, Asked = o.SignOffs.Any(s => s.AgencyCode == user.AgencyCode) }).FirstOrDefaultAsync(ct);
        if (output is null) return new(OutputOutcome.NotFound);
        if (!output.Asked) return Refused();
        if (output.Status != JointOutputStatus.Circulated)
            return new(OutputOutcome.Conflict, id, Message: t["Comments are taken while the output is circulated."]);
        var errors = new FieldErrors();
        var clean = errors.Text("comment", text, 8000, required: true, multiline: true);
        if (errors.Any) return new(OutputOutcome.Invalid, id, errors);
        db.JointOutputComments.Add(new JointOutputComment
        {
            OutputId = id, AgencyCode = user.AgencyCode!, AuthorId = user.UserId!, AuthorName = Shorten(user.Name, 200), At = Now, Text = clean,
        });
        await db.SaveChangesAsync(ct);
        return new(OutputOutcome.Done, id);
    }

    /// <summary>
    /// A focal point endorses or objects for their own agency (an objection says why). <paramref name="round"/> is
    /// the circulation the person read (see <see cref="Round"/>): an answer to a text that has since changed is refused.
    /// An agency may change its answer until the output is published.
    /// </summary>
    public async Task<OutputResult> SignOffAsync(ClaimsPrincipal principal, int id, string? decision, string? note, string? round, CancellationToken ct)
    {
        var user = await access.GetAsync(principal, ct);
        if (!user.IsFocalPoint) return Refused();
        var errors = new FieldErrors();
        var answer = decision?.Trim().ToLowerInvariant() switch
        {
            "endorsed" => SignOffDecision.Endorsed,
            "objected" => SignOffDecision.Objected,
            _ => (SignOffDecision?)null,
        };
        if (answer is null) errors.Add("decision", "Choose endorse or object.");
        var cleanNote = errors.Text("note", note, 2000, required: false, multiline: true);
        if (answer == SignOffDecision.Objected && cleanNote.Length == 0 && !errors.Any)
            errors.Add("note", "Say why your agency objects.");

        return await WithRetriesAsync(id, async output =>
        {
            var row = output.SignOffs.FirstOrDefault(s => s.AgencyCode == user.AgencyCode);
            if (row is null) return Refused();
            if (!JointOutputRules.AcceptsAnswers(output.Status))
                return new(OutputOutcome.Conflict, id, Message: t["The output is not out for sign-off."]);
            if (round != Round(output.CirculatedAt))
                return new(OutputOutcome.Conflict, id, Message: t["The output was changed and circulated again since you opened it: read the current text before answering."]);
            if (errors.Any) return new(OutputOutcome.Invalid, id, errors);
            row.Decision = answer!.Value;
            row.At = Now;
            row.UserId = user.UserId;
            row.PersonName = Shorten(user.Name, 200);
            row.Note = cleanNote.Length > 0 ? cleanNote : null;
            Settle(output);
            return new(OutputOutcome.Done, id);
        }, ct);
    }

    /// <summary>Once the deadline has passed, the chair records the silence of the agencies that did not answer.</summary>
    public async Task<OutputResult> RecordNoObjectionAsync(ClaimsPrincipal principal, int id, CancellationToken ct)
    {
        var user = await access.GetAsync(principal, ct);
        if (!user.RunsGroup) return Refused();
        var today = access.Today();
        return await WithRetriesAsync(id, output =>
        {
            if (output.Status != JointOutputStatus.Circulated)
                return Task.FromResult(new OutputResult(OutputOutcome.Conflict, id, Message: t["The output is not waiting for answers."]));
            if (!JointOutputRules.DeadlinePassed(output.NoObjectionDeadline, today))
                return Task.FromResult(new OutputResult(OutputOutcome.Conflict, id,
                    Message: t["The no-objection deadline ({0}) has not passed yet.", Day(output.NoObjectionDeadline)]));
            RecordSilence(output, user);
            Settle(output);
            return Task.FromResult(new OutputResult(OutputOutcome.Done, id));
        }, ct);
    }

    /// <summary>
    /// Publishes an agreed output (or a circulated one whose silent agencies passed the deadline, recording their
    /// no-objection) as a published library item naming the agencies that endorsed it. One transaction: the item
    /// and the output's new status are saved together or not at all.
    /// </summary>
    public async Task<OutputResult> PublishAsync(ClaimsPrincipal principal, int id, CancellationToken ct)
    {
        var user = await access.GetAsync(principal, ct);
        if (!user.RunsGroup) return Refused();
        var output = await db.JointOutputs.Include(o => o.SignOffs).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (output is null) return new(OutputOutcome.NotFound);
        var today = access.Today();
        var acronyms = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Acronym, ct);
        var check = JointOutputRules.CheckPublication(output.Status, output.SignOffs, output.NoObjectionDeadline, today, acronyms);
        if (!check.CanPublish) return new(OutputOutcome.Blocked, id, Check: check);

        RecordSilence(output, user);
        Settle(output);
        if (output.Status != JointOutputStatus.Agreed)
        {
            // The rules and the rows disagree: never publish then.
            db.ChangeTracker.Clear();
            return new(OutputOutcome.Blocked, id, Check: check);
        }
        var editor = await library.EditorAsync(principal, ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The library service joins this transaction instead of committing on its own.
            var created = await library.CreateAsync(LibraryContent(output, acronyms, today), editor, publish: true, ct);
            output.LibraryItemId = created.Item!.Id;
            output.Status = JointOutputStatus.Published;
            output.PublishedAt = Now;
            output.Version++;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale(id);
        }
        return new(OutputOutcome.Done, id);
    }

    /// <summary>The circulation a sign-off form was shown for: the moment of circulation, to the tick.</summary>
    public static string? Round(DateTime? circulatedAt) => circulatedAt?.Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>The library item for a publication: the text, then which agencies endorsed it and which did not object.</summary>
    public static ItemContent LibraryContent(JointOutput output, IReadOnlyDictionary<string, string> acronyms, DateOnly today)
    {
        string Names(SignOffDecision d) => string.Join(", ", output.SignOffs.Where(s => s.Decision == d)
            .Select(s => acronyms.GetValueOrDefault(s.AgencyCode, s.AgencyCode)).Order(StringComparer.OrdinalIgnoreCase));
        var endorsed = Names(SignOffDecision.Endorsed);
        var silent = Names(SignOffDecision.NoObjection);
        var body = new StringBuilder(output.Body.TrimEnd()).Append("\n\n---\n\n");
        body.Append(endorsed.Length > 0 ? $"Endorsed by {endorsed}." : "No agency endorsed this text explicitly.");
        if (silent.Length > 0) body.Append($"\n\nDid not object by the deadline: {silent}.");
        return new ItemContent
        {
            Kind = JointOutputText.LibraryKind(output.Kind),
            Texts = [new ItemText
            {
                Language = "en", Title = output.Title,
                Abstract = output.Summary is { Length: > 0 } s ? s : Markdown.Excerpt(output.Body, 300),
                Body = body.ToString(),
            }],
            Agencies = output.SignOffs.Where(s => s.Decision == SignOffDecision.Endorsed).Select(s => s.AgencyCode).Order(StringComparer.Ordinal).ToList(),
            PublishedOn = today,
        };
    }

    // ---- steps ------------------------------------------------------------------------------------------------

    private sealed record Values(JointOutputKind Kind, string Title, string? Summary, string Body, string Lead);

    private async Task<(Values? Values, FieldErrors Errors)> ValidateAsync(OutputInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!Codes.TryParse<JointOutputKind>(input.Kind, out var kind))
            errors.Add("kind", "Choose one of: {0}.", string.Join(", ", Codes.All<JointOutputKind>()));
        var title = errors.Text("title", input.Title, 300, required: true);
        var summary = errors.Text("summary", input.Summary, 4000, required: false, multiline: true);
        var body = errors.Text("body", input.Body, MaxBody, required: true, multiline: true);
        var lead = (input.LeadAgency ?? "").Trim().ToLowerInvariant();
        var today = access.Today();
        var agency = lead.Length is 0 or > 40 ? null : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == lead, ct);
        if (agency is null) errors.Add("leadAgency", "Choose a member agency.");
        else if (!agency.IsMemberOn(today)) errors.Add("leadAgency", "{0} is not a member of the group.", agency.Acronym);
        if (errors.Any) return (null, errors);
        return (new Values(kind, title, summary.Length > 0 ? summary : null, body, lead), errors);
    }

    /// <summary>
    /// Runs a change on a freshly loaded output and saves it; when another answer was saved meanwhile (the version
    /// moved), the change is worked out again on the new state, since answers of different agencies do not clash.
    /// </summary>
    private async Task<OutputResult> WithRetriesAsync(int id, Func<JointOutput, Task<OutputResult>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var output = await db.JointOutputs.Include(o => o.SignOffs).FirstOrDefaultAsync(o => o.Id == id, ct);
            if (output is null) return new(OutputOutcome.NotFound);
            var result = await change(output);
            if (!result.Ok)
            {
                db.ChangeTracker.Clear();
                return result;
            }
            output.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Stale(id);
            }
        }
    }

    /// <summary>Pending answers become a recorded no-objection once the deadline has passed.</summary>
    private void RecordSilence(JointOutput output, GroupUser recordedBy)
    {
        if (!JointOutputRules.DeadlinePassed(output.NoObjectionDeadline, access.Today())) return;
        foreach (var s in output.SignOffs.Where(s => s.Decision == SignOffDecision.Pending))
        {
            s.Decision = SignOffDecision.NoObjection;
            s.At = Now;
            s.UserId = recordedBy.UserId;
            s.PersonName = Shorten(recordedBy.Name, 200);
        }
    }

    /// <summary>Moves the status after a change of answers, and stamps or clears the moment of agreement.</summary>
    private void Settle(JointOutput output)
    {
        var next = JointOutputRules.AfterAnswers(output.Status, output.SignOffs);
        if (next == output.Status) return;
        output.Status = next;
        output.AgreedAt = next == JointOutputStatus.Agreed ? Now : null;
    }

    private static DateOnly? ParseDay(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Length <= 10 && DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors.Add(field, "Give a date as yyyy-mm-dd.");
        return null;
    }

    private static string Day(DateOnly? day) => day?.ToString("D", CultureInfo.CurrentCulture) ?? "";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];

    private static OutputResult Refused() => new(OutputOutcome.Forbidden);

    private OutputResult Stale(int id) => new(OutputOutcome.Conflict, id, Message: t[
        "Someone else changed this output while you were working on it, so your change was not saved. Reload the page, check the current state and try again."]);
}
