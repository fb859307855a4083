using Nexus.Web.Features.Library.Search;

namespace Nexus.Web.Features.Library;

/// <summary>English labels of the library's codes; they are also the resource keys for translations.</summary>
public static class LibraryText
{
    public static string Kind(ItemKind k) => k switch
    {
        ItemKind.FactSheet => "Fact-sheet",
        ItemKind.SeminarFindings => "Seminar findings",
        ItemKind.Report => "Report",
        ItemKind.PolicyBrief => "Policy brief",
        ItemKind.JointStatement => "Joint statement",
        ItemKind.CourseMaterial => "Course material",
        ItemKind.Presentation => "Presentation",
        _ => "Data note",
    };

    public static string Kind(string code) => Infrastructure.Codes.TryParse<ItemKind>(code, out var k) ? Kind(k) : code;

    public static string Status(ItemStatus s) => s switch
    {
        ItemStatus.Draft => "Draft",
        ItemStatus.Published => "Published",
        _ => "Unpublished",
    };

    public static string Sort(LibrarySort s) => s switch
    {
        LibrarySort.Relevance => "Relevance",
        LibrarySort.Newest => "Newest first",
        _ => "Oldest first",
    };
}
