namespace NetworkGrains.ML.OnnxModels;

/// <summary>
/// ONNX Runtime reports telemetry unless ORT_DISABLE_TELEMETRY=1 is in the process environment before its first
/// call; setting it from .NET does not reach the native side, so the scripts and the Dockerfile set it and every
/// session is refused without it.
/// </summary>
public static class OnnxTelemetryGuard
{
    public const string Variable = "ORT_DISABLE_TELEMETRY";

    public static bool IsDisabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public static void EnsureDisabled()
    {
        if (!IsDisabled)
        {
            throw new InvalidOperationException(
                $"{Variable}=1 must be in the environment before ONNX Runtime starts (the scripts and silo.Dockerfile set it); refusing to run without it.");
        }
    }
}
