using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// A YAML parser that stops at the first mapping or sequence nested deeper than <paramref name="maxDepth"/>.
/// Events are pulled one at a time, so a deep document costs only what comes before the limit: YamlDotNet's scanner
/// slows with every open flow collection, and a 32,000-level document took seconds to load whole.
/// </summary>
public sealed class DepthLimitedParser(IParser parser, int maxDepth) : IParser
{
    private int _depth;

    public ParsingEvent? Current => parser.Current;

    public bool MoveNext()
    {
        if (!parser.MoveNext()) return false;
        switch (parser.Current)
        {
            case MappingStart or SequenceStart when ++_depth > maxDepth:
                throw YamlDocuments.TooDeep(parser.Current.Start);
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }
        return true;
    }
}
