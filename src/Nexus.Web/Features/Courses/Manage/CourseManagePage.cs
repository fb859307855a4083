using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Courses.Manage;

/// <summary>The staff course pages (and, through QuizManagePage, the bank and quiz pages).</summary>
public abstract class CourseManagePage(IStringLocalizer<SharedResource> localizer) : FormPage(localizer);
