using Dapper;
using Engine.Core.Common;
using Engine.Core.Members;

namespace Engine.Data.Stores;

public sealed class AuthenticatorStepStore(Database db) : IAuthenticatorSteps
{
    // Records: no page or kept read shows the step, so no cache is dropped for it. The update decides, in one statement:
    // a second request with the same step finds the row already at it and changes nothing.
    public Task<bool> UseAsync(string tenantId, long memberId, long step, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Records, (c, tx) => c.Execute("""
            UPDATE members SET authenticator_step = @step
            WHERE tenant_id = @tenantId AND id = @memberId AND (authenticator_step IS NULL OR authenticator_step < @step)
            """, new { tenantId, memberId, step }, tx) == 1, ct);

    public Task ForgetAsync(string tenantId, long memberId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, WriteScope.Records, (c, tx) => c.Execute("UPDATE members SET authenticator_step = NULL WHERE tenant_id = @tenantId AND id = @memberId",
            new { tenantId, memberId }, tx), ct);
}
