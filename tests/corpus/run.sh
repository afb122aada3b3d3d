#!/bin/sh
# tests/corpus/run.sh — the hostile-input corpus: sh tests/corpus/run.sh PATH_TO_CAPBOOK,
# run from the repository root. See tests/corpus/run.py.
exec python3 tests/corpus/run.py "$@"
