using Microsoft.Extensions.Localization;
using Nexus.Web.Features.Library;

namespace Nexus.Web.Features.Coordination.Outputs;

/// <summary>Labels of a joint output's codes in the reader's language, and how each kind is filed in the library.</summary>
public static class JointOutputText
{
    public static string Kind(JointOutputKind kind, IStringLocalizer t) => kind switch
    {
        JointOutputKind.Statement => t["Joint statement"],
        JointOutputKind.FactSheetSeries => t["Fact-sheet series"],
        JointOutputKind.PressConference => t["Press conference"],
        JointOutputKind.Symposium => t["Symposium"],
        _ => t["Joint report"],
    };

    public static string Status(JointOutputStatus status, IStringLocalizer t) => status switch
    {
        JointOutputStatus.Draft => t["Draft"],
        JointOutputStatus.Circulated => t["Circulated"],
        JointOutputStatus.Agreed => t["Agreed"],
        _ => t["Published"],
    };

    public static string Decision(SignOffDecision decision, IStringLocalizer t) => decision switch
    {
        SignOffDecision.Pending => t["No answer yet"],
        SignOffDecision.Endorsed => t["Endorsed"],
        SignOffDecision.Objected => t["Objected"],
        _ => t["No objection"],
    };

    public static string Reason(BlockReason reason, IStringLocalizer t) => reason switch
    {
        BlockReason.Objected => t["has objected"],
        _ => t["has not answered"],
    };

    /// <summary>
    /// The library kind an output is filed under: a press conference is filed with statements (what was said to the
    /// press), a symposium with seminar findings (its proposal, then its outcome).
    /// </summary>
    public static ItemKind LibraryKind(JointOutputKind kind) => kind switch
    {
        JointOutputKind.Statement or JointOutputKind.PressConference => ItemKind.JointStatement,
        JointOutputKind.FactSheetSeries => ItemKind.FactSheet,
        JointOutputKind.Symposium => ItemKind.SeminarFindings,
        _ => ItemKind.Report,
    };
}
