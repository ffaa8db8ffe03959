#!/usr/bin/env bash
# The benchmark suite in one command: builds the release binaries, starts PostgreSQL when it
# is not running, then runs `bench all` (see bench/README.md), which writes
# bench/report/report.md and report.json.
#
#   bench/run.sh            the full run (data size M, 1,000 users, 1 GiB files; ~25 min)
#   bench/run.sh --quick    a shortened run in under 3 minutes (figures not to be quoted)
#   bench/run.sh --debug …  the same on the debug build (CI runs `--debug --quick` so that the
#                           suite keeps working without a release build)
# Other flags go to `bench all` (`--help` lists them).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
args=()
for arg in "$@"; do
  if [ "$arg" = "--debug" ]; then profile=debug; else args+=("$arg"); fi
done

# What the suite runs: the server, the suite, the data generator and the framework floor.
bins=(--bin eventmgr --bin bench --bin bench-data --bin bench-floor)
if [ "$profile" = release ]; then
  cargo build --locked --release "${bins[@]}"
else
  cargo build --locked "${bins[@]}"
fi

# shellcheck source=scripts/lib/postgres.sh
. scripts/lib/postgres.sh
start_postgres
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432: run with --sqlite-only, or start it" >&2
  exit 1
fi
if ! command -v pgbench >/dev/null 2>&1; then
  apt-get install -y postgresql-client >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y postgresql-client; }
fi

target_dir="${CARGO_TARGET_DIR:-target}"
exec "$target_dir/$profile/bench" all ${args[@]+"${args[@]}"}
