using Nexus.Web.Features.Agencies;

namespace Nexus.Web.Features.Coordination.Outputs;

/// <summary>Why an agency holds up publication.</summary>
public enum BlockReason
{
    /// <summary>Not answered, and the no-objection deadline has not passed (or none was set).</summary>
    NoAnswer,
    /// <summary>Objected: blocks until the agency changes its answer, whatever the deadline.</summary>
    Objected,
}

/// <summary>One agency holding up publication; <see cref="Acronym"/> is the code when no name was given.</summary>
public sealed record PublicationBlocker(string AgencyCode, string Acronym, BlockReason Reason, string? Note);

/// <summary>What stops publication apart from the agencies' answers.</summary>
public enum PublishProblem { None, NotCirculated, AlreadyPublished, NoSignatories, Blocked }

public enum CirculationDateProblem { Missing, InThePast, AfterDeadline, TooFar }

public sealed record PublicationCheck(PublishProblem Problem, IReadOnlyList<PublicationBlocker> Blockers)
{
    public bool CanPublish => Problem == PublishProblem.None;
}

/// <summary>
/// The rules of a joint output's life: who signs off, when the answers allow publication, which status changes are
/// allowed. Pure functions of their inputs (dates are calendar days in the group's time zone), so each boundary is
/// a unit test.
/// </summary>
public static class JointOutputRules
{
    /// <summary>
    /// The agencies that must sign off an output circulated on <paramref name="day"/>: the group's members that
    /// day, by code. An agency that joins later was never asked and does not hold the output up.
    /// </summary>
    public static List<string> Signatories(IEnumerable<Agency> agencies, DateOnly day) =>
        agencies.Where(a => a.IsMemberOn(day)).Select(a => a.Code).Order(StringComparer.Ordinal).ToList();

    /// <summary>The sign-off rows created at circulation, one per signatory, all waiting for an answer.</summary>
    public static List<JointOutputSignOff> OpenSignOffs(IEnumerable<Agency> agencies, DateOnly day) =>
        Signatories(agencies, day).Select(code => new JointOutputSignOff { AgencyCode = code, Decision = SignOffDecision.Pending }).ToList();

    /// <summary>The deadline is the last day to answer: silence counts from the day after it.</summary>
    public static bool DeadlinePassed(DateOnly? deadline, DateOnly today) => deadline is { } d && today > d;

    /// <summary>An answer as publication sees it on <paramref name="today"/>: silence after the deadline is no objection.</summary>
    public static SignOffDecision Effective(SignOffDecision decision, DateOnly? deadline, DateOnly today) =>
        decision == SignOffDecision.Pending && DeadlinePassed(deadline, today) ? SignOffDecision.NoObjection : decision;

    public static bool Accepts(SignOffDecision decision) => decision is SignOffDecision.Endorsed or SignOffDecision.NoObjection;

    /// <summary>The agencies holding up publication on <paramref name="today"/>, in the order of the rows given.</summary>
    public static List<PublicationBlocker> Blockers(IEnumerable<JointOutputSignOff> signOffs, DateOnly? deadline, DateOnly today,
        IReadOnlyDictionary<string, string>? acronyms = null)
    {
        var blockers = new List<PublicationBlocker>();
        foreach (var s in signOffs)
        {
            var reason = Effective(s.Decision, deadline, today) switch
            {
                SignOffDecision.Pending => BlockReason.NoAnswer,
                SignOffDecision.Objected => BlockReason.Objected,
                _ => (BlockReason?)null,
            };
            if (reason is { } r)
                blockers.Add(new PublicationBlocker(s.AgencyCode, acronyms?.GetValueOrDefault(s.AgencyCode) ?? s.AgencyCode, r,
                    r == BlockReason.Objected ? s.Note : null));
        }
        return blockers;
    }

    /// <summary>
    /// Whether an output can be published on <paramref name="today"/>: circulated (or already agreed), signed off by
    /// at least one agency's row, and every row endorsed or not objecting, a silent agency counting as not objecting
    /// once the deadline has passed.
    /// </summary>
    public static PublicationCheck CheckPublication(JointOutputStatus status, IReadOnlyCollection<JointOutputSignOff> signOffs,
        DateOnly? deadline, DateOnly today, IReadOnlyDictionary<string, string>? acronyms = null)
    {
        if (status == JointOutputStatus.Published) return new(PublishProblem.AlreadyPublished, []);
        if (status == JointOutputStatus.Draft) return new(PublishProblem.NotCirculated, []);
        // Nobody was asked, so nobody agreed: an output circulated to no member speaks for no one.
        if (signOffs.Count == 0) return new(PublishProblem.NoSignatories, []);
        var blockers = Blockers(signOffs, deadline, today, acronyms);
        return new(blockers.Count == 0 ? PublishProblem.None : PublishProblem.Blocked, blockers);
    }

    /// <summary>Agreed as recorded: every row has an endorsement or a recorded no-objection (no deadline reasoning).</summary>
    public static bool AllAgreed(IReadOnlyCollection<JointOutputSignOff> signOffs) =>
        signOffs.Count > 0 && signOffs.All(s => Accepts(s.Decision));

    /// <summary>
    /// The status after an agency's answer changes: a circulated output becomes agreed with the last recorded
    /// acceptance, and an agreed one goes back to circulated if an agency withdraws its acceptance.
    /// </summary>
    public static JointOutputStatus AfterAnswers(JointOutputStatus status, IReadOnlyCollection<JointOutputSignOff> signOffs) => status switch
    {
        JointOutputStatus.Circulated when AllAgreed(signOffs) => JointOutputStatus.Agreed,
        JointOutputStatus.Agreed when !AllAgreed(signOffs) => JointOutputStatus.Circulated,
        _ => status,
    };

    /// <summary>
    /// The allowed moves: Draft → Circulated → Agreed → Published, Agreed back to Circulated when an answer is
    /// withdrawn, and a circulated or agreed output back to Draft when its text is edited. Published is final.
    /// </summary>
    public static bool CanMove(JointOutputStatus from, JointOutputStatus to) => (from, to) switch
    {
        (JointOutputStatus.Draft, JointOutputStatus.Circulated) => true,
        (JointOutputStatus.Circulated, JointOutputStatus.Agreed) => true,
        (JointOutputStatus.Agreed, JointOutputStatus.Circulated) => true,
        (JointOutputStatus.Agreed, JointOutputStatus.Published) => true,
        (JointOutputStatus.Circulated or JointOutputStatus.Agreed, JointOutputStatus.Draft) => true,
        _ => false,
    };

    public static bool CanEdit(JointOutputStatus status) => status != JointOutputStatus.Published;

    /// <summary>
    /// Editing the text the agencies were asked to sign off sends the output back to draft and clears their answers:
    /// an endorsement is of a text, not of whatever it becomes.
    /// </summary>
    public static bool EditReopens(JointOutputStatus status) => status is JointOutputStatus.Circulated or JointOutputStatus.Agreed;

    /// <summary>Agencies answer while the output is out for sign-off, until it is published.</summary>
    public static bool AcceptsAnswers(JointOutputStatus status) => status is JointOutputStatus.Circulated or JointOutputStatus.Agreed;

    /// <summary>
    /// Problems with the dates the chair sets at circulation, by field ("commentsDue", "deadline"): both are
    /// required and not in the past, comments come in by the deadline, and both fall within a year.
    /// </summary>
    public static List<(string Field, CirculationDateProblem Problem)> CheckCirculationDates(DateOnly? commentsDue, DateOnly? deadline, DateOnly today)
    {
        var problems = new List<(string, CirculationDateProblem)>();
        void Check(string field, DateOnly? day)
        {
            if (day is not { } d) problems.Add((field, CirculationDateProblem.Missing));
            else if (d < today) problems.Add((field, CirculationDateProblem.InThePast));
            else if (d > today.AddYears(1)) problems.Add((field, CirculationDateProblem.TooFar));
        }
        Check("commentsDue", commentsDue);
        Check("deadline", deadline);
        if (problems.Count == 0 && commentsDue > deadline) problems.Add(("commentsDue", CirculationDateProblem.AfterDeadline));
        return problems;
    }
}
