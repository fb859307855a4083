using Nexus.Web.Features.Events.Manage;

namespace Nexus.Tests.Events;

public class TimeZoneListTests
{
    /// <summary>A name the machine does not know would be offered in the form and then refused on save.</summary>
    [Fact]
    public void Every_time_zone_offered_in_the_event_form_is_known_to_the_machine()
    {
        var unknown = EditModel.CommonZones.Where(z => !TimeZoneInfo.TryFindSystemTimeZoneById(z, out _)).ToList();
        Assert.Empty(unknown);
    }
}
