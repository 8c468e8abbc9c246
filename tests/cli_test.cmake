# Runs the chancery binary as a user would and checks exit codes and output.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(ENV{CHANCERY_CACHE} "${WORK_DIR}/cache")

function(expect_exit expected)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL ${expected})
    message(FATAL_ERROR "expected exit ${expected}, got ${code}: ${ARGN}\nstdout: ${out}\nstderr: ${err}")
  endif()
  set(LAST_STDERR "${err}" PARENT_SCOPE)
  set(LAST_STDOUT "${out}" PARENT_SCOPE)
endfunction()

# The sample articles code to JSON Lines, one event per line.
expect_exit(0 ${CHANCERY} code ${SOURCE_DIR}/samples/seeds.jsonl -o ${WORK_DIR}/events.jsonl)
file(READ "${WORK_DIR}/events.jsonl" all_events)
string(REGEX MATCHALL "\n" newlines "${all_events}")
list(LENGTH newlines count)
if(count LESS 20)
  message(FATAL_ERROR "expected at least 20 events from the seeds, got ${count}")
endif()
string(FIND "${all_events}" "\n" first_end)
string(SUBSTRING "${all_events}" 0 ${first_end} first)
string(JSON code GET "${first}" code)
string(JSON source GET "${first}" source code)
string(JSON sentence GET "${first}" sentence)
if(NOT LAST_STDERR MATCHES "3 stories")
  message(FATAL_ERROR "summary missing: ${LAST_STDERR}")
endif()

# A second run uses the cached dictionary database and gives the same events.
expect_exit(0 ${CHANCERY} code ${SOURCE_DIR}/samples/seeds.jsonl -o ${WORK_DIR}/events2.jsonl -q)
file(READ "${WORK_DIR}/events.jsonl" first_run)
file(READ "${WORK_DIR}/events2.jsonl" second_run)
if(NOT first_run STREQUAL second_run)
  message(FATAL_ERROR "second run (cached dictionary) differs from the first")
endif()

# CSV with a header row.
expect_exit(0 ${CHANCERY} code ${SOURCE_DIR}/samples/seeds.jsonl --format csv -o ${WORK_DIR}/events.csv -q)
file(STRINGS "${WORK_DIR}/events.csv" csv LIMIT_COUNT 1)
if(NOT csv MATCHES "^story_id,story_date,sentence_index")
  message(FATAL_ERROR "CSV header wrong: ${csv}")
endif()

# Plain text with --date; stdin.
expect_exit(0 ${CHANCERY} code ${SOURCE_DIR}/tests/fixtures/seeds/voa-2022-04-taliban-diplomats.txt --date 2022-04-09 -q)
if(NOT LAST_STDOUT MATCHES "\"RUSGOV\"")
  message(FATAL_ERROR "text input did not code Russia's accreditation")
endif()

# Bad input: a truncated JSON line is reported with file and line, the rest is coded.
file(WRITE "${WORK_DIR}/bad.jsonl" "{\"id\":\"a\",\"date\":\"2022-04-09\",\"text\":\"Russia accredited a Taliban diplomat.\"}\n{\"id\":\"b\",\"text\":\"trunc\n{\"id\":\"c\",\"date\":\"2022-04-09\",\"text\":\"Pakistan hosted a Taliban delegation.\"}\n")
expect_exit(0 ${CHANCERY} code ${WORK_DIR}/bad.jsonl)
if(NOT LAST_STDERR MATCHES "bad.jsonl:2:")
  message(FATAL_ERROR "truncated line not reported with file:line: ${LAST_STDERR}")
endif()
if(NOT LAST_STDERR MATCHES "2 stories")
  message(FATAL_ERROR "the good lines were not coded: ${LAST_STDERR}")
endif()

# Nothing readable: exit 3. Bad usage: exit 2.
expect_exit(3 ${CHANCERY} code ${WORK_DIR}/does-not-exist.txt)
if(NOT LAST_STDERR MATCHES "does-not-exist.txt")
  message(FATAL_ERROR "missing file not named: ${LAST_STDERR}")
endif()
expect_exit(2 ${CHANCERY} code --date 2022-13-45 ${SOURCE_DIR}/samples/seeds.jsonl)
expect_exit(2 ${CHANCERY} code --format xml ${SOURCE_DIR}/samples/seeds.jsonl)
expect_exit(2 ${CHANCERY} code --data ${WORK_DIR}/no-data ${SOURCE_DIR}/samples/seeds.jsonl)
expect_exit(0 ${CHANCERY} code --help)
