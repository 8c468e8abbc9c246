#!/usr/bin/env bash
# Crash safety, by force: `chancery ingest` is killed with SIGKILL at random
# moments, KILLS times (default 50), each run resuming the database the last
# one left. After every kill the database must pass SQLite's integrity and
# foreign-key checks, keep every story a run reported as stored (`--verbose`
# prints a story only after its transaction committed) and every story held
# before the run, and hold each story whole: the same sentences and events as
# a clean ingest of that story (no half-written story). When a run gets to
# the end, the database must equal the clean ingest and is started afresh.
# Usage: crash_safety_loop.sh CHANCERY SOURCE_DIR WORK_DIR [KILLS] [SEED]
set -euo pipefail
chancery=$1 source_dir=$2 work=$3 kills=${4:-50} seed=${5:-$RANDOM}
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
echo "crash loop: $kills kills, seed $seed"
RANDOM=$seed

# About 3,500 stories: the gold sets copied 8 times under new ids.
python3 - "$source_dir/tests/gold" "$work/corpus.jsonl" <<'PY'
import glob, json, sys
records = [json.loads(line) for path in sorted(glob.glob(sys.argv[1] + "/*.jsonl")) for line in open(path) if line.strip()]
with open(sys.argv[2], "w") as out:
    for copy in range(8):
        for r in records:
            out.write(json.dumps({"id": f"{r['id']}~{copy}", "date": r.get("date", "2022-04-09"),
                                  "text": r["text"]}) + "\n")
PY

# The reference: one clean ingest, and how long it takes (kills land inside it).
start=$(date +%s%N)
"$chancery" ingest "$work/corpus.jsonl" --db "$work/reference.db" -q
span_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$span_ms" -gt 0 ] || span_ms=1
# A run with nothing left to do: start-up (dictionaries) and hashing what is stored.
start=$(date +%s%N)
"$chancery" ingest "$work/corpus.jsonl" --db "$work/reference.db" -q
idle_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "clean ingest: ${span_ms} ms; a run with nothing to store: ${idle_ms} ms"

check() {  # check DB LOG BEFORE_IDS AFTER_IDS: the invariants; writes the ids now stored to AFTER_IDS
  python3 - "$work/reference.db" "$@" <<'PY'
import sqlite3, sys
reference, db, log, before_path, after_path = sys.argv[1:6]
import os
if not os.path.exists(db):  # killed before the database was created
    con = sqlite3.connect(":memory:")
else:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check failed"
    assert not con.execute("PRAGMA foreign_key_check").fetchall(), "foreign_key_check failed"
tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
if "stories" not in tables:  # killed before the schema committed: it must be all or nothing
    assert not tables & {"sentences", "events", "event_parties"}, f"half a schema: {sorted(tables)}"
    con = sqlite3.connect(":memory:")
    for table in ("stories (id, hash, sentences, events)", "events (story_id, sentence_index, verb_begin, verb_end, "
                  "code, src_begin, tgt_begin, mode)", "sentences (story_id, idx, byte_begin, byte_end)"):
        con.execute("CREATE TABLE " + table)

def stories(c):
    return {sid: (h, n_sent, n_ev) for sid, h, n_sent, n_ev in c.execute("SELECT id, hash, sentences, events FROM stories")}

def rows(c, table, cols):
    out = {}
    for row in c.execute(f"SELECT story_id, {cols} FROM {table} ORDER BY story_id, 2, rowid"):
        out.setdefault(row[0], []).append(row[1:])
    return out

ref = sqlite3.connect(reference)
want, have = stories(ref), stories(con)
event_cols = "sentence_index, verb_begin, verb_end, code, src_begin, tgt_begin, mode"
want_events, have_events = rows(ref, "events", event_cols), rows(con, "events", event_cols)
want_sent, have_sent = rows(ref, "sentences", "idx, byte_begin, byte_end"), rows(con, "sentences", "idx, byte_begin, byte_end")
for sid, info in have.items():
    assert sid in want, f"unknown story {sid}"
    assert info == want[sid], f"story {sid} differs from the clean ingest: {info} vs {want[sid]}"
    assert have_events.get(sid, []) == want_events.get(sid, []), f"events of {sid} differ (half-written?)"
    assert have_sent.get(sid, []) == want_sent.get(sid, []), f"sentences of {sid} differ (half-written?)"
orphans = set(have_events) - set(have)
assert not orphans, f"events without their story: {sorted(orphans)[:3]}"

# Only whole lines count: a kill may cut the last one short (it then proves nothing).
reported = [line.split()[2] for line in open(log) if line.startswith("chancery: stored ") and line.endswith(" events)\n")]
missing = [sid for sid in reported if sid not in have]
assert not missing, f"{len(missing)} stories reported stored are gone, e.g. {missing[:3]}"
before = set(open(before_path).read().split())
lost = before - set(have)
assert not lost, f"{len(lost)} stories stored by earlier runs are gone, e.g. {sorted(lost)[:3]}"
open(after_path, "w").write("\n".join(sorted(have)))
print(len(have), len(want), len(reported))
PY
}

want_total=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM stories').fetchone()[0])" "$work/reference.db")
db=$work/crash.db
: >"$work/before.ids"
completed=0 killed=0 total_reported=0
for ((i = 1; i <= kills; i++)); do
  # Within what is left of a run (a resumed run skips what is stored), so most kills land mid-run.
  stored=$(wc -w <"$work/before.ids")
  delay_ms=$(( RANDOM * 32768 + RANDOM ))
  delay_ms=$(( delay_ms % (idle_ms + (span_ms - idle_ms) * (want_total - stored) / want_total + 100) ))
  "$chancery" ingest "$work/corpus.jsonl" --db "$db" --verbose --no-progress 2>"$work/run.log" &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then
    killed=$((killed + 1))
  else
    # The run was over before its kill: the machine got faster than when the
    # clean ingest was timed (load comes and goes), so aim earlier from now on.
    span_ms=$(( span_ms * 3 / 4 > idle_ms + 100 ? span_ms * 3 / 4 : idle_ms + 100 ))
  fi
  wait "$pid" 2>/dev/null || true
  read -r have want reported < <(check "$db" "$work/run.log" "$work/before.ids" "$work/after.ids") \
    || fail "kill $i (after ${delay_ms} ms, seed $seed): $(check "$db" "$work/run.log" "$work/before.ids" "$work/after.ids" 2>&1 | tail -1)"
  total_reported=$((total_reported + reported))
  echo "kill $i at ${delay_ms} ms: $have/$want stories stored ($reported committed by this run)"
  mv "$work/after.ids" "$work/before.ids"
  if [ "$have" -eq "$want" ]; then  # a run that reached the end: start over from nothing
    completed=$((completed + 1))
    rm -f "$db" "$db-wal" "$db-shm"
    : >"$work/before.ids"
  fi
done
[ "$killed" -ge $((kills * 3 / 4)) ] || fail "only $killed of $kills runs were still running when killed"
# Whatever the last kill left, one more run completes it into the clean ingest.
"$chancery" ingest "$work/corpus.jsonl" --db "$db" -q || fail "the run after the last kill failed"
read -r have want reported < <(check "$db" /dev/null "$work/before.ids" "$work/after.ids") || fail "final check"
[ "$have" -eq "$want" ] || fail "after resuming, $have of $want stories"
echo "crash loop passed: $kills runs, $killed killed mid-run, $completed reached the end, $total_reported commits checked"
