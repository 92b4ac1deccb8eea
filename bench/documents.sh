#!/usr/bin/env bash
# The cost of building and signing e-invoice documents, as ratios to one bare SHA256withRSA
# signature measured in the same run (bench/documents/DocumentBench.java), plus a month of
# 100,000 orders consolidated. Needs only the built jar: ./mvnw -q package -DskipTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAR=${JAR:-target/invois.jar}
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -q package -DskipTests first" >&2; exit 2; }
mkdir -p bench/results
out="bench/results/documents-$(date -u +%Y%m%dT%H%M%SZ).txt"
java -Xmx256m -XX:+UseSerialGC -cp "$JAR" bench/documents/DocumentBench.java "$@" | tee "$out"
echo "written to $out"
