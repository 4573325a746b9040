namespace Engine.Themes.Pages;

/// <summary>Which page of a list this is; the links are null on the first and last pages.</summary>
public sealed record PaginationView(int Page, int PageCount, string? PreviousUrl, string? NextUrl);
