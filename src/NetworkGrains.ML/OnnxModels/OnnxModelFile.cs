using Google.Protobuf;
using Onnx;

namespace NetworkGrains.ML.OnnxModels;

/// <summary>Reads and rewrites ONNX model bytes (protobuf) to stamp a <see cref="ModelCard"/> into metadata_props.</summary>
public static class OnnxModelFile
{
    public static byte[] WithCard(byte[] modelBytes, ModelCard card) => WithCard(ModelProto.Parser.ParseFrom(modelBytes), card);

    public static byte[] WithCard(ModelProto model, ModelCard card)
    {
        var stamped = model.Clone();
        var ours = card.ToMetadata().ToList();
        var keep = stamped.MetadataProps.Where(p => ours.All(o => o.Key != p.Key)).ToList();
        stamped.MetadataProps.Clear();
        stamped.MetadataProps.AddRange(keep);
        stamped.MetadataProps.AddRange(ours.Select(o => new StringStringEntryProto { Key = o.Key, Value = o.Value }));
        stamped.ModelVersion = card.Version;
        return stamped.ToByteArray();
    }

    /// <summary>The card of a model file, or null when the bytes are not an ONNX model or carry no card.</summary>
    public static ModelCard? ReadCard(ReadOnlySpan<byte> modelBytes)
    {
        try
        {
            var model = ModelProto.Parser.ParseFrom(modelBytes);
            return ModelCard.FromMetadata(model.MetadataProps.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
