using Microsoft.Extensions.Localization;
using Nexus.Web.Infrastructure;

namespace Nexus.Web.Features.Projects.Manage;

/// <summary>The staff pages of projects, the Global Forum registry and processes.</summary>
public abstract class ManagePage(IStringLocalizer<SharedResource> localizer) : FormPage(localizer);
