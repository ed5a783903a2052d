using Microsoft.Extensions.Options;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// How the silo reads its configuration sections: each bound in one place and checked before the silo starts, so a
/// bad setting stops it (exit code 2) with the key and the reason ("Devices:FlushInterval: ...").
/// </summary>
public static class SettingsSections
{
    /// <summary>Binds <paramref name="section"/> to <typeparamref name="T"/>'s options, checked by <see cref="CheckAtStart"/>.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(section));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// For a section the silo needs while it registers its services: bound and checked now, and served as its
    /// options (it has no other configuration step).
    /// </summary>
    public static T ReadSettings<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class, new()
    {
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        if (SettingsValidator<T>.Failures(settings, section) is { Count: > 0 } failures)
            throw new InvalidOperationException(string.Join(Environment.NewLine, failures));
        services.AddSingleton(Options.Create(settings));
        return settings;
    }

    /// <summary>Runs every check <see cref="AddSettings{T}"/> registered, now rather than when the host starts.</summary>
    public static void CheckAtStart(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (Failures(ex) is { Count: > 0 } failures)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, failures), ex);
        }
    }

    private static List<string> Failures(Exception ex) => ex switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException all => [.. all.InnerExceptions.SelectMany(Failures)],
        _ => [],
    };
}
