using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NetworkGrains.Grains.Inference;

namespace NetworkGrains.Grains.Models;

public static class ModelRegistryServices
{
    /// <summary>
    /// The registry's and the inference pool's services. The host adds an <see cref="IModelArtifactStore"/> and a
    /// <see cref="ModelSigningKey"/> (and an <see cref="IDatasetStore"/>); without them artifacts and datasets stay in memory,
    /// signed with a key made at start.
    /// </summary>
    public static IServiceCollection AddModelRegistry(this IServiceCollection services)
    {
        services.TryAddSingleton<IModelArtifactStore, MemoryModelArtifactStore>();
        services.TryAddSingleton<IDatasetStore, MemoryDatasetStore>();
        services.TryAddSingleton(_ => new ModelSigningKey(RSA.Create(ModelSigningKey.MinimumBits)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModelSessionCache>();
        services.AddSingleton<ModelRoutingCache>();
        services.AddSingleton<DriftMonitor>();
        services.AddOptions<ModelRegistryOptions>();
        services.AddOptions<InferenceOptions>();
        return services;
    }
}
