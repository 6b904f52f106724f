# Sourced by the make-*-images scripts: `missing_tags TAG...` returns (exits 0) when every tag exists
# or could be added to an image one of them already names (same content under every tag); else it
# leaves the tags to build in the `missing` array. Needs `die` from the caller.

missing_tags() {
  local have="" tag
  missing=()
  for tag in "$@"; do
    if docker image inspect "$tag" >/dev/null 2>&1; then
      have=${have:-$tag}
    else
      missing+=("$tag")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] && exit 0
  docker info >/dev/null 2>&1 || die "no Docker engine answers; run: bash scripts/ensure-engine.sh"
  if [ -n "$have" ]; then
    for tag in "${missing[@]}"; do docker tag "$have" "$tag"; done
    exit 0
  fi
}
