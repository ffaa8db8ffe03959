# Sourced by scripts/test and bench/run.sh: starts the local PostgreSQL cluster on
# 127.0.0.1:5432 when it is not running (Debian's pg_ctlcluster), and waits up to 30 s.
# Afterwards `pg_isready -h 127.0.0.1 -p 5432` tells whether it is up.
start_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if command -v pg_ctlcluster >/dev/null 2>&1; then
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
    fi
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
}
