using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Web.Features.Courses.Quizzes;

/// <summary>
/// A learner's response to one question, stored as JSON in <see cref="AttemptAnswer.Response"/>: the chosen option
/// ids (single and multiple choice), a text (short answer), a boolean (true/false), or pairs (matching: the id of a
/// left-hand option to the id of the option whose <see cref="QuestionOption.Match"/> was chosen for it).
/// </summary>
public sealed record QuizResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public IReadOnlyList<int>? Options { get; init; }
    public string? Text { get; init; }
    public bool? Value { get; init; }
    public IReadOnlyDictionary<int, int>? Pairs { get; init; }

    [JsonIgnore]
    public bool IsEmpty => (Options is null || Options.Count == 0) && string.IsNullOrWhiteSpace(Text) && Value is null
                           && (Pairs is null || Pairs.Count == 0);

    /// <summary>The stored response, or null when there is none or it cannot be read (a malformed response scores nothing).</summary>
    public static QuizResponse? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<QuizResponse>(json, Json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The JSON to store, or null for an empty response (the question stays unanswered).</summary>
    public static string? ToJson(QuizResponse? response) =>
        response is null || response.IsEmpty ? null : JsonSerializer.Serialize(response, Json);
}
