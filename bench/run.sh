#!/usr/bin/env bash
# Viewgate's benchmark suite: Viewgate's hot paths against Keycloak's own, measured in one run on this machine,
# against Keycloak 26.7.3 on PostgreSQL (127.0.0.1:5432, user postgres) in production mode, load on loopback only.
# Writes BENCHMARKS.md at the project root and raw figures under target/bench/raw. Prints figures; never fails on one.
#
#   bench/run.sh                                   # the full run (about an hour: 30-minute soak, 1,000,000 requests seeded)
#   bench/run.sh -Dviewgate.bench.requests=300 -Dviewgate.bench.rounds=3 -Dviewgate.bench.warmupRounds=1 \
#       -Dviewgate.bench.queueRequests=20000 -Dviewgate.bench.queueUsers=20000 -Dviewgate.bench.queuePending=2000 \
#       -Dviewgate.bench.queueGrants=2000 -Dviewgate.bench.queueViewAs=10 \
#       -Dviewgate.bench.startupRounds=3 -Dviewgate.bench.soakMinutes=1 -Dviewgate.bench.signingSeconds=2   # a smoke run
#   bench/run.sh -Dviewgate.bench.parts=guest,viewas     # only some parts: startup, guest, viewas, audit, queue, soak
#
# Every -D is passed to Maven; see src/test/java/dev/viewgate/bench/BenchSettings.java for all sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -Pbench verify "$@"
