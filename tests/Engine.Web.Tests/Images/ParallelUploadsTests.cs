using System.Net;
using Engine.Core.Members;
using Engine.Web.Tests.Editing;

namespace Engine.Web.Tests.Images;

/// <summary>The three-image limit holds when uploads to one idea arrive at once (run on SQLite and, in the PostgreSQL run, on PostgreSQL).</summary>
public sealed class ParallelUploadsTests(EditingApp app) : IClassFixture<EditingApp>
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public async Task Uploads_at_once_to_one_idea_keep_exactly_three_and_refuse_the_others_with_a_problem_naming_images(int uploads)
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: $"Photos of the ward garden, {uploads} at once");
        var jpeg = TestImages.Jpeg();

        var answers = await Task.WhenAll(Enumerable.Range(1, uploads).Select(n => ImageApi.PostAsync(author, idea, ("image", $"garden-{n}.jpg", jpeg, $"Garden photo {n}"))));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(3);
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        refused.Should().HaveCount(uploads - 3).And.OnlyContain(a => a.StatusCode == HttpStatusCode.BadRequest);
        foreach (var answer in refused)
        {
            var problem = await Visitor.ProblemAsync(answer);
            problem.GetProperty("errors").GetProperty("images")[0].GetString().Should().Contain("at most 3 images");
        }
        (await ImageApi.ListAsync(author, idea)).Should().HaveCount(3);
    }
}
