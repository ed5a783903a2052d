using NetworkGrains.ML.OnnxModels;
using Onnx;

namespace NetworkGrains.ML.Forecasting;

/// <summary>
/// A <see cref="TrafficForecaster"/> as one ONNX model over the full feature row ("window"): Slice hands the tree
/// features to ML.NET's exported TreeEnsembleRegressor; the "forecast" output is
/// level + scale * (w * trees + (1 - w) * same_time_yesterday).
/// </summary>
public static class ForecastOnnx
{
    public const string Input = "window";
    public const string Output = "forecast";
    private const string TreeInput = "Features";

    public static byte[] Export(TrafficForecaster forecaster, ModelCard card)
    {
        if (card.Input != Input || card.Output != Output) throw new ArgumentException($"a forecast card reads '{Input}' and writes '{Output}'", nameof(card));
        var model = ModelProto.Parser.ParseFrom(forecaster.ExportTreesToOnnx());
        var graph = model.Graph;
        var change = graph.Node.Single(n => n.OpType == "TreeEnsembleRegressor").Output[0];
        foreach (var identity in graph.Node.Where(n => n.OpType == "Identity").ToList()) graph.Node.Remove(identity);
        var window = graph.Input.Single(i => i.Name == TreeInput).Clone();
        window.Name = Input;
        window.Type.TensorType.Shape.Dim[1].DimValue = ForecastFeatures.Count;
        graph.Input.Clear();
        graph.Input.Add(window);

        // ONNX Runtime orders the nodes itself, so the Slice that feeds the trees can be appended after them.
        var editing = OnnxGraph.Over(graph);
        long[] one = [1];
        editing.Node("Slice", [Input, editing.ConstantInt64("slice_start", [ForecastFeatures.FirstTreeFeature], one),
            editing.ConstantInt64("slice_end", [ForecastFeatures.Count], one), editing.ConstantInt64("slice_axis", [1], one)], TreeInput);
        var level = editing.Node("Gather", [Input, editing.ConstantInt64("level_index", [ForecastFeatures.Level], one)], "level", OnnxAttributes.Int("axis", 1));
        var scale = editing.Node("Gather", [Input, editing.ConstantInt64("scale_index", [ForecastFeatures.Scale], one)], "scale", OnnxAttributes.Int("axis", 1));
        var seasonal = editing.Node("Gather", [Input, editing.ConstantInt64("seasonal_index", [ForecastFeatures.SameTimeYesterday], one)], "seasonal_change", OnnxAttributes.Int("axis", 1));
        var trees = editing.Node("Mul", [change, editing.Constant("tree_weight", [forecaster.TreeWeight], 1)], "weighted_trees");
        var naive = editing.Node("Mul", [seasonal, editing.Constant("seasonal_weight", [1 - forecaster.TreeWeight], 1)], "weighted_seasonal");
        var blended = editing.Node("Add", [trees, naive], "blended_change");
        editing.Node("Add", [level, editing.Node("Mul", [blended, scale], "scaled_change")], Output);

        var output = window.Clone();
        output.Name = Output;
        output.Type.TensorType.Shape.Dim[1].DimValue = 1;
        graph.Output.Clear();
        graph.Output.Add(output);
        return OnnxModelFile.WithCard(model, card);
    }
}
