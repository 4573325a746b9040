using Engine.Themes.Rendering;
using Scriban;
using Scriban.Runtime;

namespace Engine.Themes.Tests;

/// <summary>Which names a page may read without searching Scriban's scopes: none a template can rebind.</summary>
public class ThemeNamesTests
{
    private static ThemeNames Of(params string[] templates) =>
        ThemeNames.Of(templates.Select(t => (Scriban.Syntax.ScriptNode)Template.Parse(t).Page!), BuiltIns());

    private static ScriptObject BuiltIns()
    {
        var builtins = new ScriptObject();
        builtins.SetValue("include", "a function", readOnly: true);
        return builtins;
    }

    [Fact]
    public void A_name_only_read_is_the_models()
    {
        var names = Of("{{ title }}{{ site.name }}", "{{ if user }}{{ user.name }}{{ end }}");
        names.IsModelName("title").Should().BeTrue();
        names.IsModelName("user").Should().BeTrue();
    }

    [Theory]
    [InlineData("{{ title = 'x' }}", "title")]
    [InlineData("{{ site.name = 'x' }}", "site")]
    [InlineData("{{ capture title }}x{{ end }}", "title")]
    [InlineData("{{ for title in ideas }}{{ end }}", "title")]
    [InlineData("{{ tablerow title in ideas }}{{ end }}", "title")]
    [InlineData("{{ func title }}x{{ end }}", "title")]
    [InlineData("{{ func show(title) }}{{ title }}{{ end }}", "title")]
    public void A_name_any_template_of_the_chain_binds_is_not_read_from_the_model(string binding, string name)
    {
        Of("{{ title }}{{ site.name }}", binding).IsModelName(name).Should().BeFalse();
        Of("{{ title }}{{ site.name }}").IsModelName(name).Should().BeTrue("without the binding the name is the model's");
    }

    [Theory]
    [InlineData("for")]
    [InlineData("tablerow")]
    [InlineData("while")]
    public void The_loop_objects_scriban_binds_itself_are_never_read_from_the_model(string name) =>
        Of("{{ for.index }}{{ tablerow.col }}{{ while.index }}").IsModelName(name).Should().BeFalse();

    [Fact]
    public void A_built_in_is_never_read_from_the_model() => Of("{{ include 'x' }}").IsModelName("include").Should().BeFalse();

    [Theory]
    [InlineData("{{ with site }}{{ name }}{{ end }}")]
    [InlineData("{{ import site }}")]
    public void A_chain_that_turns_members_into_names_reads_every_name_through_scriban(string template)
    {
        var names = Of("{{ for idea in ideas }}{{ idea.title }}{{ end }}{{ title }}", template);
        names.IsModelName("title").Should().BeFalse();
        names.CanSlot("idea").Should().BeFalse();
    }

    [Fact]
    public void A_loop_variable_is_slotted_unless_some_template_assigns_it()
    {
        Of("{{ for idea in ideas }}{{ idea.title }}{{ end }}").CanSlot("idea").Should().BeTrue();
        Of("{{ for idea in ideas }}{{ for idea in idea.replies }}{{ end }}{{ end }}").CanSlot("idea").Should().BeTrue("a loop inside a loop has a slot of its own");
        Of("{{ for idea in ideas }}{{ end }}", "{{ idea = 1 }}").CanSlot("idea").Should().BeFalse();
        Of("{{ for idea in ideas }}{{ end }}", "{{ capture idea }}x{{ end }}").CanSlot("idea").Should().BeFalse();
    }
}
