# The NetworkGrains silo. Build from the repository root:
#   docker build -f silo.Dockerfile -t networkgrains-silo .
#   docker run -p 8080:8080 networkgrains-silo                                   (default profile, not durable)
#   docker run -e NetworkGrains__Profile=Postgres -e ConnectionStrings__Postgres="Host=db;..." \
#              -e Models__SigningKeyFile=/keys/model-signing.pem -e DataProtection__KeyFile=/keys/data-protection.keys \
#              -v ng-keys:/keys networkgrains-silo
#   (the key that signs model artifacts and the keys that encrypt secrets in grain state must outlive the
#   container; both files are created on first start if missing)
# Every setting of config/appsettings.json can be given as an environment variable (NetworkGrains__HttpPort=...).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props NetworkGrains.sln ./
COPY config/ config/
COPY src/ src/
RUN dotnet publish src/NetworkGrains.Silo/NetworkGrains.Silo.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# ONNX Runtime must see this before its first call (it is read from the process environment).
ENV ORT_DISABLE_TELEMETRY=1 \
    NetworkGrains__BindAddress=0.0.0.0 \
    NetworkGrains__LogFormat=json
# HTTP (REST, /api/messages, /dashboard, /health, /metrics), silo-to-silo, client gateway,
# SNMP traps, NetFlow v5/v9, IPFIX.
EXPOSE 8080 11111 30000 1162/udp 2055/udp 4739/udp 1514/udp 1514/tcp 6514/tcp
# The non-root user the ASP.NET images provide.
USER $APP_UID
ENTRYPOINT ["dotnet", "NetworkGrains.Silo.dll"]
