using System.Net;
using Engine.Core.Groups;
using Engine.Core.Members;
using Engine.Web.Tests.SingleSignOn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.PrivateChallenges;

/// <summary>Groups from the sign-in provider's group claim (alpha maps "nhs-leeds" to its leeds-trust group), checked at every sign-in.</summary>
public sealed class SignInGroupsTests(SingleSignOnApp app) : IClassFixture<SingleSignOnApp>
{
    [Fact]
    public async Task The_providers_group_claim_puts_a_member_in_the_sites_group_and_a_later_sign_in_without_it_takes_them_out()
    {
        var groups = app.Services.GetRequiredService<IGroupStore>();
        var person = new TestPerson(Guid.NewGuid().ToString("N"), TestEmail.Unique("sso-groups"), "Lee Leeds", true, "nhs-leeds", "unmapped-group");
        using (var first = app.Visit("alpha.test"))
            (await app.SignInAsync(first, "nhsmail", person)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var member = (await app.Services.GetRequiredService<IMemberStore>().FindByEmailAsync("alpha", new UpperInvariantLookupNormalizer().NormalizeEmail(person.Email)!))!;
        (await groups.GroupsOfAsync("alpha", member.Id)).Should().Equal("leeds-trust");

        // A group an admin gave stays whatever the provider says; the provider's own goes when it no longer names it.
        await groups.AddMemberAsync("alpha", "discharge-team", member.Id, JoinedBy.Admin, DateTimeOffset.UtcNow);
        using (var later = app.Visit("alpha.test"))
            (await app.SignInAsync(later, "nhsmail", person with { Groups = [] })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await groups.GroupsOfAsync("alpha", member.Id)).Should().Equal("discharge-team");
    }
}
