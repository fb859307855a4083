using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Nexus.Web.Features.Library.Manage;

public enum DiffKind { Same, Removed, Added, Changed, Blank }

/// <summary>A run of text inside a line: unchanged, or removed (old side) or added (new side).</summary>
public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>One line of one side. <see cref="DiffKind.Blank"/> is the padding opposite a line the other side added or removed.</summary>
public sealed record DiffLine(DiffKind Kind, IReadOnlyList<DiffSegment> Segments);

/// <summary>One field of two versions, as text, with its line and word changes when it differs.</summary>
public sealed record FieldDiff(string Label, string Old, string New, IReadOnlyList<DiffLine> OldLines, IReadOnlyList<DiffLine> NewLines)
{
    public bool Changed => !string.Equals(Old, New, StringComparison.Ordinal);
}

/// <summary>
/// Side-by-side differences of two texts with DiffPlex: lines first, then the words inside a changed line. The
/// result is plain data; the page encodes every piece of text, so content never reaches the HTML unescaped.
/// </summary>
public static class VersionDiff
{
    public static FieldDiff Compare(string label, string? oldText, string? newText)
    {
        var a = Normalise(oldText);
        var b = Normalise(newText);
        if (a == b) return new FieldDiff(label, a, b, [], []);
        var model = SideBySideDiffBuilder.Diff(Differ.Instance, a, b, false, false, LineChunker.Instance, WordChunker.Instance);
        return new FieldDiff(label, a, b, Side(model.OldText, DiffKind.Removed), Side(model.NewText, DiffKind.Added));
    }

    private static List<DiffLine> Side(DiffPaneModel pane, DiffKind change) => pane.Lines.Select(line => line.Type switch
    {
        ChangeType.Unchanged => new DiffLine(DiffKind.Same, [new DiffSegment(DiffKind.Same, line.Text ?? "")]),
        ChangeType.Imaginary => new DiffLine(DiffKind.Blank, []),
        ChangeType.Modified => new DiffLine(DiffKind.Changed, Merge(line.SubPieces
            .Where(p => p.Type != ChangeType.Imaginary)
            .Select(p => new DiffSegment(p.Type == ChangeType.Unchanged ? DiffKind.Same : change, p.Text ?? "")))),
        // Deleted on the old side, inserted on the new one: the whole line is the change.
        _ => new DiffLine(change, [new DiffSegment(change, line.Text ?? "")]),
    }).ToList();

    /// <summary>Joins neighbouring pieces of the same kind, so "in the" is one removal rather than three.</summary>
    private static List<DiffSegment> Merge(IEnumerable<DiffSegment> pieces)
    {
        var result = new List<DiffSegment>();
        foreach (var p in pieces)
        {
            if (result.Count > 0 && result[^1].Kind == p.Kind) result[^1] = p with { Text = result[^1].Text + p.Text };
            else result.Add(p);
        }
        // A space between two changed words reads as part of the change.
        for (var i = result.Count - 2; i > 0; i--)
            if (result[i].Kind == DiffKind.Same && string.IsNullOrWhiteSpace(result[i].Text) && result[i - 1].Kind != DiffKind.Same && result[i + 1].Kind == result[i - 1].Kind)
            {
                result[i - 1] = result[i - 1] with { Text = result[i - 1].Text + result[i].Text + result[i + 1].Text };
                result.RemoveRange(i, 2);
            }
        return result;
    }

    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n');
}
