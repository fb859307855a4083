using System.Text.Json;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Idempotency;

namespace Nexus.Web.Features.Registrations;

/// <summary>
/// The fields of the registration form as posted (Input.FullName ...), shared by the seminar registration page and the
/// course enrolment pages, which show them with the _RegistrationFields partial.
/// </summary>
public sealed class RegistrationFormInput
{
    public string? FullName { get; set; }
    public string? Email { get; set; }
    public string? Organization { get; set; }
    public string? StakeholderGroup { get; set; }
    public string? Country { get; set; }
    public string? Gender { get; set; }
    public string? AccessibilityNeeds { get; set; }
    public bool ListPublicly { get; set; }
    /// <summary>Set when the form is shown, so a double submit or a browser retry registers once.</summary>
    public string? IdempotencyKey { get; set; }

    public RegistrationInput ToInput(string language) => new()
    {
        FullName = FullName, Email = Email, Organization = Organization, StakeholderGroup = StakeholderGroup,
        Country = Country, Gender = Gender, AccessibilityNeeds = AccessibilityNeeds, ListPublicly = ListPublicly,
        Language = language,
    };

    public static string NewKey() => Guid.NewGuid().ToString("N");
}

/// <summary>What the result page of a registration form shows: the status code and the waiting-list position.</summary>
public sealed record FormOutcome(string Status, int? Position);

public enum FormSubmitState
{
    /// <summary>Registered now.</summary>
    Done,
    /// <summary>The same form was sent before and succeeded: its first outcome.</summary>
    Replayed,
    /// <summary>The same key is being processed, or was used with other values: show the form afresh.</summary>
    AlreadySent,
    /// <summary>The engine said no (<see cref="FormSubmission.Refusal"/>).</summary>
    Refused,
}

public sealed record FormSubmission(FormSubmitState State, FormOutcome? Outcome = null, RegisterOutcome? Refusal = null, RegisterResult? Result = null);

public static class RegistrationForm
{
    /// <summary>
    /// Registers once per form key: the first send claims the key, a resend after success gets the stored outcome,
    /// and a refusal or a failure releases the key so the person may correct the form and send it again.
    /// </summary>
    public static async Task<FormSubmission> SubmitAsync(IdempotencyStore idempotency, string scope, string? formKey,
        RegistrationInput.Valid valid, Func<Task<RegisterResult>> register, CancellationToken ct)
    {
        var key = IdempotencyStore.IsValidKey(formKey) ? formKey! : RegistrationFormInput.NewKey();
        var begin = await idempotency.BeginAsync(scope, key, IdempotencyStore.Fingerprint(valid), ct);
        if (begin.State == IdempotencyState.Replay && begin.Record!.ResponseBody is { } stored)
            return new(FormSubmitState.Replayed, JsonSerializer.Deserialize<FormOutcome>(stored));
        if (begin.State != IdempotencyState.Started) return new(FormSubmitState.AlreadySent);
        try
        {
            var result = await register();
            if (result.Outcome != RegisterOutcome.Created)
            {
                await idempotency.AbandonAsync(scope, key);
                return new(FormSubmitState.Refused, Refusal: result.Outcome, Result: result);
            }
            var outcome = new FormOutcome(Codes.Of(result.Registration!.Status), result.WaitlistPosition);
            await idempotency.CompleteAsync(scope, key, 303, JsonSerializer.Serialize(outcome), null, ct);
            return new(FormSubmitState.Done, outcome, Result: result);
        }
        catch
        {
            await idempotency.AbandonAsync(scope, key);
            throw;
        }
    }
}

/// <summary>The model of the _RegistrationFields partial: the posted values and the messages by field id.</summary>
public sealed record RegistrationFieldsModel(RegistrationFormInput Input, IReadOnlyDictionary<string, string> Errors);
