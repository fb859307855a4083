using System.Globalization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Quizzes.Manage;

/// <summary>The settings form of a quiz as posted, and its rules.</summary>
public sealed class QuizSettings
{
    public const int MaxTitle = 300;
    public const int MaxInstructions = 10000;
    public const int MaxAttemptsLimit = 100;
    public const int MaxMinutes = 1440;
    public const int MaxDrawCount = 500;

    public string? Title { get; set; }
    public string? Instructions { get; set; }
    public string? PassPercent { get; set; }
    /// <summary>Blank: unlimited.</summary>
    public string? MaxAttempts { get; set; }
    /// <summary>Blank: untimed.</summary>
    public string? TimeLimit { get; set; }
    public bool Shuffle { get; set; }
    public bool ShowFeedback { get; set; }
    public string? GradeMethod { get; set; }
    public bool Published { get; set; }
    public int Version { get; set; }

    public static QuizSettings From(Quiz q) => new()
    {
        Title = q.Title, Instructions = q.InstructionsMarkdown, PassPercent = q.PassPercent.ToString("0.#", CultureInfo.InvariantCulture),
        MaxAttempts = q.MaxAttempts?.ToString(CultureInfo.InvariantCulture), TimeLimit = q.TimeLimitMinutes?.ToString(CultureInfo.InvariantCulture),
        Shuffle = q.ShuffleQuestions, ShowFeedback = q.ShowFeedback, GradeMethod = Codes.Of(q.GradeMethod), Published = q.Published,
        Version = q.Version,
    };

    /// <summary>Checks the form and, when it is acceptable, writes it into the quiz; nothing is written otherwise.</summary>
    public void ApplyTo(Quiz q, FieldErrors errors)
    {
        var title = errors.Text("title", Title, MaxTitle, required: true);
        var instructions = errors.Text("instructions", Instructions, MaxInstructions, required: false, multiline: true);
        decimal? pass = null;
        if (decimal.TryParse((PassPercent ?? "").Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p)
            && p <= 100 && p == Math.Round(p, 1))
            pass = p;
        else errors.Add("pass", "Enter a pass mark from 0 to 100, with at most one decimal.");
        var attempts = Whole("attempts", MaxAttempts, 1, MaxAttemptsLimit, errors);
        var minutes = Whole("timelimit", TimeLimit, 1, MaxMinutes, errors);
        if (!Codes.TryParse<GradeMethod>(GradeMethod, out var method)) errors.Add("method", "Choose how the grade is counted.");
        if (errors.Any) return;
        (q.Title, q.InstructionsMarkdown, q.PassPercent, q.MaxAttempts, q.TimeLimitMinutes) = (title, instructions, pass!.Value, attempts, minutes);
        (q.ShuffleQuestions, q.ShowFeedback, q.GradeMethod, q.Published) = (Shuffle, ShowFeedback, method, Published);
    }

    /// <summary>A blank field is null (no limit); otherwise a whole number within the bounds.</summary>
    public static int? Whole(string field, string? value, int min, int max, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(field, "Enter a whole number from {0} to {1}, or leave it blank.", min, max);
        return null;
    }
}
