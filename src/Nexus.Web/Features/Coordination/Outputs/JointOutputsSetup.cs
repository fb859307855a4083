namespace Nexus.Web.Features.Coordination.Outputs;

public static class JointOutputsSetup
{
    /// <summary>The joint outputs' operations and emails; their pages live under Coordination/Space/Outputs.</summary>
    public static IServiceCollection AddJointOutputs(this IServiceCollection services)
    {
        services.AddScoped<JointOutputService>();
        services.AddScoped<JointOutputEmails>();
        return services;
    }
}
