#!/usr/bin/env python3
"""Whether two chancery SQLite databases hold the same stories, sentences and
events, ignoring database ids (which depend on insertion order).

    same_database.py WANT.db GOT.db [SHARD.db...]

Rows are compared as sorted tuples of every column but the row ids of
sentences and events, so equal means event for event equal. Each SHARD.db must hold at least one story (a split
that put everything in one shard would prove nothing). Prints one line per
table; exit 0 when all are equal, 1 otherwise (with the first differences).
"""
import sqlite3
import sys


def rows(path, sql):
    # Read-only, so comparing never creates or changes a file.
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(tuple(r) for r in con.execute(sql))
    finally:
        con.close()


def columns(path, table):
    # stories.id is the story's own id; sentences.id and events.id are the
    # database's row ids.
    keep_id = table == "stories"
    return [r[1] for r in rows(path, f"PRAGMA table_info({table})") if keep_id or r[1] != "id"]


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    want_db, got_db, shard_dbs = argv[1], argv[2], argv[3:]
    queries = {
        table: "SELECT " + ", ".join(columns(want_db, table)) + f" FROM {table}"
        for table in ("stories", "sentences", "events")
    }
    problems = 0
    for table, sql in queries.items():
        want, got = rows(want_db, sql), rows(got_db, sql)
        if want == got:
            print(f"{table}: {len(got)} rows, identical")
            continue
        problems += 1
        want_set, got_set = set(want), set(got)
        missing = [r for r in want if r not in got_set]
        extra = [r for r in got if r not in want_set]
        print(f"FAIL: {table}: {want_db} has {len(want)} rows, {got_db} {len(got)}; "
              f"{len(missing)} missing, {len(extra)} extra", file=sys.stderr)
        for r in missing[:5]:
            print(f"  missing: {r[:8]}", file=sys.stderr)
        for r in extra[:5]:
            print(f"  extra:   {r[:8]}", file=sys.stderr)
    if not rows(want_db, "SELECT id FROM events"):
        problems += 1
        print(f"FAIL: {want_db} has no events to compare", file=sys.stderr)
    for path in shard_dbs:
        n = len(rows(path, "SELECT id FROM stories"))
        print(f"{path.rsplit('/', 1)[-1]}: {n} stories")
        if n == 0:
            problems += 1
            print(f"FAIL: {path} holds no story", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
