namespace Engine.Web.Plugins;

/// <summary>How plugin events are delivered (<c>Engine:Events</c>); see docs/plugins.md.</summary>
public sealed class EventOptions
{
    public const string Section = "Engine:Events";

    /// <summary>False on a node that should not deliver (another node does).</summary>
    public bool Deliver { get; set; } = true;
    /// <summary>How often the outbox is looked at when it had nothing to deliver.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>The wait after a first failure, doubling with each further one up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>After this many attempts the event is given up on (a dead letter) and its stream moves on.</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>How long a node holds an event it took; if it stops meanwhile, another node delivers the event after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How late a challenge's opening or closing may be noticed and still be told (older ones are history).</summary>
    public TimeSpan ChallengeMomentsWithin { get; set; } = TimeSpan.FromDays(1);
}
