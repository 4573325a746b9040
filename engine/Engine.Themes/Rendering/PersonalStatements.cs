using Scriban.Syntax;

namespace Engine.Themes.Rendering;

/// <summary>
/// Makes a personal partial's holes as small as its statements allow: only the statements that read a member's own
/// values become <see cref="PersonalPart"/>s, and the rest of the partial (its markup, the idea's title and counts, the
/// words) is written once into the shell every member shares. A vote form whose whole markup was written again for each
/// member on each card then leaves only its token and its pressed state to them. A branch whose condition every member
/// shares (<c>if signed_in</c>) is split inside; any other statement that reads a personal value is a part whole.
/// </summary>
internal static class PersonalStatements
{
    /// <summary>Wraps each statement of <paramref name="block"/> (and of its shared branches) that reads a personal value.</summary>
    public static void Split(ScriptBlockStatement block, string partial)
    {
        var statements = block.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if (statement is PersonalPart || !PersonalPart.ReadsPersonal(statement)) continue;
            switch (statement)
            {
                case ScriptBlockStatement nested:
                    Split(nested, partial);
                    continue;
                case ScriptIfStatement conditional when SharedConditions(conditional):
                    SplitBranches(conditional, partial);
                    continue;
            }
            // Statements next to each other that are all personal make one part: fewer holes to fill.
            var run = 1;
            while (i + run < statements.Count && statements[i + run] is var next && next is not PersonalPart
                   && PersonalPart.ReadsPersonal(next) && !Splittable(next)) run++;
            var body = new ScriptBlockStatement { Span = statement.Span };
            for (var k = 0; k < run; k++)
            {
                var moved = statements[i];
                statements.RemoveAt(i); // a node has one parent: its block lets go of it first
                body.Statements.Add(moved);
            }
            statements.Insert(i, new PersonalPart(partial, body));
        }
    }

    private static bool Splittable(ScriptStatement statement) =>
        statement is ScriptBlockStatement || statement is ScriptIfStatement conditional && SharedConditions(conditional);

    /// <summary>Whether no condition of an if, else-if chain reads a personal value (its branches may).</summary>
    private static bool SharedConditions(ScriptIfStatement conditional)
    {
        for (ScriptConditionStatement? at = conditional; at is not null; at = (at as ScriptIfStatement)?.Else)
            if (at is ScriptIfStatement { Condition: { } condition } && PersonalPart.ReadsPersonal(condition)) return false;
        return true;
    }

    private static void SplitBranches(ScriptIfStatement conditional, string partial)
    {
        if (conditional.Then is { } then) Split(then, partial);
        switch (conditional.Else)
        {
            case ScriptIfStatement elseIf:
                SplitBranches(elseIf, partial);
                break;
            case ScriptElseStatement { Body: { } body }:
                Split(body, partial);
                break;
        }
    }
}
