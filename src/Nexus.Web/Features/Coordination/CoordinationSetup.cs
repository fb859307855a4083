using Nexus.Web.Features.Coordination.Outputs;

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
        services.AddAuthorizationBuilder().AddPolicy(GroupPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new GroupMemberRequirement()));
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, GroupMemberHandler>();
        services.AddScoped<CoordinationAccess>();
        services.AddScoped<Chairs.ChairService>();
        services.AddScoped<Meetings.MeetingService>();
        services.AddScoped<Documents.GroupDocuments>();
        services.AddScoped<Meetings.ActionReminders>();
        services.AddHostedService<Meetings.ActionReminderJob>();
        services.AddJointOutputs();
        return services;
    }
}

/// <summary>Staff, or a focal point linked to an agency: the one gate of every page under Coordination/Space.</summary>
public sealed class GroupMemberRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement;

public sealed class GroupMemberHandler(CoordinationAccess access) : Microsoft.AspNetCore.Authorization.AuthorizationHandler<GroupMemberRequirement>
{
    protected override async Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, GroupMemberRequirement requirement)
    {
        // The agency link lives in the database, not in the cookie, so unlinking a focal point takes effect at once.
        if ((await access.GetAsync(context.User, CancellationToken.None)).CanEnterSpace) context.Succeed(requirement);
    }
}
