#!/usr/bin/env bash
# The database commands as a user runs them: ingest (twice: nothing changes),
# query, a bad database path, and an ingest killed with SIGKILL mid-way that
# resumes to the same result as an uninterrupted run.
# Usage: cli_store_test.sh CHANCERY SOURCE_DIR WORK_DIR
set -euo pipefail
chancery=$1 source_dir=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Ingest the seeds; a second run finds them stored and changes nothing.
"$chancery" ingest "$source_dir/samples/seeds.jsonl" --db "$work/seeds.db" 2>"$work/first.err" || fail "ingest exit $?"
grep -q "3 new" "$work/first.err" || fail "first ingest: $(cat "$work/first.err")"
events=$("$chancery" query --db "$work/seeds.db" --json stats | json 'd["events"]')
[ "$events" -gt 50 ] || fail "only $events events stored"
"$chancery" ingest "$source_dir/samples/seeds.jsonl" --db "$work/seeds.db" 2>"$work/second.err"
grep -q "0 new, 0 replaced, 3 already stored" "$work/second.err" || fail "second ingest: $(cat "$work/second.err")"
again=$("$chancery" query --db "$work/seeds.db" --json stats | json 'd["events"]')
[ "$again" = "$events" ] || fail "a second ingest changed the events: $events -> $again"

# Queries: relations as a table and as JSON.
"$chancery" query --db "$work/seeds.db" relations AFG >"$work/relations.txt"
grep -E "^Russia +Afghanistan +accreditation +accredited +confirmed" "$work/relations.txt" >/dev/null ||
  fail "no confirmed Russian accreditation in: $(cat "$work/relations.txt")"
"$chancery" query --db "$work/seeds.db" --json relations AFG >"$work/relations.json"
accredited=$(json '",".join(sorted(r["a"] for r in d["relations"] if r["kind"]=="accreditation" and r["value"]=="accredited" and r["b"]=="AFG" and r["status"]=="confirmed"))' <"$work/relations.json")
[ "$accredited" = "CHN,PAK,RUS,TKM" ] || fail "confirmed accreditations: $accredited"
# The Taliban spokesman's list ("about 10 countries have accepted Taliban diplomats, including ...")
# adds states that only he names: claimed, with him as the source.
claimed=$(json '",".join(sorted(r["a"] for r in d["relations"] if r["kind"]=="accreditation" and r["status"]=="claimed" and any("Shaheen" in c for c in r["claimed_by"])))' <"$work/relations.json")
[ "$claimed" = "IRN,MYS,QAT,SAU" ] || fail "claimed accreditations: $claimed"
"$chancery" query --db "$work/seeds.db" events --actor AFG --code 05 --limit 3 | grep -q "of .* events" || fail "events table"
"$chancery" query --db "$work/seeds.db" search embassy | grep -q "\[embass" || fail "search snippet"
set +e
"$chancery" query --db "$work/seeds.db" events --limit 0 2>"$work/bad.err"; status=$?
set -e
[ $status -eq 2 ] && grep -q "limit" "$work/bad.err" || fail "bad limit: exit $status, $(cat "$work/bad.err")"

# A database that cannot be opened is named, with exit 2.
set +e
"$chancery" ingest "$source_dir/samples/seeds.jsonl" --db "$work" 2>"$work/dir.err"; status=$?
set -e
[ $status -eq 2 ] && grep -q "$work" "$work/dir.err" || fail "db is a directory: exit $status, $(cat "$work/dir.err")"

# SIGKILL mid-way, then resume: the same stories and events as one clean run.
python3 - "$source_dir/samples/seeds.jsonl" "$work/corpus.jsonl" <<'PY'
import json, sys
seeds = [json.loads(line) for line in open(sys.argv[1])]
with open(sys.argv[2], "w") as out:
    for copy in range(150):
        for story in seeds:
            story = dict(story, id=f"{story['id']}-{copy}", text=story["text"] + f"\n\n(copy {copy})")
            out.write(json.dumps(story) + "\n")
PY
"$chancery" ingest "$work/corpus.jsonl" --db "$work/clean.db" -q
clean=$("$chancery" query --db "$work/clean.db" --json stats | json 'str(d["stories"]) + " " + str(d["events"])')
"$chancery" ingest "$work/corpus.jsonl" --db "$work/killed.db" -q &
pid=$!
for _ in $(seq 1 200); do
  stored=$("$chancery" query --db "$work/killed.db" --json stats 2>/dev/null | json 'd["stories"]' 2>/dev/null || echo 0)
  [ "${stored:-0}" -ge 20 ] && break
  sleep 0.05
done
kill -KILL $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
partial=$("$chancery" query --db "$work/killed.db" --json stats | json 'd["stories"]')
[ "$partial" -lt 450 ] || echo "note: the ingest finished before the kill ($partial stories)" >&2
"$chancery" ingest "$work/corpus.jsonl" --db "$work/killed.db" -q
resumed=$("$chancery" query --db "$work/killed.db" --json stats | json 'str(d["stories"]) + " " + str(d["events"])')
[ "$resumed" = "$clean" ] || fail "killed at $partial stories and resumed to '$resumed', clean run '$clean'"
echo "ok: ingest idempotent, queries answer, killed at $partial of 450 stories and resumed to $resumed"
