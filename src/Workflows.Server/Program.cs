// The Workflows host: REST API, authentication, Hangfire and start-up tasks, composed as a list of capabilities.
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Workflows.Data;
using Workflows.Server.Api;
using Workflows.Server.Application;
using Workflows.Server.Application.Designer;
using Workflows.Server.Application.Simulation;
using Workflows.Server.Application.Sla;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;
using Workflows.Server.Hosting;
using Workflows.Server.Observability;
using Workflows.Server.Pages;

var builder = WebApplication.CreateBuilder(args);
var maxBody = builder.Configuration.GetValue("Workflows:MaxRequestBodyBytes", 10L * 1024 * 1024);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);

builder.Services.AddWorkflowsData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddWorkflowsEngine(builder.Configuration, builder.Environment.ContentRootPath);

// Stand-ins for other government systems (identity, degree authentication, card production…); see workflows/README.md.
builder.Services.AddSimulatedGovernmentSystems();
builder.Services.AddWorkflowsAuth();

// Keys in the database: a cookie or bearer token issued by one node is accepted by every node.
builder
    .Services.AddDataProtection()
    .SetApplicationName("Workflows")
    .PersistKeysToDbContext<WorkflowsDbContext>();
builder.Services.AddWorkflowsHangfire(builder.Configuration);
builder.Services.AddScoped<TaskService>();
builder.Services.AddScoped<IncidentService>();
builder.Services.AddWorkflowsSla();
builder.Services.AddWorkflowsTasks(builder.Configuration);
var oidc = builder.Services.AddWorkflowsOidc(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddWorkflowsDesigner();
builder.Services.AddWorkflowsUi();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.Services.AddWorkflowsObservability(builder.Configuration);
builder.Services.AddWorkflowsSecurity(builder.Configuration); // headers, login rate limit, CSRF guard

var app = builder.Build();
if (Cli.IsCommand(args))
{
    Environment.ExitCode = await Cli.RunAsync(app.Services, args);
    return;
} // migrate | deploy-catalogue | check [--repair]

app.UseExceptionHandler(errors => errors.Run(ProblemMapping.WriteAsync));
app.UseStatusCodePages();
app.UseWorkflowsUi();
app.UseAuthentication();
app.UseWorkflowsSessionCheck(); // a locked or reset account's, or a logged-out session's, old cookie and bearer token stop working
app.UseAuthorization();
app.UseWorkflowsSecurity();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/reference").AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
    .AllowAnonymous();
app.MapHealthChecks(
        "/health/ready",
        new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }
    )
    .AllowAnonymous();
app.MapWorkflowsMetrics();
app.MapHangfireDashboard(
    "/hangfire",
    new DashboardOptions { Authorization = [new HangfireAdminFilter()], AppPath = "/" }
);

app.MapAuthApi();
app.MapDefinitionsApi();
app.MapInstancesApi();
app.MapTasksApi();
app.MapCasesApi();
app.MapAttachmentsApi();
app.MapAuditApi();
app.MapAdminApi();
app.MapWorkflowsOidc(oidc);
app.MapMessagesApi();
app.MapCalendarApi();
app.MapSlaApi();
app.MapNotificationsApi();
app.MapDashboardApi();
app.MapExportApi();
app.MapDesignerApi();
app.MapWorkflowsUi();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
