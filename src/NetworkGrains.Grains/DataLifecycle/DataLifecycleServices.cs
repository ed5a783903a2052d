using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetworkGrains.Grains.Anomalies;

namespace NetworkGrains.Grains.DataLifecycle;

public static class DataLifecycleServices
{
    /// <summary>
    /// Deletion on request and by age for what the grains own (anomalies, datasets); the host registers its
    /// stores' kinds (<see cref="IDeviceData"/>, <see cref="IRetainedData"/>) beside them.
    /// </summary>
    public static IServiceCollection AddDataLifecycle(this IServiceCollection services)
    {
        services.AddSingleton(sp => new AnomalyData(sp.GetRequiredService<IAnomalyLog>(), sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<RetentionOptions>>().Value.Anomalies));
        services.AddSingleton<IDeviceData>(sp => sp.GetRequiredService<AnomalyData>());
        services.AddSingleton<IRetainedData>(sp => sp.GetRequiredService<AnomalyData>());
        services.AddSingleton<IRetainedData>(sp => new DatasetData(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<RetentionOptions>>().Value.Datasets));
        return services.AddSingleton<DevicePurge>().AddSingleton<RetentionSweep>();
    }
}
