#!/usr/bin/env bash
# Builds the fuzz seed corpus from the repo's fixtures (not committed: fuzz/corpus is ignored).
# Every fixture file under tests/fixtures/ (seeds, adversarial, regressions, other stages'
# fixtures) and every fuzz regression goes into fuzz/corpus/<target>/, named by content hash.
set -euo pipefail
cd "$(dirname "$0")"
max=${SEED_MAX_BYTES:-65536}
for target in ingest analyze; do
  mkdir -p "corpus/$target"
  find ../tests/fixtures regressions -type f ! -name '*.expect' ! -name 'README.md' -size -"$max"c -print0 |
    while IFS= read -r -d '' f; do
      cp "$f" "corpus/$target/seed-$(sha1sum "$f" | cut -c1-16)"
    done
done
echo "seed corpus: $(ls corpus/ingest | wc -l) files per target" >&2
