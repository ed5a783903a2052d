using Google.Protobuf;
using Onnx;

namespace NetworkGrains.ML.OnnxModels;

/// <summary>Builds a small ONNX graph of float tensors: inputs, constants, nodes, outputs. Row counts are the symbolic "N".</summary>
public sealed class OnnxGraph
{
    public const string MlDomain = "ai.onnx.ml";
    private const long OpsetVersion = 17;
    private const long MlOpsetVersion = 3;

    private readonly GraphProto _graph;

    public OnnxGraph(string name) => _graph = new GraphProto { Name = name };

    private OnnxGraph(GraphProto graph) => _graph = graph;

    /// <summary>Adds to an existing graph (an exported model's) in place.</summary>
    public static OnnxGraph Over(GraphProto graph) => new(graph);

    /// <summary>A float input with a symbolic first dimension (rows) and the given feature count.</summary>
    public string Input(string name, long features)
    {
        _graph.Input.Add(FloatValue(name, features));
        return name;
    }

    public void Output(string name, long columns) => _graph.Output.Add(FloatValue(name, columns));

    public string Constant(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string ConstantInt64(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string Node(string opType, string[] inputs, string output, params AttributeProto[] attributes) =>
        NodeIn(string.Empty, opType, inputs, output, attributes);

    public string NodeIn(string domain, string opType, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Domain = domain, Name = output + "_" + opType };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>The model bytes: opsets for the default and the ai.onnx.ml domains, and the card as metadata_props.</summary>
    public byte[] ToModelBytes(ModelCard card) => OnnxModelFile.WithCard(ToModel(), card);

    public ModelProto ToModel()
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "NetworkGrains",
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = MlOpsetVersion });
        return model;
    }

    private static ValueInfoProto FloatValue(string name, long columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}
