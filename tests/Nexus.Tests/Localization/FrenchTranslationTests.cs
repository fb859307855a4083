using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Nexus.Tests.Localization;

/// <summary>
/// The French resource file: every value keeps the placeholders of its English key, every literal key used in the
/// views and code is translated, and the file is embedded where the localizer looks for it.
/// </summary>
public sealed partial class FrenchTranslationTests
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string WebRoot = Path.Combine(RepoRoot, "src", "Nexus.Web");
    private static readonly string ResxPath = Path.Combine(WebRoot, "Resources", "SharedResource.fr.resx");

    [Fact]
    public void Every_value_keeps_the_placeholders_of_its_key()
    {
        var entries = LoadResx();
        Assert.NotEmpty(entries);
        var wrong = entries
            .Where(e => !Placeholders(e.Key).SequenceEqual(Placeholders(e.Value)))
            .Select(e => $"  \"{e.Key}\" => \"{e.Value}\"")
            .ToList();
        Assert.True(wrong.Count == 0, "Values whose placeholders differ from their key's:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Every_value_is_translated_text()
    {
        var empty = LoadResx().Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "  " + e.Key).ToList();
        Assert.True(empty.Count == 0, "Keys with an empty value:\n" + string.Join("\n", empty));
    }

    [Fact]
    public void French_punctuation_uses_a_no_break_space_consistently()
    {
        // U+00A0 before : ; ? ! and inside « », never an ordinary space (the line would break before the sign)
        // nor the narrow U+202F (one convention for the whole file).
        var wrong = LoadResx()
            .Where(e => e.Value.Contains('\u202F') || OrdinarySpaceBeforePunctuation().IsMatch(e.Value))
            .Select(e => $"  \"{e.Key}\" => \"{e.Value}\"")
            .ToList();
        Assert.True(wrong.Count == 0, "Values without the no-break space (U+00A0) before : ; ? ! » or after «:\n" + string.Join("\n", wrong));
    }

    [GeneratedRegex(@"[ \t]+[:;?!»]|«[ \t]")]
    private static partial Regex OrdinarySpaceBeforePunctuation();

    /// <summary>
    /// The resource compiler keeps only the first of two names that differ in case (with a build warning), so a
    /// second "overdue" beside "Overdue" would silently fall back to English.
    /// </summary>
    [Fact]
    public void No_two_keys_differ_only_in_case()
    {
        var clashes = LoadResx().GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => "  " + string.Join(" / ", g.Select(e => e.Key))).ToList();
        Assert.True(clashes.Count == 0, "Keys that differ only in case (use one wording):\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void Every_literal_key_in_views_and_code_is_in_the_resx()
    {
        var have = LoadResx().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var used = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var relative = Path.GetRelativePath(RepoRoot, file).Replace('\\', '/');
            foreach (var key in LiteralKeys(File.ReadAllText(file)))
            {
                if (!used.TryGetValue(key, out var where)) used[key] = where = new SortedSet<string>(StringComparer.Ordinal);
                where.Add(relative);
            }
        }
        Assert.True(used.Count > 100, $"Found only {used.Count} keys: is the scanner broken?");
        var missing = used.Where(u => !have.Contains(u.Key)).Select(u => $"  \"{u.Key}\" ({string.Join(", ", u.Value)})").ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} key(s) missing from {ResxPath}:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_real_localizer_finds_the_french_resources()
    {
        var factory = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var t = factory.Create(typeof(Nexus.Web.SharedResource));
        var expected = LoadResx().ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
            var events = t["Events"];
            Assert.False(events.ResourceNotFound, $"No French resource for \"Events\" (searched {events.SearchedLocation}).");
            Assert.NotEqual("Events", events.Value);
            Assert.Equal(expected["Events"], events.Value);
            Assert.Equal(string.Format(CultureInfo.InvariantCulture, expected["Dear {0},"], "Ada"), t["Dear {0},", "Ada"].Value);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CH");  // a regional variant falls back to fr
            Assert.Equal(expected["Events"], t["Events"].Value);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Events", t["Events"].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("@T[\"Simple\"]", "Simple")]
    [InlineData("t[\"With {0}\", x]", "With {0}")]
    [InlineData("T[ \"Say \\\"hi\\\"\" ]", "Say \"hi\"")]
    [InlineData("T[@\"Verbatim \"\"quoted\"\"\"]", "Verbatim \"quoted\"")]
    [InlineData("T[\"Caf\\u00e9\"]", "Café")]
    public void The_scanner_reads_literal_keys(string source, string expected) =>
        Assert.Equal([expected], LiteralKeys(source));

    [Theory]
    [InlineData("T[$\"Hello {name}\"]")]
    [InlineData("T[label]")]
    [InlineData("T[\"a\" + b]")]
    [InlineData("Model.T[\"x\"]")]
    [InlineData("ResultT[\"x\"]")]
    public void The_scanner_skips_what_is_not_a_literal_key(string source) => Assert.Empty(LiteralKeys(source));

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nexus.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No folder containing Nexus.slnx above {AppContext.BaseDirectory}.");
    }

    private static List<KeyValuePair<string, string>> LoadResx()
    {
        Assert.True(File.Exists(ResxPath), $"Missing {ResxPath}");
        var doc = XDocument.Load(ResxPath);
        var entries = doc.Root!.Elements("data")
            .Select(d => new KeyValuePair<string, string>((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""))
            .ToList();
        var duplicates = entries.GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Duplicate keys: " + string.Join(", ", duplicates));
        return entries;
    }

    /// <summary>The composite-format placeholders ({0}, {1:N0}, {2,5}) as their sorted indices; {{ and }} are text.</summary>
    private static List<int> Placeholders(string text) =>
        PlaceholderPattern().Matches(text.Replace("{{", "").Replace("}}", ""))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();

    [GeneratedRegex(@"\{(\d+)(?:,\s*-?\d+)?(?::[^{}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f =>
            {
                var parts = Path.GetRelativePath(WebRoot, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                return !parts.Take(parts.Length - 1).Any(p => p is "bin" or "obj" or "wwwroot" or "node_modules");
            })
            .Order(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![\w.])[Tt]\s*\[")]
    private static partial Regex LocalizerCall();

    /// <summary>
    /// The first argument of every T[...] / t[...] that is a plain or verbatim string literal followed by , or ].
    /// Interpolated strings and expressions are not keys and are skipped.
    /// </summary>
    internal static List<string> LiteralKeys(string source)
    {
        var keys = new List<string>();
        foreach (Match m in LocalizerCall().Matches(source))
        {
            var i = SkipSpaces(source, m.Index + m.Length);
            var verbatim = false;
            if (i < source.Length && source[i] == '@') { verbatim = true; i++; }
            if (i >= source.Length || source[i] != '"') continue;
            var key = verbatim ? ReadVerbatim(source, i + 1, out var end) : ReadRegular(source, i + 1, out end);
            if (key is null) continue;
            var next = SkipSpaces(source, end);
            if (next < source.Length && source[next] is ',' or ']') keys.Add(key);
        }
        return keys;
    }

    private static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        return i;
    }

    private static string? ReadVerbatim(string s, int i, out int end)
    {
        var sb = new StringBuilder();
        for (; i < s.Length; i++)
        {
            if (s[i] != '"') { sb.Append(s[i]); continue; }
            if (i + 1 < s.Length && s[i + 1] == '"') { sb.Append('"'); i++; continue; }
            end = i + 1;
            return sb.ToString();
        }
        end = s.Length;
        return null;
    }

    private static string? ReadRegular(string s, int i, out int end)
    {
        var sb = new StringBuilder();
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\n') break;
            if (c == '"') { end = i + 1; return sb.ToString(); }
            if (c == '\\' && i + 1 < s.Length)
            {
                var n = s[i + 1];
                switch (n)
                {
                    case 'u' when i + 6 <= s.Length:
                        sb.Append((char)Convert.ToInt32(s.Substring(i + 2, 4), 16)); i += 6; continue;
                    case 'U' when i + 10 <= s.Length:
                        sb.Append(char.ConvertFromUtf32(Convert.ToInt32(s.Substring(i + 2, 8), 16))); i += 10; continue;
                    case 'x':
                        var hex = Regex.Match(s[(i + 2)..Math.Min(s.Length, i + 6)], "^[0-9A-Fa-f]{1,4}").Value;
                        sb.Append((char)Convert.ToInt32(hex, 16)); i += 2 + hex.Length; continue;
                    default:
                        sb.Append(n switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '0' => '\0', 'a' => '\a', 'b' => '\b', 'f' => '\f', 'v' => '\v', 'e' => '\x1b', _ => n });
                        i += 2; continue;
                }
            }
            sb.Append(c);
            i++;
        }
        end = i;
        return null;
    }
}
