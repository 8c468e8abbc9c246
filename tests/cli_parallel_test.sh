#!/usr/bin/env bash
# Coding on several threads and in shards, as a user runs it: `code -j 1`,
# `-j 2` and `-j 4` write the same bytes; the shards 0/3, 1/3 and 2/3 together
# are the unsharded output; `ingest -j 2` stores what `ingest -j 1` stores;
# a bad --shard or -j is refused with exit 2.
# Usage: cli_parallel_test.sh CHANCERY SOURCE_DIR WORK_DIR
set -euo pipefail
chancery=$1 source_dir=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# 60 stories with distinct ids: the seeds copied 20 times, each copy's text marked.
python3 - "$source_dir/samples/seeds.jsonl" "$work/corpus.jsonl" <<'PY'
import json, sys
seeds = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
with open(sys.argv[2], "w") as out:
    for copy in range(20):
        for story in seeds:
            story = dict(story, id=f"{story['id']}-{copy}", text=story["text"] + f"\n\n(copy {copy})")
            out.write(json.dumps(story) + "\n")
PY
[ "$(wc -l <"$work/corpus.jsonl")" -eq 60 ] || fail "corpus is not 60 stories"

# Threads: byte-identical output, same summary.
for jobs in 1 2 4; do
  "$chancery" code "$work/corpus.jsonl" -o "$work/j$jobs.jsonl" -j $jobs 2>"$work/j$jobs.err" || fail "code -j $jobs: exit $?"
done
[ "$(wc -l <"$work/j1.jsonl")" -gt 1000 ] || fail "only $(wc -l <"$work/j1.jsonl") events from 60 stories"
cmp -s "$work/j1.jsonl" "$work/j2.jsonl" || fail "code -j 2 differs from -j 1"
cmp -s "$work/j1.jsonl" "$work/j4.jsonl" || fail "code -j 4 differs from -j 1"
cmp -s "$work/j1.err" "$work/j4.err" || fail "summaries differ: $(cat "$work/j1.err") / $(cat "$work/j4.err")"
grep -q "^chancery: 60 stories" "$work/j1.err" || fail "summary: $(cat "$work/j1.err")"
# -j 0 is one thread per core; CSV goes through the same path.
"$chancery" code "$work/corpus.jsonl" -j 0 -q >"$work/j0.jsonl" || fail "code -j 0: exit $?"
cmp -s "$work/j1.jsonl" "$work/j0.jsonl" || fail "code -j 0 differs from -j 1"
"$chancery" code "$work/corpus.jsonl" -q -f csv -j 1 >"$work/j1.csv"
"$chancery" code "$work/corpus.jsonl" -q -f csv -j 3 >"$work/j3.csv"
cmp -s "$work/j1.csv" "$work/j3.csv" || fail "csv -j 3 differs from -j 1"
# Standard input too.
"$chancery" code - -j 2 -q <"$work/corpus.jsonl" >"$work/stdin.jsonl"
cmp -s "$work/j1.jsonl" "$work/stdin.jsonl" || fail "code - -j 2 differs from a file with -j 1"

# Shards: every story in exactly one shard, so the union is the whole output.
stories_in_shards=0
for i in 0 1 2; do
  "$chancery" code "$work/corpus.jsonl" -o "$work/shard$i.jsonl" -j 2 --shard $i/3 2>"$work/shard$i.err" ||
    fail "--shard $i/3: exit $?"
  n=$(sed -n 's/^chancery: \([0-9]*\) stories.*/\1/p' "$work/shard$i.err")
  [ "$n" -gt 0 ] && [ "$n" -lt 60 ] || fail "shard $i/3 has $n stories: $(cat "$work/shard$i.err")"
  grep -q "in other shards" "$work/shard$i.err" || fail "shard summary: $(cat "$work/shard$i.err")"
  stories_in_shards=$((stories_in_shards + n))
done
[ $stories_in_shards -eq 60 ] || fail "shards hold $stories_in_shards stories, not 60"
cat "$work"/shard[012].jsonl | sort >"$work/shards.sorted"
sort "$work/j1.jsonl" >"$work/j1.sorted"
cmp -s "$work/shards.sorted" "$work/j1.sorted" || fail "the union of the shards differs from the unsharded output"
# A shard does not depend on the input order: reversed input, same lines.
tac "$work/corpus.jsonl" >"$work/reversed.jsonl"
"$chancery" code "$work/reversed.jsonl" -q --shard 1/3 | sort >"$work/shard1.reversed"
sort "$work/shard1.jsonl" | cmp -s - "$work/shard1.reversed" || fail "shard 1/3 changed with the input order"
"$chancery" code "$work/corpus.jsonl" -q --shard 0/1 | cmp -s - "$work/j1.jsonl" || fail "--shard 0/1 is not everything"

# Bad arguments: exit 2 with a clear message.
for bad in 3/3 1/0 x/2 1 -1/2 "1/2/3" ""/4; do
  set +e
  "$chancery" code "$work/corpus.jsonl" -q --shard "$bad" >/dev/null 2>"$work/bad.err"; status=$?
  set -e
  [ $status -eq 2 ] && grep -q -- "--shard" "$work/bad.err" || fail "--shard '$bad': exit $status, $(cat "$work/bad.err")"
done
set +e
"$chancery" ingest "$work/corpus.jsonl" --db "$work/bad.db" -q --shard 2/2 2>"$work/bad.err"; status=$?
"$chancery" code "$work/corpus.jsonl" -q -j -3 >/dev/null 2>"$work/badj.err"; jstatus=$?
set -e
[ $status -eq 2 ] && grep -q -- "--shard" "$work/bad.err" || fail "ingest --shard 2/2: exit $status, $(cat "$work/bad.err")"
[ $jstatus -eq 2 ] || fail "-j -3: exit $jstatus"

# Ingest: two threads store the same stories and events as one.
"$chancery" ingest "$work/corpus.jsonl" --db "$work/j1.db" -j 1 2>"$work/ingest1.err" || fail "ingest -j 1: exit $?"
"$chancery" ingest "$work/corpus.jsonl" --db "$work/j2.db" -j 2 2>"$work/ingest2.err" || fail "ingest -j 2: exit $?"
# The summaries name their own database; the rest must match.
same_summary() { [ "$(sed 's/sqlite:[^ ]*//' "$1")" = "$(sed 's/sqlite:[^ ]*//' "$2")" ]; }
same_summary "$work/ingest1.err" "$work/ingest2.err" ||
  fail "ingest summaries differ: $(cat "$work/ingest1.err") / $(cat "$work/ingest2.err")"
grep -q "60 new, 0 replaced, 0 already stored" "$work/ingest2.err" || fail "ingest -j 2: $(cat "$work/ingest2.err")"
# Event ids are the database's own; everything else must match.
without_ids() { python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict): return {k: strip(x) for k, x in v.items() if k != "id"}
    if isinstance(v, list): return [strip(x) for x in v]
    return v
print(json.dumps(strip(json.load(sys.stdin)), sort_keys=True, indent=1))'; }
for db in j1 j2; do
  "$chancery" query --db "$work/$db.db" --json events --limit 1000 | without_ids >"$work/$db.events"
  "$chancery" query --db "$work/$db.db" --json stats | grep -v '"database"' >"$work/$db.stats"
done
grep -q '"source"' "$work/j1.events" || fail "no events stored"
cmp -s "$work/j1.events" "$work/j2.events" || fail "ingest -j 2 stored other events than -j 1"
cmp -s "$work/j1.stats" "$work/j2.stats" || fail "stats differ: $(cat "$work/j1.stats") / $(cat "$work/j2.stats")"
# Again with -j 2: everything is found stored and skipped before coding.
"$chancery" ingest "$work/corpus.jsonl" --db "$work/j2.db" -j 2 2>"$work/again.err"
grep -q "0 new, 0 replaced, 60 already stored; 0 sentences" "$work/again.err" || fail "second ingest: $(cat "$work/again.err")"
# Duplicates inside one input, and a story changed later in it: -j 4 counts them as -j 1 does.
{ cat "$work/corpus.jsonl"; head -5 "$work/corpus.jsonl";
  head -1 "$work/corpus.jsonl" | sed 's/(copy 0)/(copy 0, revised)/'; head -1 "$work/corpus.jsonl"; } >"$work/dups.jsonl"
"$chancery" ingest "$work/dups.jsonl" --db "$work/dups1.db" -j 1 2>"$work/dups1.err"
"$chancery" ingest "$work/dups.jsonl" --db "$work/dups4.db" -j 4 2>"$work/dups4.err"
same_summary "$work/dups1.err" "$work/dups4.err" || fail "duplicates: $(cat "$work/dups1.err") / $(cat "$work/dups4.err")"
grep -q "67 stories read, 60 new, 2 replaced, 5 already stored" "$work/dups4.err" || fail "duplicates: $(cat "$work/dups4.err")"
# Shards into one database add up to the whole.
for i in 0 1; do "$chancery" ingest "$work/corpus.jsonl" --db "$work/sharded.db" -j 2 --shard $i/2 -q; done
"$chancery" query --db "$work/sharded.db" --json stats | grep -v '"database"' | cmp -s - "$work/j1.stats" || fail "two shards ingested differ from one run"
echo "cli_parallel_test: ok"
