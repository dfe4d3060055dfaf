# Sourced by the scripts next to it. Which files are generated is said in one place, .gitattributes
# (linguist-generated): README.md, README_zh.md, papers.bib and pages/.

# Reads paths on stdin, one a line; prints those that .gitattributes marks linguist-generated.
generated_only() {
  local path attr value
  sed '/^$/d' | tr '\n' '\0' | git check-attr -z --stdin linguist-generated |
    while IFS= read -r -d '' path && IFS= read -r -d '' attr && IFS= read -r -d '' value; do
      if [ "$value" = set ]; then printf '%s\n' "$path"; fi
    done
}

# Paths that differ from HEAD in the working tree (changed, deleted or new), one a line.
changed_paths() {
  git ls-files --modified --deleted --others --exclude-standard | sort -u
}
