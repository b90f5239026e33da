// Registers the simulated government systems, so the shipped catalogue runs before a city connects its real systems.
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Server.Application.Simulation;

/// <summary>Registration of the simulated government systems as service task handlers.</summary>
public static class SimulationRegistration
{
    /// <summary>
    /// Adds one <see cref="IServiceTaskHandler"/> per simulated system (<c>sim.identity-check</c>, <c>sim.degree-authentication</c>,
    /// <c>sim.criminal-record-check</c>, <c>sim.card-production</c>, <c>sim.courier-dispatch</c>, <c>sim.notify-applicant</c>,
    /// <c>sim.company-registry</c>, <c>sim.housing-registry</c>). Each reads <c>Simulation:&lt;name&gt;</c> from the host's
    /// <see cref="IConfiguration"/> when one is registered, and delays on the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSimulatedGovernmentSystems(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        Add(services, (c, t) => new SimulatedIdentityCheck(c, t));
        Add(services, (c, t) => new SimulatedDegreeAuthentication(c, t));
        Add(services, (c, t) => new SimulatedCriminalRecordCheck(c, t));
        Add(services, (c, t) => new SimulatedCardProduction(c, t));
        Add(services, (c, t) => new SimulatedCourierDispatch(c, t));
        Add(services, (c, t) => new SimulatedApplicantNotification(c, t));
        Add(services, (c, t) => new SimulatedCompanyRegistry(c, t));
        Add(services, (c, t) => new SimulatedHousingRegistry(c, t));
        return services;
    }

    private static void Add(
        IServiceCollection services,
        Func<IConfiguration?, TimeProvider, IServiceTaskHandler> create
    ) =>
        services.AddSingleton(sp =>
            create(sp.GetService<IConfiguration>(), sp.GetRequiredService<TimeProvider>())
        );
}
