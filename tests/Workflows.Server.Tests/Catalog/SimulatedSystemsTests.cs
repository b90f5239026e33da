// Specifications of the simulated government systems: names, outputs and the outcomes configuration can force.
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Workflows.Server.Application;
using Workflows.Server.Application.Simulation;

namespace Workflows.Server.Tests.Catalog;

/// <summary>Each simulated handler answers success, a BPMN error or a technical failure as configured.</summary>
public sealed class SimulatedSystemsTests
{
    /// <summary>Every simulated handler name.</summary>
    public static TheoryData<string> HandlerNames() =>
        new(CatalogFiles.HandlerNames().Order(StringComparer.Ordinal));

    private static IServiceTaskHandler Handler(
        string name,
        Dictionary<string, string?>? settings = null
    )
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSimulatedGovernmentSystems()
            .BuildServiceProvider();
        return provider.GetServices<IServiceTaskHandler>().Single(h => h.Name == name);
    }

    private static ServiceTaskContext Call(string invocationId = "inv-1") =>
        new(
            Guid.CreateVersion7(),
            "BK-2026-0001",
            "Service_Test",
            invocationId,
            new JsonObject { ["courierAddress"] = "1 Century Ave" }
        );

    [Fact]
    public void Registration_adds_the_eight_simulated_systems_the_catalogue_uses()
    {
        Assert.Equal(
            new HashSet<string>
            {
                "sim.identity-check",
                "sim.degree-authentication",
                "sim.criminal-record-check",
                "sim.card-production",
                "sim.courier-dispatch",
                "sim.notify-applicant",
                "sim.company-registry",
                "sim.housing-registry",
            },
            CatalogFiles.HandlerNames()
        );
    }

    [Theory]
    [MemberData(nameof(HandlerNames))]
    public async Task Unconfigured_handler_succeeds_and_marks_its_output_simulated(string name)
    {
        var output = await Handler(name).ExecuteAsync(Call(), CancellationToken.None);

        Assert.NotNull(output);
        Assert.True((bool?)output!["simulated"]);
        Assert.True(
            output.Count > 1,
            "a simulated system answers with at least one business variable"
        );
    }

    [Theory]
    [MemberData(nameof(HandlerNames))]
    public async Task Configured_error_outcome_throws_a_bpmn_error_with_that_code(string name)
    {
        var handler = Handler(name, new() { [$"Simulation:{name}:Outcome"] = "error:rejected" });

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() =>
            handler.ExecuteAsync(Call(), CancellationToken.None)
        );

        Assert.Equal("rejected", error.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(HandlerNames))]
    public async Task Configured_fail_outcome_is_a_technical_failure_not_a_bpmn_error(string name)
    {
        var handler = Handler(name, new() { [$"Simulation:{name}:Outcome"] = "fail" });

        var failure = await Assert.ThrowsAsync<SimulatedSystemUnavailableException>(() =>
            handler.ExecuteAsync(Call(), CancellationToken.None)
        );

        Assert.Equal(name, failure.HandlerName);
    }

    [Fact]
    public async Task Degree_authentication_can_refuse_with_the_code_the_settlement_procedure_catches()
    {
        var handler = Handler(
            "sim.degree-authentication",
            new()
            {
                ["Simulation:sim.degree-authentication:Outcome"] = "error:degree-not-authenticated",
            }
        );

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() =>
            handler.ExecuteAsync(Call(), CancellationToken.None)
        );

        Assert.Equal("degree-not-authenticated", error.ErrorCode);
    }

    [Fact]
    public async Task Outcome_of_one_system_does_not_change_another()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Simulation:sim.card-production:Outcome"] = "fail",
        };

        var output = await Handler("sim.courier-dispatch", settings)
            .ExecuteAsync(Call(), CancellationToken.None);

        Assert.True((bool?)output!["dispatched"]);
    }

    [Fact]
    public async Task Replayed_invocation_gets_the_same_reference_and_a_new_invocation_another()
    {
        var handler = Handler("sim.courier-dispatch");

        var first = await handler.ExecuteAsync(Call("inv-7"), CancellationToken.None);
        var replay = await handler.ExecuteAsync(Call("inv-7"), CancellationToken.None);
        var other = await handler.ExecuteAsync(Call("inv-8"), CancellationToken.None);

        Assert.Equal((string?)first!["trackingNumber"], (string?)replay!["trackingNumber"]);
        Assert.NotEqual((string?)first["trackingNumber"], (string?)other!["trackingNumber"]);
        Assert.Equal("1 Century Ave", (string?)first["courierAddress"]);
    }

    [Fact]
    public async Task Notification_records_which_notice_was_sent()
    {
        var output = await Handler("sim.notify-applicant")
            .ExecuteAsync(Call(), CancellationToken.None);

        Assert.Equal("Service_Test", (string?)output!["notice"]);
        Assert.True((bool?)output["applicantNotified"]);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("error:")]
    public async Task Unknown_outcome_fails_loudly_instead_of_succeeding(string outcome)
    {
        var handler = Handler(
            "sim.identity-check",
            new() { ["Simulation:sim.identity-check:Outcome"] = outcome }
        );

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            handler.ExecuteAsync(Call(), CancellationToken.None)
        );

        Assert.Contains("Simulation:sim.identity-check:Outcome", failure.Message);
    }

    [Fact]
    public void Delay_and_outcome_are_read_from_the_handler_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Simulation:sim.card-production:Outcome"] = "error:card-blocked",
                    ["Simulation:sim.card-production:DelayMs"] = "250",
                }
            )
            .Build();

        var outcome = SimulationOutcome.Read(configuration, "sim.card-production");

        Assert.Equal(
            new SimulationOutcome(
                SimulationOutcomeKind.Error,
                "card-blocked",
                TimeSpan.FromMilliseconds(250)
            ),
            outcome
        );
        Assert.Equal(
            SimulationOutcome.Success,
            SimulationOutcome.Read(configuration, "sim.courier-dispatch")
        );
    }

    [Fact]
    public async Task Delay_waits_on_the_registered_time_provider()
    {
        var time = new ManualTime();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Simulation:sim.identity-check:DelayMs"] = "60000",
                }
            )
            .Build();
        var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddSimulatedGovernmentSystems()
            .BuildServiceProvider();
        var handler = provider
            .GetServices<IServiceTaskHandler>()
            .Single(h => h.Name == "sim.identity-check");

        var call = handler.ExecuteAsync(Call(), CancellationToken.None);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));
        var output = await call;

        Assert.True((bool?)output!["identityVerified"]);
    }
}
