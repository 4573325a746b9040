namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>Step 22 (issue 21): a challenge's idea form set by an admin, and what each idea's author answered on it.</summary>
    internal const string IdeaForms = """
        -- The extra fields and categories an admin gave a challenge's idea form, as JSON in tenant.json's shape; null: as tenant.json says.
        ALTER TABLE challenge_settings ADD COLUMN idea_form TEXT;
        -- The category the author picked (null: none), and their answers to the extra fields as a JSON object by field key.
        ALTER TABLE ideas ADD COLUMN category TEXT;
        ALTER TABLE ideas ADD COLUMN answers TEXT;
        """;
}
