using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Models;

/// <summary>The ONNX graph of a <see cref="PcaModel"/>: standardise, project, reconstruct, mean squared residual, e / (e + q).</summary>
public static class PcaOnnx
{
    public static byte[] Export(PcaModel model, ModelCard card)
    {
        var features = model.FeatureCount;
        var k = model.Components.Length;
        var graph = new OnnxGraph("pca_reconstruction");
        var x = graph.Input(card.Input, features);
        var centred = graph.Node("Sub", [x, graph.Constant("mean", model.Scaler.Mean, features)], "centred");
        var z = graph.Node("Mul", [centred, graph.Constant("inverse_scale", model.Scaler.InverseScale, features)], "z");
        var components = model.Components.SelectMany(c => c).ToArray();
        var transposed = Enumerable.Range(0, features).SelectMany(f => model.Components.Select(c => c[f])).ToArray();
        var projected = graph.Node("MatMul", [z, graph.Constant("components_t", transposed, features, k)], "projected");
        var reconstructed = graph.Node("MatMul", [projected, graph.Constant("components", components, k, features)], "reconstructed");
        var residual = graph.Node("Sub", [z, reconstructed], "residual");
        var squared = graph.Node("Mul", [residual, residual], "squared");
        var error = graph.Node("ReduceMean", [squared], "error", OnnxAttributes.Ints("axes", [1]), OnnxAttributes.Int("keepdims", 1));
        var denominator = graph.Node("Add", [error, graph.Constant("reference_error", [model.ReferenceError])], "denominator");
        graph.Node("Div", [error, denominator], card.Output);
        graph.Output(card.Output, 1);
        return graph.ToModelBytes(card);
    }
}
