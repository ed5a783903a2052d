using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Application;

/// <summary>Starting a training job (REST, Teams): the model must exist; the job's id is made here (<see cref="TrainingJob.NewId"/>).</summary>
public sealed class TrainingCommands(IGrainFactory grains)
{
    public async Task<TrainingJob> Start(Actor actor, string model, string? dataset, string? algorithm, Dictionary<string, string>? options, string? validationDataset)
    {
        if (!ResourceNames.IsValid(dataset)) throw InvalidInputProblem.Single("dataset", "required: " + ResourceNames.Rule);
        if ((ResourceNames.IsValid(model) ? await grains.GetGrain<IModelGrain>(model).Get() : null) is null) throw new NotFoundProblem($"no model named {model}");
        return await grains.GetGrain<ITrainingJobGrain>(TrainingJob.NewId()).Start(new TrainingRequest(model, dataset!, algorithm, options ?? [], validationDataset, actor));
    }
}
