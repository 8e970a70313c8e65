# vaas-agent image: the agent jar on a jlink runtime (java.base alone), on an empty
# base with only what that runtime needs (glibc), a POSIX shell for --exec and a `kill` for
# --signal. From the repository root:
#   ./mvnw package -DskipTests && docker build -f deploy/agent.Dockerfile -t vaas-agent .
# Where the public registry cannot be reached, name a local JDK 25 image (it needs jlink and
# binutils' strip): --build-arg JDK_IMAGE=<a local JDK 25 image>
# Runs as uid 10001; --uid/--gid (chown of written files) need the container to run as root.
ARG JDK_IMAGE=eclipse-temurin:25-jdk

FROM ${JDK_IMAGE} AS runtime
RUN "${JAVA_HOME:-/opt/java/openjdk}/bin/jlink" --add-modules java.base --strip-debug --no-header-files --no-man-pages \
      --compress=zip-9 --output /staging/opt/vaas-agent/runtime \
 && strip --strip-unneeded /staging/opt/vaas-agent/runtime/lib/server/libjvm.so \
 && for lib in $(ldd /staging/opt/vaas-agent/runtime/bin/java /staging/opt/vaas-agent/runtime/lib/*.so \
        /staging/opt/vaas-agent/runtime/lib/server/libjvm.so | awk '$3 ~ /^\/(usr\/)?lib/ { print $3 } /^\t\/(usr\/)?lib/ { print $1 }' \
        | sort -u); do \
      mkdir -p "/staging$(dirname "$lib")" && cp -L "$lib" "/staging$lib"; \
    done \
 && mkdir -p /staging/bin /staging/tmp /con-dirs/configuration /con-dirs/secret /con-dirs/seed \
 && chmod 1777 /staging/tmp \
 && cp -L "$(command -v dash || command -v sh)" /staging/bin/sh \
 && printf '#!/bin/sh\n# kill(1) for --signal: the shell'"'"'s own kill\nkill "$@"\n' > /staging/bin/kill \
 && chmod 755 /staging/bin/kill \
 && for lib in $(ldd /staging/bin/sh | awk '$3 ~ /^\/(usr\/)?lib/ { print $3 } /^\t\/(usr\/)?lib/ { print $1 }'); do \
      mkdir -p "/staging$(dirname "$lib")" && cp -L "$lib" "/staging$lib"; \
    done
COPY target/vaas-*-agent.jar /staging/opt/vaas-agent/vaas-agent.jar

FROM scratch
COPY --from=runtime /staging/ /
# The areas it writes, owned by its user: an empty volume mounted there starts out writable.
COPY --from=runtime --chown=10001:10001 /con-dirs/ /con/
ENV PATH=/bin:/opt/vaas-agent/runtime/bin
USER 10001:10001
# Small and quick for a sidecar: serial GC, small heap, stacks and code cache, C1 only, freed
# native memory given back every second (the flags bench/agent-footprint.sh measures); no perf
# data file, so a read-only root is fine. The heap may grow to 48 MB: a bundle near the server's
# 8 MiB limit arrives as 11 MB of JSON (16 MB was not enough; AgentLargeBundleIntegrationTests).
ENTRYPOINT ["/opt/vaas-agent/runtime/bin/java", "-XX:+UseSerialGC", "-Xmx48m", "-Xss256k", \
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=8m", "-XX:CICompilerCount=1", \
            "-XX:MaxMetaspaceSize=32m", "-XX:TrimNativeHeapInterval=1000", "-XX:-UsePerfData", "-jar", "/opt/vaas-agent/vaas-agent.jar"]
CMD ["watch"]
