namespace NetworkGrains.Abstractions.Models;

/// <summary>The seed's model types (REST and ChatOps spell them in snake_case: anomaly_detection, ...).</summary>
[GenerateSerializer, Alias("ng.model-type.v1")]
public enum ModelType
{
    AnomalyDetection,
    TrafficPrediction,
    PerformanceOptimization,
    SecurityThreatDetection,
}

/// <summary>Where a model version is in its lifecycle. Archived versions are kept for rollback and audit.</summary>
[GenerateSerializer, Alias("ng.model-stage.v1")]
public enum ModelStage
{
    Development,
    Staging,
    Production,
    Archived,
}
