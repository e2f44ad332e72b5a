#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the integration tests.
# Usage: eval "$(bash dev/postgres.sh start)"   → exports PEACEOPS_TEST_POSTGRES_URL, PGDATA_DIR
#        bash dev/postgres.sh stop DIR
set -euo pipefail

find_bin() {
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

case "${1:-}" in
  start)
    if ! BIN=$(find_bin); then
      if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing PostgreSQL (Debian package) ..." >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        BIN=$(find_bin)
      else
        echo "PostgreSQL is not installed: PostgreSQL tests will be skipped." >&2
        exit 0
      fi
    fi
    DIR=$(mktemp -d /tmp/peaceops-pg.XXXXXX)
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    RUN=()
    if [ "$(id -u)" = "0" ]; then
      chown postgres "$DIR"
      RUN=(runuser -u postgres --)
    fi
    "${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U peaceops --auth=trust --no-locale -E UTF8 >/dev/null
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
      -o "-h 127.0.0.1 -p $PORT -k $DIR" start >/dev/null
    "${RUN[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U peaceops peaceops_test
    echo "export PEACEOPS_TEST_POSTGRES_URL=postgres://peaceops@127.0.0.1:$PORT/peaceops_test"
    echo "export PEACEOPS_PG_DIR=$DIR"
    echo "export PATH=$BIN:\$PATH"
    ;;
  stop)
    DIR="${2:?directory}"
    BIN=$(find_bin)
    RUN=()
    [ "$(id -u)" = "0" ] && RUN=(runuser -u postgres --)
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
