#!/usr/bin/env bash
# verify.sh [PROGRAM.kc|SECTION_DIR ...] - check the box programs with real Kotlin.
# Each program is copied into a scratch directory as <section>_<name>.kc with
# `fun main() { println(box()) }` appended and <section>_<name>.out = "OK", and
# the whole batch is checked by one kotlin-oracle call (without --write).
# Default: every program under spec/box. Set KOTLIN_ORACLE to another oracle.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
oracle="${KOTLIN_ORACLE:-/work/shared/tools/kotlin-oracle}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/box-verify.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
(( $# > 0 )) || set -- "$here"
while IFS= read -r f; do
    name="$(basename "$(dirname "$f")")_$(basename "$f" .kc)"
    { cat "$f"; printf '\nfun main() { println(box()) }\n'; } >"$scratch/$name.kc"
    echo OK >"$scratch/$name.out"
done < <(find "$@" -name '*.kc' | sort)
echo "verify.sh: $(ls "$scratch"/*.kc | wc -l) program(s)" >&2
"$oracle" "$scratch"
