using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// Defines the rules in the rules directory (Automation:RulesDirectory, default the "rules" folder beside the
/// silo, copied from config/rules/) once the silo is up. A file that is not a valid rule is logged with the field
/// and the reason, and skipped.
/// </summary>
public static partial class RuleFiles
{
    public static async Task LoadAsync(IConfiguration configuration, IGrainFactory grains, ILogger logger)
    {
        var directory = configuration["Automation:RulesDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "rules");
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (!RuleRequest.TryParse(await File.ReadAllBytesAsync(file), null, out var rule, out var errors))
                {
                    LogInvalid(logger, file, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
                    continue;
                }

                await grains.GetGrain<IRuleGrain>(rule.Id).Define(rule);
                LogDefined(logger, rule.Id, file);
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, file);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Defining the rule in {File} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule file {File} is not a valid rule and was skipped: {Errors}")]
    private static partial void LogInvalid(ILogger logger, string file, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {Rule} defined from {File}")]
    private static partial void LogDefined(ILogger logger, string rule, string file);
}
