using System.Collections;
using System.Reflection;
using Engine.Themes.Pages;

namespace Engine.Themes.Tests;

/// <summary>
/// The sample models the theme checker renders every page against: one of each page the engine renders, a full
/// one and an empty one, so both sides of every <c>if</c> in a template are walked.
/// </summary>
public class PageSamplesTests
{
    // The pages the engine renders beside those every theme chain must have (ThemeValidator.RequiredPages, less the layout).
    private static readonly string[] OtherPages =
        ["big-idea", "big-ideas", "confirm-email", "contributions", "edit", "email-preferences", "forgot-password", "reset-password", "unsubscribe",
            "my-data", "delete-account", "two-factor", "signin-code"];

    private static IEnumerable<string> EveryPage() => ThemeValidator.RequiredPages.Where(p => p != "default").Concat(OtherPages);

    [Fact]
    public void Each_page_the_engine_renders_has_one_full_and_one_empty_sample()
    {
        PageSamples.Full().Select(s => s.Page).Should().BeEquivalentTo(EveryPage()).And.OnlyHaveUniqueItems();
        PageSamples.Empty().Select(s => s.Page).Should().BeEquivalentTo(EveryPage()).And.OnlyHaveUniqueItems();
        PageSamples.All().Should().HaveCount(2 * EveryPage().Count());
    }

    [Fact]
    public void Every_page_record_has_samples_and_each_page_always_gets_the_same_record()
    {
        var records = typeof(IPage).Assembly.GetTypes().Where(t => t.IsClass && typeof(IPage).IsAssignableFrom(t));
        PageSamples.Full().Select(s => s.Model.GetType()).Should().BeEquivalentTo(records);
        foreach (var (page, model) in PageSamples.Empty())
            model.GetType().Should().Be(PageSamples.Full().Single(s => s.Page == page).Model.GetType(), $"the empty {page} sample is a {page} page");
    }

    [Fact]
    public void No_text_in_any_sample_is_empty_as_themes_read_an_empty_string_as_true()
    {
        foreach (var (page, model) in PageSamples.All())
            foreach (var (path, value) in Walk(model, page))
                if (value is string or Html)
                    value.ToString().Should().NotBeEmpty($"{path} is text: absent text is null, never \"\"");
    }

    [Fact]
    public void No_list_in_a_sample_is_an_array_as_scriban_reads_no_size_of_one()
    {
        foreach (var (page, model) in PageSamples.All())
            foreach (var (path, value) in Walk(model, page))
                (value is Array).Should().BeFalse($"{path} is a list: templates ask its .size");
    }

    [Fact]
    public void A_full_sample_has_a_signed_in_member_every_optional_value_and_two_of_each_list()
    {
        foreach (var (page, model) in PageSamples.Full())
        {
            model.Frame.User.Should().NotBeNull($"the full {page} sample is a signed-in member's page");
            model.Frame.Antiforgery.Should().NotBeNull($"the full {page} sample is a signed-in member's page");
            foreach (var (path, value) in Walk(model, page))
                value.Should().NotBeNull($"{path} is in the full sample");
            foreach (var list in model.GetType().GetProperties().Where(p => IsList(p.PropertyType)))
                ((ICollection)list.GetValue(model)!).Count.Should().Be(2, $"{page}.{list.Name} has two items in the full sample");
        }
    }

    [Fact]
    public void An_empty_sample_is_a_visitor_with_every_optional_value_null_and_every_list_empty()
    {
        var nullability = new NullabilityInfoContext();
        foreach (var (page, model) in PageSamples.Empty())
        {
            model.Frame.User.Should().BeNull($"the empty {page} sample is a visitor's page");
            model.Frame.Antiforgery.Should().BeNull($"the empty {page} sample is a visitor's page");
            foreach (var (path, value, property) in Properties(model, page))
            {
                if (nullability.Create(property).ReadState == NullabilityState.Nullable)
                    value.Should().BeNull($"{path} is optional, so null in the empty sample");
                if (IsList(property.PropertyType))
                    ((ICollection)value!).Count.Should().Be(0, $"{path} is empty in the empty sample");
            }
        }
    }

    [Fact]
    public void Field_errors_put_the_message_under_its_field_only()
    {
        FieldErrors.Of(new ErrorView("displayName", "Enter a name.")).Should().Be(new FieldErrors(DisplayName: "Enter a name."));
        FieldErrors.Of(new ErrorView(null, "Try again.")).Should().Be(new FieldErrors(Form: "Try again."));
        FieldErrors.Of(new ErrorView("image2", "a.png is not an image.")).Should().Be(new FieldErrors(Image2: "a.png is not an image."));
        FieldErrors.Of(new ErrorView("alt3", "Describe the image.")).Should().Be(new FieldErrors(Alt3: "Describe the image."));
        FieldErrors.Of(new ErrorView("images", "At most 3.")).Should().Be(new FieldErrors(Images: "At most 3."));
        FieldErrors.Of(new ErrorView("parentId", "No such comment.")).Should().Be(FieldErrors.None, "no form shows that field");
        FieldErrors.Of(null).Should().Be(FieldErrors.None);
    }

    private static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>Every value in a model, each with where it is ("idea.comments[0].replies[1].author_name", in C# names).</summary>
    private static IEnumerable<(string Path, object? Value)> Walk(object model, string path) =>
        Properties(model, path).Select(p => (p.Path, p.Value));

    private static IEnumerable<(string Path, object? Value, PropertyInfo Property)> Properties(object model, string path)
    {
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(model);
            var at = $"{path}.{property.Name}";
            yield return (at, value, property);
            var inner = value switch
            {
                null or string or Html or ValueType => [],
                IEnumerable list => list.Cast<object>().SelectMany((item, i) => Properties(item, $"{at}[{i}]")),
                _ => Properties(value, at),
            };
            foreach (var found in inner) yield return found;
        }
    }
}
