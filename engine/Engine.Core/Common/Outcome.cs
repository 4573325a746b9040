namespace Engine.Core.Common;

public enum ErrorKind { Validation, NotFound, Forbidden, Conflict, Unauthorized }

/// <summary>Why a use case refused: <see cref="Field"/> names the input at fault, when there is one.</summary>
public sealed record Error(ErrorKind Kind, string Message, string? Field = null)
{
    public static Error Invalid(string field, string message) => new(ErrorKind.Validation, message, field);
    public static Error NotFound(string what) => new(ErrorKind.NotFound, $"{what} was not found.");
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
