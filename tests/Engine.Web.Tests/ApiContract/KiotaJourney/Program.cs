using System.Text.Json;
using Engine.Client;
using Engine.Client.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

// A member's journey through the generated client only: register, take a personal token, post an idea with it, vote
// for it, and read it back. Arguments: the site's base address, a fresh email address, the challenge's slug.
var (baseUrl, email, challenge) = (args[0], args[1], args[2]);
const string password = "correct horse battery";

var visitor = Client(new AnonymousAuthenticationProvider());
var registered = await visitor.Api.V1.Account.Register.PostAsync(new RegisterRequest { Email = email, Password = password, DisplayName = "Kiota Client" });
var token = await visitor.Api.V1.Account.Tokens.PostAsync(new TokenRequest { Email = email, Password = password, Name = "kiota journey" });

var member = Client(new BaseBearerTokenAuthenticationProvider(new PersonalToken(token!.Token!)));
var posted = await member.Api.V1.Challenges[challenge].Ideas.PostAsync(new NewIdeaRequest { Title = "Text patients their place in the queue", Body = "Fewer calls to chase." });
var vote = await member.Api.V1.Ideas[posted!.Id!.Value].Vote.PutAsync(new VoteRequest { Value = 1 });
var idea = await member.Api.V1.Ideas[posted.Id.Value].GetAsync();

// One line the test reads: what the client saw at each step.
Console.WriteLine("journey: " + JsonSerializer.Serialize(new
{
    registered = registered?.Message, tokenName = token.Name, posted = posted.Id, votedUp = vote!.Up,
    idea = new { idea!.Id, idea.Title, idea.Challenge, idea.Up, idea.MyVote, Author = idea.Author?.DisplayName },
}));

EngineClient Client(IAuthenticationProvider authentication) => new(new HttpClientRequestAdapter(authentication) { BaseUrl = baseUrl });

/// <summary>The personal token from POST /api/v1/account/tokens, sent as the bearer token on every request to the site.</summary>
sealed class PersonalToken(string token) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new();
    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(token);
}
