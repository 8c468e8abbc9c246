#!/usr/bin/env bash
# The database commands against a real PostgreSQL server (run under
# scripts/pg-test, which sets CHANCERY_PG_URL): ingest twice, then the same
# relations as from SQLite.
# Usage: scripts/pg-test tests/cli_pg_test.sh CHANCERY SOURCE_DIR WORK_DIR
set -euo pipefail
chancery=$1 source_dir=$2 work=$3
: "${CHANCERY_PG_URL:?run under scripts/pg-test}"
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

"$chancery" ingest "$source_dir/samples/seeds.jsonl" --db "$CHANCERY_PG_URL" 2>"$work/first.err"
grep -q "3 new" "$work/first.err" || fail "first ingest: $(cat "$work/first.err")"
"$chancery" ingest "$source_dir/samples/seeds.jsonl" --db "$CHANCERY_PG_URL" 2>"$work/second.err"
grep -q "3 already stored" "$work/second.err" || fail "second ingest: $(cat "$work/second.err")"
"$chancery" ingest "$source_dir/samples/seeds.jsonl" --db "$work/seeds.db" -q
for db in "$CHANCERY_PG_URL" "$work/seeds.db"; do
  "$chancery" query --db "$db" --json relations AFG | json 'sorted((r["a"], r["kind"], r["value"], r["status"]) for r in d["relations"])'
done >"$work/relations.txt"
[ "$(sed -n 1p "$work/relations.txt")" = "$(sed -n 2p "$work/relations.txt")" ] ||
  fail "PostgreSQL and SQLite relations differ: $(cat "$work/relations.txt")"
grep -q "'RUS', 'accreditation', 'accredited', 'confirmed'" "$work/relations.txt" || fail "no Russian accreditation"
pg_events=$("$chancery" query --db "$CHANCERY_PG_URL" --json events --actor AFG --limit 1 | json 'd["total"]')
lite_events=$("$chancery" query --db "$work/seeds.db" --json events --actor AFG --limit 1 | json 'd["total"]')
[ "$pg_events" = "$lite_events" ] || fail "AFG events: PostgreSQL $pg_events, SQLite $lite_events"
echo "ok: PostgreSQL ingest idempotent; relations and events equal SQLite's ($pg_events AFG events)"
