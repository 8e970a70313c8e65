#!/bin/sh
# Builds the minimal Java runtime vaas-agent needs (java.base alone) with jlink.
# Usage: deploy/agent-runtime.sh [output-directory]   (default: target/agent-runtime)
# Needs a JDK 25 (JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64); works without jmods on Temurin 25.
set -eu
out=${1:-target/agent-runtime}
jdk=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
rm -rf "$out"
"$jdk/bin/jlink" --add-modules java.base --strip-debug --no-header-files --no-man-pages \
  --compress=zip-9 --output "$out"
echo "runtime: $out ($(du -sm "$out" | cut -f1) MB)"
