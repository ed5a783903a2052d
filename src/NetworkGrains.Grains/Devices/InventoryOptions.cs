namespace NetworkGrains.Grains.Devices;

public enum UnknownSourcePolicy
{
    /// <summary>Register the source as a device named <c>unknown-&lt;ip&gt;</c>.</summary>
    Register,
    /// <summary>Drop what it sends (counted in ng_unknown_sources).</summary>
    Reject,
}

/// <summary>Configuration section "Inventory".</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    public UnknownSourcePolicy UnknownSources { get; set; } = UnknownSourcePolicy.Register;
}
