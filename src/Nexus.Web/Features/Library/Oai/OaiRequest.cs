using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Web.Features.Library.Oai;

public sealed record OaiError(string Code, string Message);

/// <summary>A harvest window: datestamps from (inclusive) to until (exclusive, already moved past its last instant).</summary>
public sealed record OaiWindow(DateTime? From, DateTime? UntilExclusive);

/// <summary>
/// The arguments of one request, checked against OAI-PMH 2.0 section 3.1 and the verb's argument list. A request
/// with badVerb or badArgument errors carries no arguments: the response must then echo none (section 3.2).
/// </summary>
public sealed partial record OaiRequest(string? Verb, IReadOnlyList<KeyValuePair<string, string>> Arguments, IReadOnlyList<OaiError> Errors)
{
    public const string Identify = "Identify", ListMetadataFormats = "ListMetadataFormats", ListSets = "ListSets",
        ListIdentifiers = "ListIdentifiers", ListRecords = "ListRecords", GetRecord = "GetRecord";

    private enum Use { Required, Optional, Exclusive }

    private static readonly Dictionary<string, Dictionary<string, Use>> Verbs = new(StringComparer.Ordinal)
    {
        [Identify] = new(),
        [ListMetadataFormats] = new() { ["identifier"] = Use.Optional },
        [ListSets] = new() { ["resumptionToken"] = Use.Exclusive },
        [ListIdentifiers] = ListArguments(),
        [ListRecords] = ListArguments(),
        [GetRecord] = new() { ["identifier"] = Use.Required, ["metadataPrefix"] = Use.Required },
    };

    private static Dictionary<string, Use> ListArguments() => new()
    {
        ["metadataPrefix"] = Use.Required, ["from"] = Use.Optional, ["until"] = Use.Optional,
        ["set"] = Use.Optional, ["resumptionToken"] = Use.Exclusive,
    };

    public bool IsValid => Errors.Count == 0;

    public string? this[string name] => Arguments.FirstOrDefault(a => a.Key == name).Value;

    /// <summary>Checks the name/value pairs of a query string or form body, keeping their case and repetitions.</summary>
    public static OaiRequest Parse(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var verbs = pairs.Where(p => p.Key == "verb").Select(p => p.Value).ToList();
        if (verbs.Count == 0) return Fail("badVerb", "The verb argument is missing.");
        if (verbs.Count > 1) return Fail("badVerb", "The verb argument is repeated.");
        if (!Verbs.TryGetValue(verbs[0], out var allowed))
            return Fail("badVerb", $"'{Short(verbs[0])}' is not an OAI-PMH verb.");

        var verb = verbs[0];
        var arguments = pairs.Where(p => p.Key != "verb").ToList();
        var errors = new List<OaiError>();
        string? Value(string name) => arguments.FirstOrDefault(a => a.Key == name).Value;
        foreach (var group in arguments.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!allowed.ContainsKey(group.Key))
                errors.Add(new("badArgument", $"'{Short(group.Key)}' is not an argument of {verb}."));
            else if (group.Count() > 1)
                errors.Add(new("badArgument", $"The argument {group.Key} is repeated."));
        }
        if (errors.Count > 0) return new(null, [], errors);

        if (arguments.Any(a => a.Key == "resumptionToken"))
        {
            if (arguments.Count > 1) return Fail("badArgument", "resumptionToken is an exclusive argument: send it alone with the verb.");
            return new(verb, arguments, []);
        }
        foreach (var (name, use) in allowed)
            if (use == Use.Required && !arguments.Any(a => a.Key == name))
                errors.Add(new("badArgument", $"{verb} needs the argument {name}."));
        foreach (var (name, value) in arguments)
            if (value.Length == 0) errors.Add(new("badArgument", $"The argument {name} is empty."));
        // The schema's syntax for these two; a value outside it is illegal, not merely unknown.
        if (Value("metadataPrefix") is { Length: > 0 } prefix && !MetadataPrefixSyntax().IsMatch(prefix))
            errors.Add(new("badArgument", "metadataPrefix has characters a metadata prefix cannot have."));
        if (Value("set") is { Length: > 0 } set && !SetSpecSyntax().IsMatch(set))
            errors.Add(new("badArgument", "set is not a set spec (letters, digits and -_.!~*'() in parts separated by colons)."));
        if (errors.Count > 0) return new(null, [], errors);

        var request = new OaiRequest(verb, arguments, []);
        if (request["from"] is not null || request["until"] is not null)
        {
            var (_, error) = request.Window();
            if (error is not null) return Fail("badArgument", error);
        }
        return request;
    }

    /// <summary>The from/until window. A day-granularity until covers that whole day; a seconds one, that whole second.</summary>
    public (OaiWindow Window, string? Error) Window()
    {
        var from = ParseDate(this["from"]);
        var until = ParseDate(this["until"]);
        if (from is { Ok: false }) return (new(null, null), "from is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.");
        if (until is { Ok: false }) return (new(null, null), "until is not a date of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.");
        if (from is not null && until is not null)
        {
            if (from.Value.DayOnly != until.Value.DayOnly) return (new(null, null), "from and until have different granularities.");
            if (from.Value.Instant > until.Value.Instant) return (new(null, null), "from is later than until.");
        }
        DateTime? untilExclusive = until is null ? null
            : until.Value.Instant >= DateTime.MaxValue.AddDays(-2) ? DateTime.MaxValue
            : until.Value.Instant + (until.Value.DayOnly ? TimeSpan.FromDays(1) : TimeSpan.FromSeconds(1));
        return (new(from?.Instant, untilExclusive), null);
    }

    private readonly record struct ParsedDate(bool Ok, DateTime Instant, bool DayOnly);

    private static ParsedDate? ParseDate(string? value)
    {
        if (value is null) return null;
        const DateTimeStyles utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        if (value.Length == 10 && DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, utc, out var day))
            return new(true, DateTime.SpecifyKind(day, DateTimeKind.Utc), true);
        if (value.Length == 20 && DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, utc, out var second))
            return new(true, DateTime.SpecifyKind(second, DateTimeKind.Utc), false);
        return new(false, default, false);
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-_\.!~\*'\(\)]+(:[A-Za-z0-9\-_\.!~\*'\(\)]+)*\z")]
    private static partial Regex SetSpecSyntax();

    [GeneratedRegex(@"^[A-Za-z0-9\-_\.!~\*'\(\)]+\z")]
    private static partial Regex MetadataPrefixSyntax();

    private static OaiRequest Fail(string code, string message) => new(null, [], [new(code, message)]);

    /// <summary>Hostile names and values are quoted in messages only in part.</summary>
    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
