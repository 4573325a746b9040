namespace Engine.Themes.Pages;

/// <summary>
/// A refused form's message under the name of the field at fault, so a template shows it beside that field
/// (<c>errors.email</c>); every other field is null. <see cref="Form"/> holds a message about the form as a whole.
/// The image fields of the new-idea and edit forms: <see cref="Image1"/> to <see cref="Image3"/> the files,
/// <see cref="Alt1"/> to <see cref="Alt3"/> their alt text, and <see cref="Images"/> the images as a whole (one too many).
/// </summary>
public sealed record FieldErrors(string? Form = null, string? Title = null, string? Body = null, string? Anonymous = null,
    string? Challenge = null, string? Q = null, string? Email = null, string? Password = null, string? DisplayName = null,
    string? Digest = null, string? Name = null, string? Days = null, string? Code = null, string? Passkey = null,
    string? Images = null, string? Image1 = null, string? Image2 = null, string? Image3 = null, string? Alt1 = null, string? Alt2 = null, string? Alt3 = null)
{
    public static FieldErrors None { get; } = new();

    /// <summary>The message under its field; a field no form shows (a vote's value, say) shows in the error summary only.</summary>
    public static FieldErrors Of(ErrorView? error) => error?.Field switch
    {
        _ when error is null => None,
        null => new(Form: error.Message),
        "title" => new(Title: error.Message),
        "body" => new(Body: error.Message),
        "anonymous" => new(Anonymous: error.Message),
        "challenge" => new(Challenge: error.Message),
        "q" => new(Q: error.Message),
        "email" => new(Email: error.Message),
        "password" => new(Password: error.Message),
        "displayName" => new(DisplayName: error.Message),
        "digest" => new(Digest: error.Message),
        "name" => new(Name: error.Message),
        "days" => new(Days: error.Message),
        "code" => new(Code: error.Message),
        "passkey" => new(Passkey: error.Message),
        "images" => new(Images: error.Message),
        "image1" => new(Image1: error.Message),
        "image2" => new(Image2: error.Message),
        "image3" => new(Image3: error.Message),
        "alt1" => new(Alt1: error.Message),
        "alt2" => new(Alt2: error.Message),
        "alt3" => new(Alt3: error.Message),
        _ => None,
    };
}
