#!/usr/bin/env bash
# The pull-request check for the generated files (README.md, README_zh.md, papers.bib, pages/), run by
# .github/workflows/ci.yml. Main regenerates them after every merge (.github/workflows/regenerate.yml), so:
#   - the build must succeed, for every pull request and push;
#   - a pull request that changes only data/ needs not touch them, and the job summary previews the
#     lines its merge will add or change in them;
#   - a pull request that does change a generated file must leave it exactly as data/ gives it.
#
# Environment: BASE (the pull request's base commit; empty for a push to main), RUNNER_TEMP,
# GITHUB_STEP_SUMMARY.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
# shellcheck source=.github/scripts/generated.sh
. .github/scripts/generated.sh

out="$RUNNER_TEMP/generated"
rm -rf "$out"
mkdir -p "$out/base" "$out/head"

# Builds the list copied into $1 in place, as the repository would (the files name their sources
# relative to themselves), then keeps only what the build wrote.
build_in() {
  npm run --silent build-readme -- --data "$1/data" --templates "$1/templates" --out "$1" >/dev/null
  rm -rf "$1/data" "$1/templates"
}

cp -R data templates "$out/head/"
build_in "$out/head"
echo "The generated files build from data/ and templates/."

if [ -z "${BASE:-}" ]; then
  echo "Not a pull request: the Regenerate workflow commits the generated files on main."
  exit 0
fi

status=0
touched=$(git diff --name-only "$BASE" HEAD | generated_only)
if [ -n "$touched" ]; then
  echo "This pull request changes generated files ($(echo "$touched" | paste -sd ' ')): they must be exactly what data/ and templates/ give."
  if ! npm run --silent build-readme -- --check; then
    echo "::error title=Generated files::Leave the generated files out of the pull request (git checkout origin/main -- $(echo "$touched" | paste -sd ' ')): main regenerates them after the merge."
    status=1
  fi
fi

# The preview: what the base commit's data/ and templates/ give, against what this pull request's give.
git archive "$BASE" data templates | tar -x -C "$out/base"
if ! build_in "$out/base" 2>/dev/null; then
  echo "The base commit's list does not build; no preview."
  exit "$status"
fi
# A preview of the README lines: papers.bib follows them entry for entry, and would only double the preview.
rm -f "$out/base/papers.bib" "$out/head/papers.bib"
diff_status=0
(cd "$out" && git diff --no-index --no-color --unified=0 --src-prefix= --dst-prefix= base head) >"$out/preview.diff" || diff_status=$?
if [ "$diff_status" -gt 1 ]; then
  echo "::error title=Generated files::Could not compare the generated files (git diff exited with $diff_status)."
  exit "$diff_status"
fi

limit=300
lines=$(wc -l <"$out/preview.diff")
{
  echo "## Generated files after this pull request"
  echo
  if [ "$lines" -eq 0 ]; then
    echo "Merging it changes no generated file."
  else
    echo "Once merged, main regenerates README.md, README_zh.md and the other generated files; these are the lines that merge adds (+) or removes (-). Do not commit the generated files yourself."
    echo
    # --unified=0 prints no context lines, so no line of the diff can close the fence.
    echo '```diff'
    head -n "$limit" "$out/preview.diff"
    echo '```'
    if [ "$lines" -gt "$limit" ]; then
      echo
      echo "… and $((lines - limit)) more lines."
    fi
  fi
} >>"$GITHUB_STEP_SUMMARY"
echo "Wrote the preview ($lines lines of diff) to the job summary."
exit "$status"
