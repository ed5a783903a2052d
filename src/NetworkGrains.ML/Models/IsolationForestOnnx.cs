using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Models;

/// <summary>
/// An <see cref="IsolationForest"/> as ONNX: an ai.onnx.ml TreeEnsembleRegressor averaging the leaves' path
/// lengths, then exp(-ln 2 * mean / c), which is the forest's 2^(-E[h]/c).
/// </summary>
public static class IsolationForestOnnx
{
    public static byte[] Export(IsolationForest forest, ModelCard card)
    {
        var graph = new OnnxGraph("isolation_forest");
        var x = graph.Input(card.Input, forest.FeatureCount);
        var pathLength = graph.NodeIn(OnnxGraph.MlDomain, "TreeEnsembleRegressor", [x], "mean_path_length", Attributes(forest));
        var exponent = graph.Node("Mul", [pathLength, graph.Constant("minus_ln2_over_c", [-MathF.Log(2) / forest.NormaliserLength])], "exponent");
        graph.Node("Exp", [exponent], card.Output);
        graph.Output(card.Output, 1);
        return graph.ToModelBytes(card);
    }

    private static Onnx.AttributeProto[] Attributes(IsolationForest forest)
    {
        List<long> treeIds = [], nodeIds = [], featureIds = [], trueIds = [], falseIds = [];
        List<float> values = [];
        List<string> modes = [];
        List<long> targetTrees = [], targetNodes = [];
        List<float> weights = [];
        for (var t = 0; t < forest.Trees.Count; t++)
        {
            var tree = forest.Trees[t];
            for (var n = 0; n < tree.NodeCount; n++)
            {
                var leaf = tree.IsLeaf(n);
                treeIds.Add(t);
                nodeIds.Add(n);
                featureIds.Add(tree.Feature[n]);
                values.Add(tree.Threshold[n]);
                modes.Add(leaf ? "LEAF" : "BRANCH_LT");
                trueIds.Add(leaf ? 0 : tree.Left[n]);
                falseIds.Add(leaf ? 0 : tree.Right[n]);
                if (leaf)
                {
                    targetTrees.Add(t);
                    targetNodes.Add(n);
                    weights.Add(tree.PathLength[n]);
                }
            }
        }

        return
        [
            OnnxAttributes.Int("n_targets", 1),
            OnnxAttributes.String("aggregate_function", "AVERAGE"),
            OnnxAttributes.String("post_transform", "NONE"),
            OnnxAttributes.Ints("nodes_treeids", treeIds),
            OnnxAttributes.Ints("nodes_nodeids", nodeIds),
            OnnxAttributes.Ints("nodes_featureids", featureIds),
            OnnxAttributes.Floats("nodes_values", values),
            OnnxAttributes.Strings("nodes_modes", modes),
            OnnxAttributes.Ints("nodes_truenodeids", trueIds),
            OnnxAttributes.Ints("nodes_falsenodeids", falseIds),
            OnnxAttributes.Ints("target_treeids", targetTrees),
            OnnxAttributes.Ints("target_nodeids", targetNodes),
            OnnxAttributes.Ints("target_ids", targetTrees.Select(_ => 0L)),
            OnnxAttributes.Floats("target_weights", weights),
        ];
    }
}
