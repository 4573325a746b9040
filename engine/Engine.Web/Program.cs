using Engine.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEngine();

var app = builder.Build();
app.UseEngine();
app.Run();

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
