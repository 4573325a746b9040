using Engine.Core.Administration;
using Engine.Core.Challenges;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Email;
using Engine.Core.Following;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Core.Stats;
using Engine.Core.Votes;
using Engine.Data.Postgres;
using Engine.Data.Sqlite;
using Engine.Data.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Engine.Data;

/// <summary>
/// Where the engine keeps its data: the SQLite file at <see cref="SqlitePath"/>, unless a PostgreSQL connection string
/// is given (which several engine nodes can share). <see cref="NumbersRecountEvery"/>: see <see cref="StatsQuery"/>.
/// </summary>
public sealed record StorageSettings(string SqlitePath, string? Postgres, TimeSpan NumbersRecountEvery)
{
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres);
}

public static class StorageServices
{
    /// <summary>
    /// The database and every store over it, as singletons; <paramref name="settings"/> is asked when the database is
    /// first needed. Each commit moves the <see cref="DataVersions"/> that the host's caches watch (one is added if the
    /// host has none). The stores take the Core services they need (author keys, the anonymity promise) from the host.
    /// </summary>
    public static IServiceCollection AddEngineStorage(this IServiceCollection services, Func<IServiceProvider, StorageSettings> settings)
    {
        services.AddSingleton<StorageSettings>(settings);
        services.TryAddSingleton<DataVersions>();
        // By its own type too, for what only SQLite has (its file, its busy count).
        services.AddSingleton(sp => sp.GetRequiredService<StorageSettings>() is { UsesPostgres: false } storage
            ? new SqliteDatabase(storage.SqlitePath, sp.GetRequiredService<DataVersions>())
            : throw new InvalidOperationException("The engine is configured for PostgreSQL (Engine:Storage:Postgres); there is no SQLite database."));
        services.AddSingleton<Database>(sp => sp.GetRequiredService<StorageSettings>() is { UsesPostgres: true } storage
            ? new PostgresDatabase(storage.Postgres!, sp.GetRequiredService<DataVersions>(), sp.GetService<ILogger<PostgresDatabase>>())
            : sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IChallengeStore, ChallengeStore>();
        services.AddSingleton<Core.Groups.IGroupStore, GroupStore>();
        services.AddSingleton<IIdeaStore, IdeaStore>();
        services.AddSingleton<Core.IdeaForms.IIdeaFacetStore, IdeaFacetStore>();
        services.AddSingleton<ICommentStore, CommentStore>();
        services.AddSingleton<IVoteStore, VoteStore>();
        services.AddSingleton<IMemberStore, MemberStore>();
        services.AddSingleton<IExternalLoginStore, ExternalLoginStore>();
        services.AddSingleton<IRecoveryCodeStore, RecoveryCodeStore>();
        services.AddSingleton<IAuthenticatorSteps, AuthenticatorStepStore>();
        services.AddSingleton<IPasskeyStore, PasskeyStore>();
        services.AddSingleton<ISessionStore, SessionStore>();
        services.AddSingleton<IStatsQuery>(sp => new StatsQuery(sp.GetRequiredService<Database>(), sp.GetRequiredService<Core.Anonymity.IAuthorKeys>(),
            sp.GetRequiredService<DataVersions>(), sp.GetService<TimeProvider>(),
            sp.GetRequiredService<StorageSettings>().NumbersRecountEvery, sp.GetService<ILogger<StatsQuery>>()));
        services.AddSingleton<IContributionHistory, ContributionHistory>();
        services.AddSingleton<IModerationStore, ModerationStore>();
        services.AddSingleton<Core.Editing.IEditStore, EditStore>();
        services.AddSingleton<ISiteSettingsStore, SiteSettingsStore>();
        services.AddSingleton<IResponsivenessStore, ResponsivenessStore>();
        services.AddSingleton<IOwnContributionsStore, OwnContributionsStore>();
        services.AddSingleton<Core.BigIdeas.IMergeStore, MergeStore>();
        services.AddSingleton<Core.BigIdeas.IThemingStore, ThemingStore>();
        services.AddSingleton<Core.BigIdeas.Suggestions.IThemeSuggestionStore, ThemeSuggestionStore>();
        services.AddSingleton<Core.Imports.IImportStore, ImportStore>();
        services.AddSingleton<Core.Exports.IExportSource, ExportStore>();
        services.AddSingleton<Core.Search.IIdeaSearch, IdeaSearch>();
        services.AddSingleton<Core.News.INewsStore, NewsStore>();
        services.AddSingleton<Core.Roadmap.IRoadmapQuery, RoadmapQuery>();
        services.AddSingleton<IEmailStore, EmailStore>();
        services.AddSingleton<IFollowStore, FollowStore>();
        services.AddSingleton<Core.DataRights.IMemberDataStore, MemberDataStore>();
        services.AddSingleton<Core.DataRights.IRetentionStore, RetentionStore>();
        services.AddSingleton<Events.EventOutboxStore>();
        services.AddSingleton<PluginStateStore>();
        services.AddSingleton<Core.Images.IIdeaImageStore, IdeaImageStore>();
        return services;
    }
}
