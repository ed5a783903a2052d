using Microsoft.ML;
using Microsoft.ML.Data;
using NetworkGrains.ML.OnnxModels;
using Onnx;

namespace NetworkGrains.ML.Models;

/// <summary>What the ML.NET tree models share: a row schema sized to the features, and the ONNX export.</summary>
internal static class MlNetOnnx
{
    /// <summary>The schema of <typeparamref name="TRow"/> with its "Features" column as a vector of that many floats.</summary>
    public static SchemaDefinition Schema<TRow>(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(TRow));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    /// <summary>The model converted by ML.NET, keeping only the output named <paramref name="output"/>, with the card in its metadata.</summary>
    public static byte[] Export(MLContext ml, ITransformer model, IDataView sample, string output, ModelCard card)
    {
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, sample, stream);
        var onnx = ModelProto.Parser.ParseFrom(stream.ToArray());
        var keep = onnx.Graph.Output.Where(o => o.Name == output).ToList();
        onnx.Graph.Output.Clear();
        onnx.Graph.Output.AddRange(keep);
        return OnnxModelFile.WithCard(onnx, card);
    }
}
