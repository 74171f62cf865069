# The gateway's image: one jar, every service of it (gateway edge | stream | sink | review serve | init,
# or everything at once with up). Built from the sources by Maven in a first stage, so a Docker host
# needs nothing else:  docker compose build   (or: docker build -t mcpgw/gateway:0.1.0 .)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, so a rebuild downloads nothing it already has.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl launcher -am package

FROM eclipse-temurin:17-jre
# curl answers the compose file's health checks against each service's /healthz.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/mcpgw mcpgw \
    && mkdir -p /var/lib/mcpgw/keys /var/lib/mcpgw/streams /var/lib/mcpgw/receipts && chown -R mcpgw /var/lib/mcpgw
COPY --from=build /src/launcher/target/gateway.jar /src/launcher/jvm.options /opt/mcpgw/
USER mcpgw
WORKDIR /var/lib/mcpgw
ENTRYPOINT ["java", "@/opt/mcpgw/jvm.options", "-jar", "/opt/mcpgw/gateway.jar"]
CMD ["--help"]
