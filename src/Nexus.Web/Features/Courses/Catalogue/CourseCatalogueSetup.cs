using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Web.Features.Courses;

public static class CourseCatalogueSetup
{
    public static IServiceCollection AddCourseCatalogue(this IServiceCollection services)
    {
        services.AddScoped<CourseEnrolment>();
        // The staff forms answer at ".../new" as well as at the address of what they edit. Links and form actions
        // are generated from the page's own route only, so a form on /courses/manage/5 never posts to .../new?id=5.
        services.Configure<RazorPagesOptions>(o =>
        {
            AlsoAt(o, "/Courses/Manage/Edit", "courses/manage/new");
            AlsoAt(o, "/Courses/Manage/Module", "courses/manage/{courseId:int}/modules/new");
            AlsoAt(o, "/Courses/Manage/Run", "courses/manage/{courseId:int}/runs/new");
            AlsoAt(o, "/Courses/Manage/Session", "courses/manage/runs/{runId:int}/sessions/new");
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCourseCatalogue(this IEndpointRouteBuilder app)
    {
        app.MapCoursesApi();
        return app;
    }

    private static void AlsoAt(RazorPagesOptions o, string page, string template) =>
        o.Conventions.AddPageRouteModelConvention(page, model => model.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = template, SuppressLinkGeneration = true },
        }));
}
