namespace NetworkGrains.Silo.Hosting;

/// <summary>Key files: written beside their path with mode 600 and moved in, so a reader sees a whole file or none.</summary>
public static class PrivateFiles
{
    /// <summary>Creates the file unless it exists; false when another process made it first (its content stays).</summary>
    public static bool CreateNew(string path, string text) => MoveIn(path, text, overwrite: false);

    public static void Replace(string path, string text) => MoveIn(path, text, overwrite: true);

    private static bool MoveIn(string path, string text, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temporary, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
