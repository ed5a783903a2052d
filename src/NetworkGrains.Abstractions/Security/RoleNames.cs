namespace NetworkGrains.Abstractions.Security;

/// <summary>The seed's roles, as API keys, JWTs, Teams users and the actors of rules and workflows carry them.</summary>
public static class RoleNames
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string NetworkAdmin = "network_admin";
    public const string SecurityAdmin = "security_admin";
    public const string IncidentResponder = "incident_responder";
    public const string MlEngineer = "ml_engineer";
    public const string MlAdmin = "ml_admin";
    public const string DataScientist = "data_scientist";
    public const string Admin = "admin";
}
