using Nexus.Web.Features.Courses;
using Nexus.Web.Features.Courses.Quizzes;

namespace Nexus.Tests.Courses;

public class GradedQuestionTests
{
    [Fact]
    public void The_copy_kept_with_a_graded_answer_gives_back_the_question_it_was_made_from()
    {
        var q = new Question
        {
            Id = 17, Kind = QuestionKind.Matching, Text = "Match **each** instrument <b>to</b> its year", Points = 2.5m,
            Explanation = "See the _Convention_.", AcceptedAnswers = ["a", "b"], CaseSensitive = true, TrueFalseAnswer = false,
            Options =
            [
                new() { Id = 5, Order = 2, Text = "Palermo Protocol", Correct = false, Match = "2000", Feedback = "" },
                new() { Id = 4, Order = 1, Text = "Migrant Workers Convention", Correct = true, Match = "1990", Feedback = "Yes: 18 December 1990." },
            ],
        };

        var back = GradedQuestion.FromJson(17, GradedQuestion.ToJson(q));

        Assert.Equal((q.Id, q.Kind, q.Text, q.Points, q.Explanation, q.CaseSensitive, q.TrueFalseAnswer),
            (back.Id, back.Kind, back.Text, back.Points, back.Explanation, back.CaseSensitive, back.TrueFalseAnswer));
        Assert.Equal(q.AcceptedAnswers, back.AcceptedAnswers);
        // Options keep their ids (responses point at them), in their order.
        Assert.Equal([(4, 1, "Migrant Workers Convention", true, "1990", "Yes: 18 December 1990."), (5, 2, "Palermo Protocol", false, "2000", "")],
            back.Options.Select(o => (o.Id, o.Order, o.Text, o.Correct, o.Match, o.Feedback)));
        Assert.All(back.Options, o => Assert.Equal(17, o.QuestionId));
    }

    [Fact]
    public void An_attempt_still_open_keeps_its_live_questions()
    {
        var live = new Question { Id = 3, Text = "Live" };
        var graded = new Question { Id = 4, Text = "Edited since" };
        var attempt = new QuizAttempt
        {
            Answers =
            [
                new() { QuestionId = 3, Question = live },
                new() { QuestionId = 4, Question = graded, GradedQuestion = GradedQuestion.ToJson(new Question { Id = 4, Text = "As graded" }) },
            ],
        };

        GradedQuestion.Restore(attempt);

        Assert.Same(live, attempt.Answers[0].Question);
        Assert.Equal("As graded", attempt.Answers[1].Question!.Text);
    }
}
