namespace Engine.Core.Members;

/// <summary>
/// The time step (RFC 6238: 30 seconds each, counted from 1970) of the last authenticator code each member used. A code is
/// good for a minute or two, so without this a code seen over a shoulder, or replayed by whoever saw the request, would
/// sign in again inside its window; RFC 6238 (5.2) says a code once accepted must be refused the second time.
/// </summary>
public interface IAuthenticatorSteps
{
    /// <summary>True once, for a step later than any the member used: of two requests with the same code, one wins.</summary>
    Task<bool> UseAsync(string tenantId, long memberId, long step, CancellationToken ct = default);

    /// <summary>Forgets the member's last step, when their key is forgotten: a new key's codes owe nothing to the old one's.</summary>
    Task ForgetAsync(string tenantId, long memberId, CancellationToken ct = default);
}
