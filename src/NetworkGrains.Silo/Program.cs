using NetworkGrains.Silo.Hosting;

// `NetworkGrains.Silo migrate` applies the PostgreSQL schema and exits; anything else runs the silo.
if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

WebApplication app;
try
{
    app = await SiloHost.BuildAsync(args);
}
catch (InvalidOperationException ex)
{
    // A setting the silo cannot run with (ORT_DISABLE_TELEMETRY, a missing key file, a bad address): say which.
    Console.Error.WriteLine($"NetworkGrains.Silo: {ex.Message}");
    return 2;
}

await app.RunAsync();
return Environment.ExitCode; // set by a part that had to stop the silo (e.g. a listener that cannot bind)
