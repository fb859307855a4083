using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Nexus.Web.Data;
using Nexus.Web.Features.Calendar;
using Nexus.Web.Features.Events;
using Nexus.Web.Infrastructure;
using Nexus.Web.Infrastructure.Email;
using Nexus.Web.Infrastructure.Localization;

namespace Nexus.Web.Features.Registrations;

/// <summary>
/// The emails a participant receives, written in the participant's language and queued in the outbox within
/// the caller's transaction.
/// </summary>
public sealed class RegistrationEmails(AppDbContext db, IStringLocalizer<SharedResource> t, Links links, TimeProvider clock)
{
    public void Registered(Event ev, Registration r, int? position, string cancelSecret, string ticketSecret)
    {
        switch (r.Status)
        {
            case RegistrationStatus.Confirmed:
                Queue(ev, r, "registration-confirmed", "Registration confirmed: {0}",
                    [Line("You are registered for {0}.", ev.Title), When(ev), TicketLine(ticketSecret), OnlineLine(ev),
                     ManageLine(cancelSecret)], attachCalendar: true);
                break;
            case RegistrationStatus.Waitlisted:
                Queue(ev, r, "registration-waitlisted", "On the waiting list: {0}",
                    [Line("{0} is full. You are number {1} on the waiting list.", ev.Title, position ?? 0),
                     Line("If a seat becomes free we will offer it to you by email, with a deadline to accept it."),
                     When(ev), ManageLine(cancelSecret)]);
                break;
            case RegistrationStatus.Pending:
                Queue(ev, r, "registration-pending", "Registration received: {0}",
                    [Line("We received your registration for {0}. The organisers will review it and write to you.", ev.Title),
                     When(ev), ManageLine(cancelSecret)]);
                break;
        }
    }

    public void Confirmed(Event ev, Registration r) =>
        Queue(ev, r, "registration-confirmed", "Registration confirmed: {0}",
            [Line("Your seat for {0} is confirmed.", ev.Title), When(ev), OnlineLine(ev),
             Line("Your ticket and the link to cancel are in your first email, and in your account.")],
            attachCalendar: true);

    public void Waitlisted(Event ev, Registration r, int position) =>
        Queue(ev, r, "registration-waitlisted", "On the waiting list: {0}",
            [Line("{0} is full. You are number {1} on the waiting list.", ev.Title, position), When(ev)]);

    public void Offered(Event ev, Registration r, string offerSecret) =>
        Queue(ev, r, "seat-offered", "A seat is free for you: {0}",
            [() => string.Format(CultureInfo.CurrentCulture, t["A seat has become free for {0} and it is yours if you accept it by {1}."],
                 ev.Title, Format(ev, r.OfferExpiresAt!.Value)),
             Line("Accept or decline here: {0}", links.To($"/registrations/offer/{offerSecret}")),
             Line("If you do not answer by then, the seat goes to the next person on the waiting list."), When(ev)]);

    public void OfferExpired(Event ev, Registration r) =>
        Queue(ev, r, "offer-expired", "Seat offer expired: {0}",
            [Line("The seat offered to you for {0} was not accepted in time and has passed to the next person.", ev.Title)]);

    public void Rejected(Event ev, Registration r) =>
        Queue(ev, r, "registration-rejected", "Registration not accepted: {0}",
            [Line("We are sorry: your registration for {0} could not be accepted.", ev.Title)]);

    public void Cancelled(Event ev, Registration r) =>
        Queue(ev, r, "registration-cancelled", "Registration cancelled: {0}",
            [Line("Your registration for {0} is cancelled. Thank you for freeing your seat.", ev.Title)]);

    public void Reminder(Event ev, Registration r) =>
        Queue(ev, r, "reminder", "Tomorrow: {0}",
            [Line("A reminder that {0} starts soon.", ev.Title), When(ev), OnlineLine(ev),
             Line("Bring your ticket (QR code) for check-in.")], attachCalendar: true);

    // Each line is a function so that it is rendered under the recipient's culture inside Queue.
    private Func<string> Line(string text, params object[] args) => () => string.Format(CultureInfo.CurrentCulture, t[text], args);
    private Func<string> When(Event ev) => () => string.Format(CultureInfo.CurrentCulture, t["When: {0}. Where: {1}."],
        Format(ev, ev.StartsAt), string.Join(", ", new[] { ev.Venue, ev.City }.Where(s => !string.IsNullOrWhiteSpace(s))));
    private Func<string> TicketLine(string ticketSecret) => Line("Your ticket for check-in: {0}", links.To($"/tickets/{ticketSecret}"));
    private Func<string> ManageLine(string cancelSecret) => Line("To cancel, use this link: {0}", links.To($"/registrations/cancel/{cancelSecret}"));
    private Func<string> OnlineLine(Event ev) => () =>
        ev.Format != EventFormat.InPerson && !string.IsNullOrEmpty(ev.OnlineUrl)
            ? string.Format(CultureInfo.CurrentCulture, t["Join online: {0}"], ev.OnlineUrl) : "";

    public static string Format(Event ev, DateTime utc)
    {
        var zone = Events.EventQueries.Zone(ev.TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return $"{local.ToString("f", CultureInfo.CurrentCulture)} ({ev.TimeZone})";
    }

    private void Queue(Event ev, Registration r, string kind, string subject, Func<string>[] lines, bool attachCalendar = false)
    {
        using var _ = SupportedCultures.Use(r.Language);
        var body = new StringBuilder();
        body.AppendLine(string.Format(CultureInfo.CurrentCulture, t["Dear {0},"], r.FullName)).AppendLine();
        foreach (var line in lines.Select(l => l()).Where(l => l.Length > 0)) body.AppendLine(line).AppendLine();
        body.AppendLine(t["Event page: {0}", links.Event(ev)]);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            To = r.Email, Kind = kind, Registration = r,
            Subject = string.Format(CultureInfo.CurrentCulture, t[subject], ev.Title),
            TextBody = body.ToString(),
            CalendarAttachment = attachCalendar ? EventCalendar.Write([ev], links.Event) : null,
            CreatedAt = now, NextAttemptAt = now,
        });
    }
}
