using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.Configuration;
using YamlDotNet.RepresentationModel;

namespace NetworkGrains.Silo.Tests.Deploy;

/// <summary>deploy/kubernetes against what the silo reads: config/appsettings.json's keys and ports, and silo.Dockerfile's EXPOSE.</summary>
public sealed partial class KubernetesManifestTests
{
    private const string SecretName = "networkgrains";

    /// <summary>Each container port's name, the setting that configures it, and its protocol.</summary>
    private static readonly Dictionary<string, (string Key, string Protocol)> PortSettings = new()
    {
        ["http"] = ("NetworkGrains:HttpPort", "TCP"),
        ["silo"] = ("NetworkGrains:SiloPort", "TCP"),
        ["gateway"] = ("NetworkGrains:GatewayPort", "TCP"),
        ["traps"] = ("Snmp:TrapPort", "UDP"),
        ["netflow"] = ("Flows:NetFlowPort", "UDP"),
        ["ipfix"] = ("Flows:IpfixPort", "UDP"),
        ["syslog-udp"] = ("Syslog:UdpPort", "UDP"),
        ["syslog-tcp"] = ("Syslog:TcpPort", "TCP"),
        ["syslog-tls"] = ("Syslog:TlsPort", "TCP"),
    };

    private static YamlMappingNode Silos => Manifests.Single("StatefulSet", "networkgrains");

    private static YamlMappingNode Silo => Assert.Single(Manifests.Items(Silos, "spec", "template", "spec", "containers"), c => Manifests.Text(c, "name") == "silo");

    private static YamlMappingNode Settings => Manifests.Single("ConfigMap", Manifests.Text(Assert.Single(Manifests.Items(Silo, "envFrom"))["configMapRef"], "name"));

    private static Dictionary<string, string> SettingValues =>
        ((YamlMappingNode)Settings["data"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");

    private static IEnumerable<string> EnvironmentNames =>
        SettingValues.Keys.Concat(Manifests.Items(Silos, "spec", "template", "spec", "containers").Concat(Manifests.Items(Silos, "spec", "template", "spec", "initContainers"))
            .SelectMany(c => Manifests.Items(c, "env")).Select(e => Manifests.Text(e, "name")!));

    [Fact]
    public void Every_setting_the_manifests_give_is_a_key_of_appsettings_json_or_a_documented_one()
    {
        var names = EnvironmentNames.ToList();
        Assert.Contains("ConnectionStrings__Postgres", names);
        Assert.Equal("Postgres", SettingValues["NetworkGrains__Profile"]);
        Assert.Equal("0.0.0.0", SettingValues["NetworkGrains__BindAddress"]);
        var unknown = names.Where(name => !IsKnown(name.Replace("__", ":", StringComparison.Ordinal))).ToList();
        Assert.True(unknown.Count == 0, $"not settings of config/appsettings.json: {string.Join(", ", unknown)}");
    }

    /// <summary>A key of appsettings.json with a value (not a whole section), or one that file and the README document without a default.</summary>
    private static bool IsKnown(string key)
    {
        if (Manifests.AppSettings.TryGetValue(key, out var value)) return value.ValueKind != JsonValueKind.Object;
        var parts = key.Split(':');
        return key == "ConnectionStrings:Postgres"
            || parts is ["DataProtection", "Keys", { Length: > 0 }]
            || parts is ["Cluster", "Membership", var option] && typeof(ClusterMembershipOptions).GetProperty(option) is not null;
    }

    [Fact]
    public void Container_ports_are_the_ports_appsettings_json_configures()
    {
        var ports = ContainerPorts();
        Assert.Equal(PortSettings.Keys.Order(), ports.Keys.Order());
        foreach (var (name, (number, protocol)) in ports)
        {
            var (key, expectedProtocol) = PortSettings[name];
            Assert.True(ConfiguredPort(key) == number, $"container port {name} is {number}; {key} is {ConfiguredPort(key)}");
            Assert.Equal(expectedProtocol, protocol);
        }
    }

    /// <summary>The ConfigMap's value when it sets one, else appsettings.json's.</summary>
    private static int ConfiguredPort(string key) =>
        SettingValues.TryGetValue(key.Replace(":", "__", StringComparison.Ordinal), out var set) ? int.Parse(set) : Manifests.AppSettings[key].GetInt32();

    [Fact]
    public void Every_container_port_has_a_Service_on_the_same_port_and_protocol()
    {
        var ports = ContainerPorts();
        var served = new HashSet<string>();
        foreach (var service in Manifests.OfKind("Service"))
        {
            Assert.Equal("networkgrains", Manifests.Text(Manifests.Child(service, "spec", "selector")!, "app.kubernetes.io/name"));
            foreach (var port in Manifests.Items(service, "spec", "ports"))
            {
                var target = Manifests.Text(port, "targetPort")!;
                Assert.True(ports.TryGetValue(target, out var container), $"Service {Manifests.Text(service["metadata"], "name")} targets {target}, no container port");
                Assert.Equal(container.Number, int.Parse(Manifests.Text(port, "port")!));
                Assert.Equal(container.Protocol, Manifests.Text(port, "protocol"));
                served.Add(target);
            }
        }
        Assert.Equal(ports.Keys.Order(), served.Order());
    }

    [Fact]
    public void The_Dockerfile_exposes_the_container_ports()
    {
        var exposed = Exposed().Matches(Manifests.Dockerfile).SelectMany(m => m.Groups["ports"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => p.Contains('/') ? $"{p[..p.IndexOf('/')]}/{p[(p.IndexOf('/') + 1)..].ToUpperInvariant()}" : $"{p}/TCP");
        Assert.Equal(ContainerPorts().Values.Select(p => $"{p.Number}/{p.Protocol}").Order(), exposed.Order());
    }

    [Fact]
    public void Secrets_are_referenced_from_the_Secret_never_written_in_a_manifest()
    {
        Assert.Empty(Manifests.OfKind("Secret"));
        foreach (var name in new[] { "ConnectionStrings__Postgres", "DataProtection__Keys__k1" })
        {
            var variable = Assert.Single(Manifests.Items(Silo, "env"), e => Manifests.Text(e, "name") == name);
            Assert.Null(Manifests.Text(variable, "value"));
            Assert.Equal(SecretName, Manifests.Text(Manifests.Child(variable, "valueFrom", "secretKeyRef")!, "name"));
        }
        Assert.DoesNotContain(SettingValues.Keys, k => k.StartsWith("ConnectionStrings", StringComparison.Ordinal) || k.StartsWith("DataProtection__Keys", StringComparison.Ordinal));
        var written = Manifests.Documents.SelectMany(Manifests.Scalars).ToList();
        Assert.DoesNotContain(written, s => s.Contains("Password=", StringComparison.OrdinalIgnoreCase) || s.Contains("Host=", StringComparison.OrdinalIgnoreCase) || s.Contains("PRIVATE KEY", StringComparison.Ordinal));

        var secretVolume = Assert.Single(Manifests.Items(Silos, "spec", "template", "spec", "volumes"), v => Manifests.Child(v, "secret") is not null);
        Assert.Equal(SecretName, Manifests.Text(secretVolume["secret"], "secretName"));
        var signingKey = SettingValues["Models__SigningKeyFile"];
        Assert.Contains(Manifests.Items(Silo, "volumeMounts"), m => signingKey.StartsWith(Manifests.Text(m, "mountPath") + "/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("livenessProbe")]
    [InlineData("readinessProbe")]
    public void Probes_ask_health_on_the_HTTP_port(string probe)
    {
        var get = Manifests.Child(Silo, probe, "httpGet");
        Assert.NotNull(get);
        Assert.Equal("/health", Manifests.Text(get, "path"));
        Assert.Equal("http", Manifests.Text(get, "port"));
    }

    private static Dictionary<string, (int Number, string Protocol)> ContainerPorts() =>
        Manifests.Items(Silo, "ports").ToDictionary(p => Manifests.Text(p, "name")!, p => (int.Parse(Manifests.Text(p, "containerPort")!), Manifests.Text(p, "protocol") ?? "TCP"));

    [GeneratedRegex(@"^EXPOSE\s+(?<ports>[^\r\n]+)$", RegexOptions.Multiline)]
    private static partial Regex Exposed();
}
