#!/usr/bin/env bash
# Fills the benchmark PostgreSQL with SCALE users (default 1,000,000), SCALE/10 organizations
# and 2*SCALE memberships, prints how long it took, and exports the id / search-term files.
#
#   bench/generate.sh                 # 1,000,000 users
#   SCALE=10000 bench/generate.sh     # small-scale data set
#
# Starts the private PostgreSQL cluster (bench/work/pgdata, 127.0.0.1:$PG_PORT) when it is not
# running, and stops it again at the end unless KEEP_PG=1. When the database has no schema
# yet, the server jar ($JAR, default target/invois.jar) is started once to run its migrations.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap 'stop_all' EXIT
trap 'exit 130' INT TERM

ensure_tools
pg_start
[ "${KEEP_PG:-0}" = 1 ] && PG_STARTED=
ensure_schema
REGENERATE=${REGENERATE:-1} generate_data "$SCALE"
