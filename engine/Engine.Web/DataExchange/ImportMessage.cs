using System.Globalization;
using Engine.Core.Imports;
using Engine.Web.Languages;

namespace Engine.Web.DataExchange;

/// <summary>What an admin is told after an import, by the admin page (in the page's language) and the API (in English) alike.</summary>
public static class ImportMessage
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string For(ImportPreview preview, ImportResult result) => For(preview, result, English);

    public static string For(ImportPreview preview, ImportResult result, CultureInfo culture) =>
        result.SourceId is null
            ? preview.ImportedBefore is { } before
                ? EngineWords.Text(culture, "admin.import.done-before", Pages.Admin.AdminPageModel.When(before.ImportedAt, culture), before.Source.Describe())
                : EngineWords.Text(culture, "admin.import.done-nothing")
            : EngineWords.Text(culture, "admin.import.done", Counted(culture, result.IdeasAdded, result.CommentsAdded)) +
              (result.AlreadyImported > 0 ? "; " + EngineWords.Text(culture, "admin.import.done-already", result.AlreadyImported) : "") + ".";

    /// <summary>"2 ideas and 1 comment", each in the plural form its count takes.</summary>
    public static string Counted(CultureInfo culture, int ideas, int comments) =>
        EngineWords.Text(culture, "admin.import.and", EngineWords.Text(culture, "admin.import.ideas", ideas), EngineWords.Text(culture, "admin.import.comments", comments));
}
