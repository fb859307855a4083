using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Nexus.Web.Data;
using Nexus.Web.Features.Accounts;
using Nexus.Web.Features.Coordination;
using Nexus.Tests.Pages;

namespace Nexus.Tests.Coordination;

/// <summary>Focal points and chairs for the coordination tests.</summary>
public static class GroupTestData
{
    /// <summary>A signed-in agency focal point speaking for <paramref name="agencyCode"/>.</summary>
    public static async Task<(PageSession Session, AppUser User)> FocalPointAsync(AppFactory app, string agencyCode)
    {
        var (session, user) = await PageSession.SignedInAsync(app, Roles.AgencyFocalPoint);
        await LinkAsync(app, user, agencyCode);
        user.AgencyCode = agencyCode;
        return (session, user);
    }

    public static async Task LinkAsync(AppFactory app, AppUser user, string? agencyCode)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AgencyCode, agencyCode));
    }

    /// <summary>
    /// Makes <paramref name="agencyCode"/> the chair today (in the group's time zone), replacing any term that covers
    /// today: a term from a month ago to a month ahead.
    /// </summary>
    public static async Task<ChairTerm> ChairTodayAsync(AppFactory app, string agencyCode)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = scope.ServiceProvider.GetRequiredService<CoordinationAccess>().Today();
        var (from, to) = (today.AddMonths(-1), today.AddMonths(1));
        await db.ChairTerms.Where(t => t.Start <= to && t.End >= from).ExecuteDeleteAsync();
        var term = new ChairTerm { AgencyCode = agencyCode, Start = from, End = to };
        db.ChairTerms.Add(term);
        await db.SaveChangesAsync();
        return term;
    }
}
