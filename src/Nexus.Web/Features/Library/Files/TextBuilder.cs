using System.Text;

namespace Nexus.Web.Features.Library.Files;

/// <summary>
/// Collects extracted text in the one shape search stores: words separated by single spaces, paragraphs by a
/// single "\n", no control characters, no lone surrogates (PostgreSQL refuses NUL and invalid UTF-16 cannot be
/// encoded), and at most <c>maxChars</c> characters. Extractors feed it pieces and ask <see cref="IsFull"/> to
/// know when reading further is wasted work.
/// </summary>
internal sealed class TextBuilder(int maxChars)
{
    private readonly StringBuilder _text = new();
    private bool _space;
    private bool _break;

    public int MaxChars => maxChars;

    public bool IsFull { get; private set; }

    public bool IsEmpty => _text.Length == 0;

    /// <summary>Appends text; line breaks inside it become paragraph breaks, other whitespace runs one space.</summary>
    public void Append(ReadOnlySpan<char> text) => Append(text, lineBreaksAreBreaks: true);

    /// <summary>Appends text that belongs on one line, such as a cell: every whitespace run becomes one space.</summary>
    public void AppendInline(ReadOnlySpan<char> text) => Append(text, lineBreaksAreBreaks: false);

    /// <summary>Separates what comes next by a space, unless something stronger already does.</summary>
    public void Space() => _space = true;

    public void Break() => _break = true;

    public void Clear()
    {
        _text.Clear();
        _space = _break = IsFull = false;
    }

    public override string ToString() => _text.ToString();

    private void Append(ReadOnlySpan<char> text, bool lineBreaksAreBreaks)
    {
        for (var i = 0; i < text.Length && !IsFull; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (lineBreaksAreBreaks && IsLineBreak(c)) _break = true;
                else _space = true;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { Write(c, text[i + 1]); i++; }
            }
            else if (!char.IsLowSurrogate(c) && !IsInvisible(c))
            {
                Write(c, null);
            }
        }
    }

    private void Write(char c, char? low)
    {
        var separator = _text.Length == 0 ? (char?)null : _break ? '\n' : _space ? ' ' : null;
        var needed = (separator is null ? 0 : 1) + (low is null ? 1 : 2);
        if (_text.Length + needed > maxChars) { IsFull = true; return; }
        if (separator is { } s) _text.Append(s);
        _text.Append(c);
        if (low is { } l) _text.Append(l);
        _space = _break = false;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>
    /// Controls, the byte order mark, soft hyphens (so a hyphenated word is still found) and noncharacters carry
    /// no text. Joiners stay: several scripts need them to spell words.
    /// </summary>
    private static bool IsInvisible(char c) => char.IsControl(c) || c is '\uFEFF' or '\u00AD' or '\uFFFE' or '\uFFFF';
}
