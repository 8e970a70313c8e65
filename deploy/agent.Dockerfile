# vaas-agent image: the agent jar on a jlink runtime (java.base + java.net.http). From the repository root:
#   ./mvnw package -DskipTests && docker build -f deploy/agent.Dockerfile -t vaas-agent .
FROM eclipse-temurin:25-jdk AS runtime
RUN jlink --add-modules java.base,java.net.http --strip-debug --no-header-files --no-man-pages \
      --compress=zip-9 --output /opt/vaas-agent/runtime

FROM debian:bookworm-slim
COPY --from=runtime /opt/vaas-agent/runtime /opt/vaas-agent/runtime
COPY target/vaas-*-agent.jar /opt/vaas-agent/vaas-agent.jar
# Small and quick for a sidecar: serial GC, small heap, stacks and code cache, C1 only (the flags
# bench/agent-footprint.sh measures). Add -XX:AOTCache=<file> made by a training run
# (-XX:AOTCacheOutput=<file>) for the fastest start.
ENTRYPOINT ["/opt/vaas-agent/runtime/bin/java", "-XX:+UseSerialGC", "-Xmx16m", "-Xss256k", \
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=8m", "-XX:CICompilerCount=1", \
            "-XX:MaxMetaspaceSize=32m", "-jar", "/opt/vaas-agent/vaas-agent.jar"]
CMD ["watch"]
