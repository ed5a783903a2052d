using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// Defines the workflows and then the rules (JSON or YAML files) found beside the silo once it is up: Automation:WorkflowsDirectory
/// (default the "workflows" folder, copied from config/workflows/) and Automation:RulesDirectory (default "rules",
/// from config/rules/). A file that is not valid is logged with the field and the reason, and skipped.
/// </summary>
public static partial class AutomationFiles
{
    public static async Task LoadAsync(IConfiguration configuration, IGrainFactory grains, ILogger logger)
    {
        await LoadDirectory(configuration["Automation:WorkflowsDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "workflows"), logger, async json =>
        {
            if (!WorkflowRequest.TryParse(json, out var workflow, out var errors)) return (null, errors);
            await grains.GetGrain<IWorkflowGrain>(workflow.Id).Define(workflow);
            return ($"workflow {workflow.Id}", errors);
        });
        await LoadDirectory(configuration["Automation:RulesDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "rules"), logger, async json =>
        {
            if (!RuleRequest.TryParse(json, null, out var rule, out var errors)) return (null, errors);
            await grains.GetGrain<IRuleGrain>(rule.Id).Define(rule);
            return ($"rule {rule.Id}", errors);
        });
    }

    /// <summary>
    /// Each *.json, *.yaml and *.yml file in name order (YAML turned into JSON first): <paramref name="define"/> says
    /// what it defined, or null with the errors.
    /// </summary>
    private static async Task LoadDirectory(string directory, ILogger logger, Func<byte[], Task<(string? Defined, ValidationErrors Errors)>> define)
    {
        if (!Directory.Exists(directory)) return;
        var files = Directory.EnumerateFiles(directory).Where(f => Path.GetExtension(f) is ".json" or ".yaml" or ".yml").Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                var yamlErrors = new ValidationErrors();
                var json = await File.ReadAllBytesAsync(file);
                if (Path.GetExtension(file) != ".json" && !YamlDocuments.TryToJson(System.Text.Encoding.UTF8.GetString(json), yamlErrors, out json))
                {
                    LogInvalid(logger, file, Describe(yamlErrors));
                    continue;
                }

                var (defined, errors) = await define(json);
                if (defined is null) LogInvalid(logger, file, Describe(errors));
                else LogDefined(logger, defined, file);
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, file);
            }
        }
    }

    private static string Describe(ValidationErrors errors) => string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));

    [LoggerMessage(Level = LogLevel.Error, Message = "Defining what {File} holds failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} is not valid and was skipped: {Errors}")]
    private static partial void LogInvalid(ILogger logger, string file, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Defined {What} from {File}")]
    private static partial void LogDefined(ILogger logger, string what, string file);
}
