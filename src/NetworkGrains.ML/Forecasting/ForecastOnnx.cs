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

        Add(graph, Int64s("slice_start", ForecastFeatures.FirstTreeFeature), Int64s("slice_end", ForecastFeatures.Count),
            Int64s("slice_axis", 1), Int64s("level_index", ForecastFeatures.Level), Int64s("scale_index", ForecastFeatures.Scale),
            Int64s("seasonal_index", ForecastFeatures.SameTimeYesterday), Floats("tree_weight", forecaster.TreeWeight),
            Floats("seasonal_weight", 1 - forecaster.TreeWeight));
        graph.Node.Insert(0, Node("Slice", [Input, "slice_start", "slice_end", "slice_axis"], TreeInput));
        graph.Node.Add(Node("Gather", [Input, "level_index"], "level", OnnxAttributes.Int("axis", 1)));
        graph.Node.Add(Node("Gather", [Input, "scale_index"], "scale", OnnxAttributes.Int("axis", 1)));
        graph.Node.Add(Node("Gather", [Input, "seasonal_index"], "seasonal_change", OnnxAttributes.Int("axis", 1)));
        graph.Node.Add(Node("Mul", [change, "tree_weight"], "weighted_trees"));
        graph.Node.Add(Node("Mul", ["seasonal_change", "seasonal_weight"], "weighted_seasonal"));
        graph.Node.Add(Node("Add", ["weighted_trees", "weighted_seasonal"], "blended_change"));
        graph.Node.Add(Node("Mul", ["blended_change", "scale"], "scaled_change"));
        graph.Node.Add(Node("Add", ["level", "scaled_change"], Output));

        var output = window.Clone();
        output.Name = Output;
        output.Type.TensorType.Shape.Dim[1].DimValue = 1;
        graph.Output.Clear();
        graph.Output.Add(output);
        return OnnxModelFile.WithCard(model, card);
    }

    private static void Add(GraphProto graph, params TensorProto[] constants) => graph.Initializer.AddRange(constants);

    private static TensorProto Int64s(string name, long value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(1);
        tensor.Int64Data.Add(value);
        return tensor;
    }

    private static TensorProto Floats(string name, float value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(1);
        tensor.FloatData.Add(value);
        return tensor;
    }

    private static NodeProto Node(string opType, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_" + opType };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }
}
