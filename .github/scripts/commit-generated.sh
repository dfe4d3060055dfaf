#!/usr/bin/env bash
# Commits what `npm run build-readme` just regenerated (README.md, README_zh.md, papers.bib, pages/)
# as github-actions[bot], so that pull requests change only data/. Run by .github/workflows/regenerate.yml
# after the build step; it runs no npm, so the token below never reaches the toolchain.
#
# Environment:
#   BRANCH            the branch being regenerated (main)
#   VIA_PULL_REQUEST  "true" when BRANCH is protected against direct pushes: push the commit to the
#                     branch regenerate-generated-files and open (or update) one pull request instead
#   GH_TOKEN          the workflow's token, for git push and gh (absent in tests)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
# shellcheck source=.github/scripts/generated.sh
. .github/scripts/generated.sh

branch="${BRANCH:-main}"
pr_branch=regenerate-generated-files
message="Regenerate generated files"

export GIT_AUTHOR_NAME='github-actions[bot]' GIT_COMMITTER_NAME='github-actions[bot]'
export GIT_AUTHOR_EMAIL='41898282+github-actions[bot]@users.noreply.github.com'
export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
if [ -n "${GH_TOKEN:-}" ]; then
  # The checkout keeps no credentials; git gets the token from the environment, as actions/checkout would.
  export GIT_CONFIG_COUNT=1
  export GIT_CONFIG_KEY_0="http.${GITHUB_SERVER_URL:-https://github.com}/.extraheader"
  GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $(printf 'x-access-token:%s' "$GH_TOKEN" | base64 | tr -d '\n')"
  export GIT_CONFIG_VALUE_0
fi

changed=$(changed_paths)
generated=$(printf '%s\n' "$changed" | generated_only)
# build-readme writes only generated files; anything else changed means .gitattributes misses one.
others=$(comm -23 <(printf '%s\n' "$changed" | sed '/^$/d') <(printf '%s\n' "$generated" | sed '/^$/d'))
if [ -n "$others" ]; then
  echo "::error title=Regenerate::The build changed files that .gitattributes does not mark linguist-generated: $(echo "$others" | paste -sd ' ')"
  exit 1
fi

open_pull_request() {
  # --head matches a fork's branch of the same name too: only this repository's own branch counts.
  gh pr list --base "$branch" --head "$pr_branch" --state open --json number,isCrossRepository --jq '[.[] | select(.isCrossRepository | not)] | .[0].number // empty'
}

if [ -z "$generated" ]; then
  echo "The generated files already match data/ and templates/; nothing to commit."
  if [ "${VIA_PULL_REQUEST:-}" = true ]; then
    number=$(open_pull_request)
    if [ -n "$number" ]; then
      gh pr close "$number" --delete-branch --comment "$branch is up to date again; nothing left to regenerate."
      echo "Closed pull request #$number."
    fi
  fi
  exit 0
fi

mapfile -t paths <<<"$generated"
git add --all -- "${paths[@]}"
git commit --quiet --message "$message"
echo "Committed $(git rev-parse --short HEAD) \"$message\": $(printf '%s\n' "${paths[@]}" | paste -sd ' ')"

if [ "${VIA_PULL_REQUEST:-}" = true ]; then
  git push --quiet --force origin "HEAD:refs/heads/$pr_branch"
  number=$(open_pull_request)
  if [ -n "$number" ]; then
    echo "Updated pull request #$number."
  else
    gh pr create --base "$branch" --head "$pr_branch" --title "$message" \
      --body "Rebuilt by \`npm run build-readme\` from \`data/\` and \`templates/\` on \`$branch\`. Merge it as is; it changes only generated files."
  fi
  exit 0
fi

# One run at a time (the workflow's concurrency group), but a merge may land while this one runs:
# then put the commit on the branch's new tip. Drift left by that merge is for its own run to fix.
for attempt in 1 2 3; do
  if git push --quiet origin "HEAD:refs/heads/$branch"; then
    echo "Pushed to $branch."
    exit 0
  fi
  echo "$branch moved on while this ran (attempt $attempt); rebasing onto its new tip."
  git fetch --quiet origin "$branch"
  if ! git rebase --quiet FETCH_HEAD; then
    git rebase --abort
    echo "::error title=Regenerate::The regenerated files conflict with the new tip of $branch; the next run regenerates them."
    exit 1
  fi
  if [ "$(git rev-parse HEAD)" = "$(git rev-parse FETCH_HEAD)" ]; then
    echo "The new tip of $branch already has these generated files; nothing to push."
    exit 0
  fi
done
echo "::error title=Regenerate::Could not push to $branch. If it is protected against direct pushes, set VIA_PULL_REQUEST to \"true\" in .github/workflows/regenerate.yml."
exit 1
