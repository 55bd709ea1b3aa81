#!/bin/sh
# The side-by-side benchmark (README.md, "Benchmarks"): prints one Markdown table of medians.
#   it-tests/bench/run.sh [quick|full] [rounds=N] [runs1=N] [runs64=N]
# quick (default) takes a few minutes on two cores; full runs a million chain runs on 64 threads.
# Builds the agent, the sample app and it-tests first when their outputs are missing; after
# changing the agent, rebuild them: mvn -B -q -pl it-tests -am package -DskipTests
set -eu
cd "$(dirname "$0")/../.."
if [ ! -f agent/target/vcon-otel-agent.jar ] \
    || [ ! -f it-tests/target/otel-javaagent/opentelemetry-javaagent.jar ] \
    || [ ! -f it-tests/target/classes/dev/vcon/it/bench/Bench.class ]; then
  mvn -B -q -pl it-tests -am package -DskipTests
fi
if [ ! -f it-tests/target/bench-classpath.txt ]; then
  # the receiver's libraries only (runtime scope: not the jars under test, not JUnit)
  # package in the same reactor, so the receiver module's jar resolves without an install
  mvn -B -q -pl it-tests -am package dependency:build-classpath -DskipTests \
    -Dspotless.check.skip=true -DincludeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
fi
exec java -cp "it-tests/target/classes:$(cat it-tests/target/bench-classpath.txt)" \
  dev.vcon.it.bench.Bench "$@"
