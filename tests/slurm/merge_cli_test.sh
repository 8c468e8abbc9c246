#!/usr/bin/env bash
# `chancery merge`, as the Slurm recipe's last step runs it, without Slurm:
# three `ingest --shard I/3` databases merged into one equal a single ingest
# event for event; the shard order changes nothing (not even event ids);
# merging again changes nothing; a missing or unreadable shard, or the target
# given as a shard, is refused by name with exit 2 and the target untouched.
# Under scripts/pg-test (CHANCERY_PG_URL set) the same SQLite shards are also
# merged into PostgreSQL, which then answers the same events.
# Usage: merge_cli_test.sh CHANCERY SOURCE_DIR WORK_DIR
set -euo pipefail
chancery=$1 source_dir=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
inputs=("$source_dir/samples/seeds.jsonl" "$source_dir/tests/gold")
same=("python3" "$source_dir/tests/slurm/same_database.py")
# Event ids in id order, with what identifies each event.
ids() { python3 -c 'import sqlite3,sys; [print(*r) for r in sqlite3.connect(sys.argv[1]).execute(
  "SELECT id, story_id, sentence_index, verb_begin, code FROM events ORDER BY id")]' "$1"; }

"$chancery" ingest "${inputs[@]}" --db "$work/single.db" -q
for i in 0 1 2; do "$chancery" ingest "${inputs[@]}" --shard $i/3 --db "$work/shard-$i.db" -q; done
shards=("$work"/shard-{0,1,2}.db)

# What the single ingest holds, so the summary is checked against it (the coder's counts change as it improves).
read -r stories events < <(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(
  c.execute("SELECT COUNT(*) FROM stories").fetchone()[0], c.execute("SELECT COUNT(*) FROM events").fetchone()[0])' \
  "$work/single.db")
"$chancery" merge --db "$work/merged.db" "${shards[@]}" 2>"$work/merge.err" || fail "merge: exit $?: $(cat "$work/merge.err")"
grep -q "$stories stories in 3 shards: $stories new, 0 replaced, 0 already stored; $events events copied" "$work/merge.err" ||
  fail "merge summary: $(cat "$work/merge.err")"
"${same[@]}" "$work/single.db" "$work/merged.db" "${shards[@]}" >/dev/null || fail "merged differs from single"

# Stories go in by (date, id) whatever the shard order, so even the ids agree.
"$chancery" merge -q --db "$work/reversed.db" "$work/shard-2.db" "$work/shard-1.db" "$work/shard-0.db"
[ "$(ids "$work/merged.db")" == "$(ids "$work/reversed.db")" ] || fail "shard order changed the event ids"

# Idempotent: nothing is read or written the second time.
before=$(ids "$work/merged.db")
"$chancery" merge --db "$work/merged.db" "${shards[@]}" 2>"$work/again.err" || fail "second merge: exit $?"
grep -q "0 new, 0 replaced, $stories already stored; 0 events copied" "$work/again.err" || fail "again: $(cat "$work/again.err")"
[ "$before" == "$(ids "$work/merged.db")" ] || fail "a second merge changed the events"

# Refusals name the culprit, exit 2 and leave the target as it was.
expect_refusal() {  # WHAT-TO-FIND-IN-STDERR TARGET SHARD...
  local want=$1 target=$2 status=0
  shift 2
  "$chancery" merge --db "$target" "$@" 2>"$work/refused.err" || status=$?
  [ $status -eq 2 ] || fail "merge $*: exit $status, expected 2"
  grep -qF "$want" "$work/refused.err" || fail "merge $*: message does not name $want: $(cat "$work/refused.err")"
}
expect_refusal "$work/nope.db: no such file" "$work/new.db" "$work/shard-0.db" "$work/nope.db"
[ ! -e "$work/new.db" ] || fail "a refused merge created the target"
echo "not a database" >"$work/junk.db"
expect_refusal "junk.db" "$work/merged.db" "$work/shard-0.db" "$work/junk.db"
expect_refusal "is the target database" "$work/merged.db" "$work/merged.db"
[ "$before" == "$(ids "$work/merged.db")" ] || fail "a refused merge changed the target"
expect_refusal "shards is required" "$work/merged.db"

# SQLite shards into PostgreSQL: the same events through the same queries.
if [ -n "${CHANCERY_PG_URL:-}" ]; then
  "$chancery" merge -q --db "$CHANCERY_PG_URL" "${shards[@]}" || fail "merge into PostgreSQL: exit $?"
  strip() { python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("database",None)
for e in (d["events"] if isinstance(d.get("events"), list) else []): e.pop("id",None)
print(json.dumps(d, sort_keys=True))'; }
  for q in stats "events --limit 1000"; do
    # shellcheck disable=SC2086
    a=$("$chancery" query --db "$work/single.db" --json $q | strip)
    # shellcheck disable=SC2086
    b=$("$chancery" query --db "$CHANCERY_PG_URL" --json $q | strip)
    [ "$a" == "$b" ] || fail "PostgreSQL answers 'query $q' differently from the single SQLite ingest"
  done
  echo "merged into PostgreSQL: same stats and events"
fi
echo "merge: shards equal the single ingest; order-independent, idempotent, refusals by name"
