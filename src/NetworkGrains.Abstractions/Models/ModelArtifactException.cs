namespace NetworkGrains.Abstractions.Models;

/// <summary>An artifact that is not a usable model, or that failed its integrity check when loaded.</summary>
[GenerateSerializer, Alias("ng.model-artifact-exception.v1")]
public sealed class ModelArtifactException : Exception
{
    public ModelArtifactException(string message) : base(message)
    {
    }
}
