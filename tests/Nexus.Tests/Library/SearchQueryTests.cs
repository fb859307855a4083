using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Nexus.Web.Features.Library.Search;
using Npgsql;

namespace Nexus.Tests.Library;

/// <summary>
/// Parsing what people type, and writing it as FTS5 and tsquery: ordinary queries mean what they say, and no input
/// at all can make the parser throw or reach the database as query syntax.
/// </summary>
public partial class SearchQueryTests
{
    private const int HostileCount = 1_500;

    private static IEnumerable<string> HostileInputs()
    {
        var random = new Random(20260302);
        for (var i = 0; i < HostileCount; i++) yield return HostileInput.Next(random);
    }

    private static QueryClause Clause(bool isPhrase = false, bool excluded = false, params string[] words) =>
        new(words, isPhrase, excluded);

    private static void AssertClauses(SearchQuery query, params QueryClause[] expected)
    {
        Assert.Equal(expected.Length, query.Clauses.Count);
        foreach (var (want, got) in expected.Zip(query.Clauses))
        {
            Assert.Equal(want.Words, got.Words);
            Assert.Equal(want.IsPhrase, got.IsPhrase);
            Assert.Equal(want.Excluded, got.Excluded);
        }
    }

    [Fact]
    public void Plain_words_are_separate_clauses() =>
        AssertClauses(SearchQuery.Parse("  migration   remittances "), Clause(words: "migration"), Clause(words: "remittances"));

    [Fact]
    public void Quoted_words_are_a_phrase() =>
        AssertClauses(SearchQuery.Parse("\"migrant workers\" 2009"),
            Clause(isPhrase: true, words: ["migrant", "workers"]), Clause(words: "2009"));

    [Fact]
    public void Typographic_quotes_also_make_a_phrase() =>
        AssertClauses(SearchQuery.Parse("“travailleurs migrants”"), Clause(isPhrase: true, words: ["travailleurs", "migrants"]));

    [Fact]
    public void Leading_minus_excludes_a_word_or_a_phrase() =>
        AssertClauses(SearchQuery.Parse("migration -visa -\"work permit\""),
            Clause(words: "migration"), Clause(excluded: true, words: "visa"),
            Clause(isPhrase: true, excluded: true, words: ["work", "permit"]));

    [Fact]
    public void Hyphenated_words_are_a_phrase_and_a_lone_minus_is_nothing() =>
        AssertClauses(SearchQuery.Parse("covid-19 - 2007–2008"),
            Clause(isPhrase: true, words: ["covid", "19"]), Clause(isPhrase: true, words: ["2007", "2008"]));

    [Fact]
    public void Operators_and_symbols_are_plain_text_or_ignored() =>
        AssertClauses(SearchQuery.Parse("migration AND +remittances OR NOT NEAR(x y) title:policy mig* ^\"\""),
            Clause(words: "migration"), Clause(words: "remittances"), Clause(words: "x"), Clause(words: "y"),
            Clause(words: "title"), Clause(words: "policy"), Clause(words: "mig"));

    [Fact]
    public void Lower_case_operator_words_are_search_words() =>
        AssertClauses(SearchQuery.Parse("war and peace"), Clause(words: "war"), Clause(words: "and"), Clause(words: "peace"));

    [Fact]
    public void Unclosed_quote_runs_to_the_end() =>
        AssertClauses(SearchQuery.Parse("policy \"migrant workers"), Clause(words: "policy"),
            Clause(isPhrase: true, words: ["migrant", "workers"]));

    [Fact]
    public void Repeated_words_count_once() =>
        AssertClauses(SearchQuery.Parse("Migration migration MIGRATION"), Clause(words: "Migration"));

    [Fact]
    public void At_most_twelve_clauses_and_eight_words_per_phrase_are_kept()
    {
        Assert.Equal(SearchQuery.MaxClauses, SearchQuery.Parse(string.Join(' ', Enumerable.Range(1, 40).Select(n => $"w{n}"))).Clauses.Count);
        var phrase = SearchQuery.Parse("\"" + string.Join(' ', Enumerable.Range(1, 20).Select(n => $"w{n}")) + "\"").Clauses.Single();
        Assert.Equal(SearchQuery.MaxPhraseWords, phrase.Words.Count);
    }

    [Fact]
    public void Input_is_cut_at_a_thousand_characters_without_splitting_a_surrogate_pair()
    {
        var beyond = SearchQuery.Parse(new string(' ', 1_000) + "migration");
        Assert.True(beyond.IsEmpty);

        // "𠀀" (a CJK ideograph outside the BMP) straddles the limit: it must vanish whole.
        var straddling = SearchQuery.Parse(new string(' ', 999) + "\U00020000");
        Assert.True(straddling.IsEmpty);
    }

    [Fact]
    public void Only_exclusions_is_empty_and_gives_no_expression()
    {
        var query = SearchQuery.Parse("-visa -\"work permit\"");
        Assert.True(query.IsEmpty);
        Assert.Null(FtsSyntax.ToFts5(query));
        Assert.Null(FtsSyntax.ToTsQuery(query));
        Assert.Null(FtsSyntax.ToFts5(SearchQuery.Parse(null)));
        Assert.Null(FtsSyntax.ToTsQuery(SearchQuery.Parse("*** ( ) AND OR")));
    }

    [Fact]
    public void A_word_becomes_the_alternatives_of_its_stems()
    {
        var query = SearchQuery.Parse("remittances");
        Assert.Equal("(\"remitt\" OR \"remittanc\")", FtsSyntax.ToFts5(query));
        Assert.Equal("('remitt' | 'remittanc')", FtsSyntax.ToTsQuery(query));
    }

    [Fact]
    public void Phrases_and_exclusions_have_their_operators()
    {
        var query = SearchQuery.Parse("\"travailleurs migrants\" -visa");
        Assert.Equal("(\"travailleur migrant\" OR \"travailleur migr\" OR \"travailleurs migrants\") NOT (\"visa\" OR \"vis\")", FtsSyntax.ToFts5(query));
        Assert.Equal("(('travailleur' <-> 'migrant') | ('travailleur' <-> 'migr') | ('travailleurs' <-> 'migrants')) & !('visa' | 'vis')",
            FtsSyntax.ToTsQuery(query));
    }

    [Fact]
    public void Hostile_input_never_throws_and_gives_only_quoted_terms_and_operators()
    {
        var nonEmpty = 0;
        foreach (var input in HostileInputs())
        {
            var query = SearchQuery.Parse(input);
            var fts5 = FtsSyntax.ToFts5(query);
            var tsquery = FtsSyntax.ToTsQuery(query);
            Highlighter.Snippet(input, "en", query);
            Highlighter.Highlight(input, "fr", query);
            Assert.Equal(fts5 is null, tsquery is null);
            if (fts5 is null) continue;
            nonEmpty++;
            if (!IsSafeFts5(fts5)) Assert.Fail($"FTS5 {fts5} from {HostileInput.Describe(input)}");
            if (!IsSafeTsQuery(tsquery!)) Assert.Fail($"tsquery {tsquery} from {HostileInput.Describe(input)}");
        }
        // The generator must not be so hostile that nothing is ever searched.
        Assert.True(nonEmpty > HostileCount / 2, $"only {nonEmpty} inputs gave an expression");
    }

    [Fact]
    public void Hostile_input_gives_valid_FTS5_expressions()
    {
        using var connection = OpenFts5Table("Remittances and migrant workers", "L'intégration des travailleurs migrants", "国际移民报告");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM t WHERE t MATCH $q";
        var parameter = command.Parameters.Add("$q", SqliteType.Text);
        foreach (var input in HostileInputs())
        {
            var fts5 = FtsSyntax.ToFts5(SearchQuery.Parse(input));
            if (fts5 is null) continue;
            parameter.Value = fts5;
            try
            {
                command.ExecuteScalar();
            }
            catch (SqliteException e)
            {
                Assert.Fail($"{e.Message}: {fts5} from {HostileInput.Describe(input)}");
            }
        }
    }

    [Fact]
    public void Hostile_input_gives_valid_PostgreSQL_tsqueries()
    {
        using var connection = new NpgsqlConnection(AppFactory.PostgresServer());
        connection.Open();
        using var command = new NpgsqlCommand("SELECT to_tsvector('simple', @doc) @@ to_tsquery('simple', @q)", connection);
        command.Parameters.AddWithValue("doc", TextAnalyzer.IndexText("Remittances and migrant workers 国际移民报告", "en"));
        var parameter = command.Parameters.AddWithValue("q", "");
        foreach (var input in HostileInputs())
        {
            var tsquery = FtsSyntax.ToTsQuery(SearchQuery.Parse(input));
            if (tsquery is null) continue;
            parameter.Value = tsquery;
            try
            {
                command.ExecuteScalar();
            }
            catch (PostgresException e)
            {
                Assert.Fail($"{e.MessageText}: {tsquery} from {HostileInput.Describe(input)}");
            }
        }
    }

    private static readonly (string Text, string Language)[] Documents =
    [
        ("Remittances to countries of origin", "en"),
        ("L'intégration des travailleurs migrants", "fr"),
        ("Las remesas de los trabajadores migrantes", "es"),
        ("Migrant workers and work permits", "en"),
        ("Workers who migrate", "en"),
        ("国际移民报告", "zh"),
        ("Трудовые мигранты и денежные переводы", "ru"),
    ];

    // Each query is listed with the documents (by position in Documents) it must find, in order.
    public static TheoryData<string, int[]> FoundDocuments => new()
    {
        { "remittance", [0] },
        { "country", [0] },
        { "integration", [1] },
        { "l’intégration travailleur", [1] },
        { "remesa", [2] },
        { "migrant", [1, 2, 3] },
        { "\"migrant workers\"", [3] },
        { "\"workers migrant\"", [] },
        { "workers -\"work permit\"", [4] },
        { "migrant -permits -travailleurs", [2] },
        { "移民", [5] },
        { "移民报告", [5] },
        { "мигрант", [6] },
        { "NEAR(remittances", [0] },
    };

    [Theory]
    [MemberData(nameof(FoundDocuments))]
    public void SQLite_finds_what_the_query_means(string input, int[] expected)
    {
        using var connection = OpenFts5Table([.. Documents.Select(d => TextAnalyzer.IndexText(d.Text, d.Language))], analysed: true);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid - 1 FROM t WHERE t MATCH $q ORDER BY rowid";
        command.Parameters.AddWithValue("$q", FtsSyntax.ToFts5(SearchQuery.Parse(input)));
        var found = new List<int>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) found.Add(reader.GetInt32(0));
        Assert.Equal(expected, found);
    }

    [Theory]
    [MemberData(nameof(FoundDocuments))]
    public void PostgreSQL_finds_what_the_query_means(string input, int[] expected)
    {
        using var connection = new NpgsqlConnection(AppFactory.PostgresServer());
        connection.Open();
        using var command = new NpgsqlCommand("SELECT to_tsvector('simple', @doc) @@ to_tsquery('simple', @q)", connection);
        var document = command.Parameters.AddWithValue("doc", "");
        command.Parameters.AddWithValue("q", FtsSyntax.ToTsQuery(SearchQuery.Parse(input))!);
        var found = new List<int>();
        for (var i = 0; i < Documents.Length; i++)
        {
            document.Value = TextAnalyzer.IndexText(Documents[i].Text, Documents[i].Language);
            if ((bool)command.ExecuteScalar()!) found.Add(i);
        }
        Assert.Equal(expected, found);
    }

    private static SqliteConnection OpenFts5Table(params string[] bodies) => OpenFts5Table(bodies, analysed: false);

    private static SqliteConnection OpenFts5Table(string[] bodies, bool analysed)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')";
        create.ExecuteNonQuery();
        foreach (var body in bodies)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t(body) VALUES ($body)";
            insert.Parameters.AddWithValue("$body", analysed ? body : TextAnalyzer.IndexText(body, "en"));
            insert.ExecuteNonQuery();
        }
        return connection;
    }

    // A quoted string of letters, digits and spaces, an operator keyword, a bracket or a space: nothing else.
    [GeneratedRegex("""\A(?:"[\p{L}\p{Nd} ]+"|AND|OR|NOT|[() ])+\z""")]
    private static partial Regex Fts5Shape();

    [GeneratedRegex("""\A(?:'[\p{L}\p{Nd}]+'|<->|[&|!() ])+\z""")]
    private static partial Regex TsQueryShape();

    // Terms may contain letters outside the BMP (CJK extension B), which .NET regex sees as two surrogates.
    private static string WithoutAstral(string text) =>
        string.Concat(text.EnumerateRunes().Select(rune => rune.IsBmp ? rune.ToString() : (Rune.IsLetterOrDigit(rune) ? "x" : "\uFFFD")));

    private static bool IsSafeFts5(string expression) => Fts5Shape().IsMatch(WithoutAstral(expression));

    private static bool IsSafeTsQuery(string expression) => TsQueryShape().IsMatch(WithoutAstral(expression));
}

/// <summary>Random search-box input built to break parsers: syntax of both dialects, SQL, broken Unicode.</summary>
internal static class HostileInput
{
    public static readonly string?[] Languages = ["en", "fr", "es", "ru", "ar", "zh", null, "xx"];

    private static readonly string[] Fragments =
    [
        "\"", "\"\"", "'", "''", "`", "*", "-", "--", "+", "(", ")", "()", ":", "^", "{", "}", "[", "]", "\\", "/", "|", "&",
        "!", "<->", "<2>", "~", "@@", ";", ",", ".", "NEAR", "NEAR(", "NEAR/3", "AND", "OR", "NOT", "and", "or", "not",
        "body:", "title:", "{body title}:", "rowid", "'; DROP TABLE x;--", "1=1", "' OR '1'='1", "\" OR \"\"=\"",
        "<script>alert(1)</script>", "&amp;", "%00", "\0", "\u0001", "\u001F", "\u007F", "\u200F", "\u202E", "\u200B", "\uFEFF",
        "\uD800", "\uDC00", "\uDBFF\uDFFF", "😀", "👩‍👩‍👧", "🏳️‍🌈", "\u0301", "e\u0301", "ﬁ", "œ", "ß", "İ", "ı", "ﷺ", "¼", "²",
        "migration", "remittances", "L'intégration", "travailleurs", "remesas", "мигранты", "ёлка", "المهاجرين", "国际移民",
        "𠀀𠀁", "ｱﾞ", "한국어", "2009", "٢٠٠٩", "covid-19", "-visa", "-\"work permit\"", "mig*", " ", "  ", "\t", "\n", "\r\n",
        "\u00A0", "\u3000", "x", "a", new string('a', 61), new string('é', 70), "a'", "'s", "l'", "qu'", "-(", "\"-", "NOT NOT",
    ];

    public static string Next(Random random)
    {
        var builder = new StringBuilder();
        // Mostly short inputs like real queries, some long enough to hit every cap.
        var parts = random.Next(10) == 0 ? random.Next(500, 3_000) : random.Next(1, 25);
        for (var i = 0; i < parts; i++)
        {
            switch (random.Next(10))
            {
                case 0:
                    // Any UTF-16 code unit at all, surrogates and unassigned ones included.
                    builder.Append((char)random.Next(0, 0x10000));
                    break;
                case 1:
                    builder.Append((char)random.Next(0x20, 0x3000));
                    break;
                default:
                    builder.Append(Fragments[random.Next(Fragments.Length)]);
                    break;
            }
            if (random.Next(3) == 0) builder.Append(' ');
        }
        return builder.ToString();
    }

    /// <summary>The input in a form an assertion message can show: escaped, and cut when long.</summary>
    public static string Describe(string input)
    {
        var shown = input.Length > 200 ? input[..200] + "…" : input;
        return $"input \"{string.Concat(shown.Select(c => c < ' ' || char.IsSurrogate(c) || c > '\u007E' ? $"\\u{(int)c:X4}" : c.ToString()))}\" ({input.Length} chars)";
    }
}
