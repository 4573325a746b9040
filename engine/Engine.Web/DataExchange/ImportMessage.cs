using Engine.Core.Imports;

namespace Engine.Web.DataExchange;

/// <summary>What an admin is told after an import, by the admin page and the API alike.</summary>
public static class ImportMessage
{
    public static string For(ImportPreview preview, ImportResult result) =>
        result.SourceId is null
            ? preview.ImportedBefore is { } before
                ? $"This file was already imported on {Pages.Admin.AdminPageModel.When(before.ImportedAt)} ({before.Source.Describe()}): nothing was added."
                : "Every row in this file was already imported: nothing was added."
            : $"Imported {result.IdeasAdded} {(result.IdeasAdded == 1 ? "idea" : "ideas")} and {result.CommentsAdded} {(result.CommentsAdded == 1 ? "comment" : "comments")}" +
              (result.AlreadyImported > 0 ? $"; {result.AlreadyImported} rows were already on the site." : ".");
}
