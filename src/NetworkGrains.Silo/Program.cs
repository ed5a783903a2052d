using NetworkGrains.Silo.Hosting;

// `NetworkGrains.Silo migrate` applies the PostgreSQL schema and exits; anything else runs the silo.
if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

var app = await SiloHost.BuildAsync(args);
await app.RunAsync();
return Environment.ExitCode; // set by a part that had to stop the silo (e.g. a listener that cannot bind)
