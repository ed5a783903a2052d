namespace NetworkGrains.Protocols.Tests;

/// <summary>How the fuzz tests change a byte: to 0, to 255, one bit flipped, or anything.</summary>
public static class Mutations
{
    public static byte Mutate(Random random, byte original) => random.Next(4) switch
    {
        0 => 0x00,
        1 => 0xFF,
        2 => (byte)(original ^ (1 << random.Next(8))),
        _ => (byte)random.Next(256),
    };
}
