#!/usr/bin/env bash
# Hostile input, as a user meets it: a corpus holding invalid UTF-8, NUL bytes,
# a 50 MB single line, 100,000 nested quotes, binary and UTF-16 files, an empty
# file, truncated and deeply nested JSON, and dates out of range. Each bad
# story is reported as FILE:LINE: reason, the good stories around it are coded,
# the run ends with a summary of what was skipped, and an ingest into a
# database that already holds stories loses none of them. Dictionaries with
# broken lines are reported by file and line and the rest still loads.
# Usage: cli_hostile_input_test.sh CHANCERY SOURCE_DIR WORK_DIR
set -euo pipefail
chancery=$1 source_dir=$2 work=$3
rm -rf "$work" && mkdir -p "$work/corpus"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect FILE TEXT: TEXT is a line (fixed string) of FILE
  grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; cut -c1-300 "$1" >&2; fail "expected: $2"; }
}

python3 - "$work/corpus" <<'PY'
import json, os, sys
d = sys.argv[1]
good = lambda i: json.dumps({"id": f"good-{i}", "date": "2022-04-09",
                             "text": "Russia accredited a Taliban envoy in Moscow on Saturday."})
with open(f"{d}/wire.jsonl", "wb") as f:
    f.write((good(1) + "\n").encode())
    f.write(b'{"id":"invalid-utf8","date":"2022-04-09","text":"Kabul \xc3\x28 said"}\n')
    f.write(b'{"id":"nul","date":"2022-04-09","text":"Kabul \\u0000 said"}\n')
    f.write(b'{"id":"raw-nul","date":"2022-04-09","text":"Kabul \x00 said"}\n')
    f.write(b'{"id":"deep","text":' + b"[" * 100000 + b"]" * 100000 + b"}\n")
    f.write(b'{"id":"old","date":"1700-01-01","text":"China hosted talks with Pakistan."}\n')
    f.write(b'{"id":"far","date":"9999-12-31","text":"China hosted talks with Pakistan."}\n')
    f.write(b"[1, 2, 3]\n")
    f.write((good(2) + "\n").encode())
    f.write(b'{"id":"cut","date":"2022-04-09","text":"Russia acc')  # truncated at end of file
with open(f"{d}/huge-line.jsonl", "wb") as f:
    f.write(b'{"id":"huge","date":"2022-04-09","text":"' + b"Russia met China. " * (50 * 1024 * 1024 // 18) + b'"}\n')
    f.write((good(3) + "\n").encode())
with open(f"{d}/huge-plain.txt", "wb") as f:
    f.write(b"a" * (50 * 1024 * 1024))
with open(f"{d}/2022-04-09-quotes.txt", "wb") as f:
    f.write(b"Russia said " + b'"' * 100000 + b" China met Iran." + "\u201c".encode() * 50000)
with open(f"{d}/binary.txt", "wb") as f:
    f.write(bytes(range(256)) * 400)
with open(f"{d}/utf16.txt", "wb") as f:
    f.write("Russia met China.".encode("utf-16"))
open(f"{d}/empty.txt", "wb").close()
PY
c=$work/corpus

# --- code: every problem named by file and line, the good stories coded, a summary, exit 0.
"$chancery" code "$c" -o "$work/events.jsonl" 2>"$work/code.err" || fail "code exited $? on a corpus with good stories"
e=$work/code.err
expect "$e" "$c/binary.txt: binary or not UTF-8"
expect "$e" "$c/empty.txt: empty"
expect "$e" "$c/huge-line.jsonl:1: line longer than the limit of 4194304 bytes, skipped"
expect "$e" "$c/huge-plain.txt: larger than the limit of 4194304 bytes, skipped"
expect "$e" "$c/utf16.txt: binary or not UTF-8"
expect "$e" "$c/wire.jsonl:2: invalid UTF-8 at byte"
expect "$e" "$c/wire.jsonl:3: \"text\" field: NUL byte"
expect "$e" "$c/wire.jsonl:4: invalid UTF-8 at byte"
expect "$e" "$c/wire.jsonl:5: \"text\" field is not a string"
expect "$e" "$c/wire.jsonl:6: invalid date '1700-01-01' (not a calendar date in 1800-2100)"
expect "$e" "$c/wire.jsonl:7: invalid date '9999-12-31' (not a calendar date in 1800-2100)"
expect "$e" "$c/wire.jsonl:8: not a JSON object"
expect "$e" "$c/wire.jsonl:10: invalid JSON:"
expect "$e" "skipped 11 inputs (2 binary, 1 empty, 2 too large, 3 invalid UTF-8, 1 no text, 2 invalid JSON); 2 kept with a warning (2 invalid date)"
for id in good-1 good-2 good-3 old far 2022-04-09-quotes; do
  grep -q "\"story_id\":\"$id\"" "$work/events.jsonl" || fail "no event from story $id"
done

# --- nothing readable at all: exit 3 and still the summary.
mkdir -p "$work/bad"
cp "$c/binary.txt" "$c/empty.txt" "$c/utf16.txt" "$work/bad/"
set +e
"$chancery" code "$work/bad" -o "$work/none.jsonl" 2>"$work/bad.err"
status=$?
set -e
[ $status -eq 3 ] || fail "a corpus with no readable story exited $status, not 3"
expect "$work/bad.err" "no story could be read"
expect "$work/bad.err" "skipped 3 inputs (2 binary, 1 empty)"

# --- ingest: a database that already holds stories keeps them all.
db=$work/events.db
"$chancery" ingest "$source_dir/samples/seeds.jsonl" --db "$db" -q
before=$("$chancery" query --db "$db" --json stats)
"$chancery" ingest "$c" --db "$db" --no-progress 2>"$work/ingest.err" || fail "ingest exited $?"
expect "$work/ingest.err" "$c/wire.jsonl:3: \"text\" field: NUL byte"
expect "$work/ingest.err" "skipped 11 inputs"
python3 - "$before" "$("$chancery" query --db "$db" --json stats)" <<'PY' || fail "ingest of hostile input lost stored stories"
import json, sys
before, after = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert after["stories"] == before["stories"] + 6, (before, after)  # good-1..3, old, far, quotes
assert after["events"] > before["events"], (before, after)
PY
echo "PRAGMA integrity_check;" | python3 -c "
import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" "$db" \
  | grep -qx ok || fail "database not intact after hostile ingest"

# --- dictionaries with broken lines: reported by file and line; the rest loads; --strict-data refuses.
cp -r "$source_dir/data" "$work/data"
actors=$(ls "$work/data/actors/"*.tsv | head -1)
verbs=$(ls "$work/data/verbs/"*.txt | head -1)
printf 'a phrase with no code\nRussland\tRUS\tnot-a-kind\t\t\t\n\xff\xfe broken bytes\tRUS\tstate\t\t\t\n' >>"$actors"
printf '999\tnot a code\n040\t{accept|welcome\n' >>"$verbs"
actor_lines=$(wc -l <"$actors") verb_lines=$(wc -l <"$verbs")
"$chancery" code "$c/wire.jsonl" --data "$work/data" --no-cache -o "$work/dict.jsonl" 2>"$work/dict.err" \
  || fail "code with broken dictionary lines exited $?"
expect "$work/dict.err" "$actors:$((actor_lines - 2)):"
expect "$work/dict.err" "$actors:$((actor_lines - 1)):"
expect "$work/dict.err" "$actors:$actor_lines:"
expect "$work/dict.err" "$verbs:$((verb_lines - 1)):"
expect "$work/dict.err" "$verbs:$verb_lines:"
grep -q '"story_id":"good-1"' "$work/dict.jsonl" || fail "broken dictionary lines stopped the good ones from loading"
set +e
"$chancery" code "$c/wire.jsonl" --data "$work/data" --no-cache --strict-data -o /dev/null 2>/dev/null
status=$?
set -e
[ $status -eq 2 ] || fail "--strict-data with broken dictionary lines exited $status, not 2"
echo "hostile input: all checks passed"
