namespace Engine.Core.Common;

public enum ErrorKind { Validation, NotFound, Forbidden, Conflict, Unauthorized }

/// <summary>Why a use case refused: <see cref="Field"/> names the input at fault, when there is one.</summary>
public sealed record Error(ErrorKind Kind, string Message, string? Field = null)
{
    /// <summary>
    /// The message's key in the engine's catalogues ("error.required"), so a page can word it in its own language:
    /// <c>{0}</c> is the field's name there, <c>{1}</c>... are <see cref="Values"/>. Null: pages show <see cref="Message"/>.
    /// <see cref="Message"/> stays the English text, which the API answers with.
    /// </summary>
    public string? Key { get; init; }

    public IReadOnlyList<object> Values { get; init; } = [];

    /// <summary>
    /// A plugin's refusal given as a key in its catalogues (SDK 1.4), which pages and the API word in their language;
    /// <see cref="Message"/> is its English. Null: the message is shown as written.
    /// </summary>
    public Sdk.PluginText? Text { get; init; }

    /// <summary>This error with the key (and values) its message is worded by in other languages.</summary>
    public Error Keyed(string key, params object[] values) => this with { Key = key, Values = values };

    public static Error Invalid(string field, string message) => new(ErrorKind.Validation, message, field);
    /// <summary>
    /// "Challenge was not found.", keyed <c>error.not-found.challenge</c> (the thing's name in lower case, spaces as
    /// hyphens): a page words it in its language, as a noun needs its own grammar in each (Welsh mutates "her" to "yr her").
    /// </summary>
    public static Error NotFound(string what) =>
        new Error(ErrorKind.NotFound, $"{what} was not found.").Keyed("error.not-found." + what.ToLowerInvariant().Replace(' ', '-'));
    public static Error Forbidden(string message, string? field = null) => new(ErrorKind.Forbidden, message, field);
}

/// <summary>The result of a use case: a value, or the error that stopped it (nothing was stored).</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Error? error) { Value = value; Error = error; }

    public T? Value { get; }
    public Error? Error { get; }
    public bool Succeeded => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    /// <summary>For values the implicit conversion cannot take (interfaces such as IReadOnlyList).</summary>
    public static Outcome<T> From(T value) => new(value, null);
    public static implicit operator Outcome<T>(Error error) => new(default, error);
}
