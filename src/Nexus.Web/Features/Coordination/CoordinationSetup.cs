namespace Nexus.Web.Features.Coordination;

public static class CoordinationSetup
{
    /// <summary>Staff or agency focal points: the group's internal space. Finer rules are in <see cref="GroupUser"/>.</summary>
    public const string GroupPolicy = "CoordinationGroup";

    public static IServiceCollection AddCoordination(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CoordinationOptions>().Bind(config.GetSection(CoordinationOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => { try { o.Zone(); return true; } catch (TimeZoneNotFoundException) { return false; } },
                "Nexus:Coordination:TimeZone is not a time zone this machine knows (use an IANA name such as Europe/Zurich).")
            .ValidateOnStart();
        services.AddAuthorizationBuilder().AddPolicy(GroupPolicy, p => p.RequireRole(
            Accounts.Roles.ProgrammeStaff, Accounts.Roles.Administrator, Accounts.Roles.AgencyFocalPoint));
        services.AddScoped<CoordinationAccess>();
        services.AddScoped<Chairs.ChairService>();
        services.AddScoped<Meetings.MeetingService>();
        services.AddScoped<Documents.GroupDocuments>();
        services.AddScoped<Meetings.ActionReminders>();
        services.AddHostedService<Meetings.ActionReminderJob>();
        return services;
    }
}
