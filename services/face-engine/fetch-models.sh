#!/usr/bin/env bash
# Fetches the face models (npm faceplugin-face-recognition-js@0.0.1, MIT) and the test photos
# (npm @vladmandic/face-api@1.7.15, MIT) with `npm pack`, checks pinned SHA-256 sums and
# caches the files. Nothing is downloaded at run time: the engine only reads this cache.
#
# --quiet prints nothing when all is cached; --check only tells (exit status) whether the models are.
#
#   ROLLCALL_MODEL_DIR    model cache   (default ~/.cache/rollcall/models)
#   ROLLCALL_FIXTURE_DIR  photo cache   (default ~/.cache/rollcall/fixtures)
set -euo pipefail
QUIET=false; [[ "${1:-}" == "--quiet" ]] && QUIET=true
MODELS="${ROLLCALL_MODEL_DIR:-$HOME/.cache/rollcall/models}"
FIXTURES="${ROLLCALL_FIXTURE_DIR:-$HOME/.cache/rollcall/fixtures}"

MODEL_PKG="faceplugin-face-recognition-js@0.0.1"
declare -A MODEL_SHA=(
  [fr_detect.onnx]=6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854
  [fr_landmark.onnx]=f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258
  [fr_feature.onnx]=87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581
  [fr_liveness.onnx]=afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d
)
FIXTURE_PKG="@vladmandic/face-api@1.7.15"
declare -A FIXTURE_SHA=(
  [sample1.jpg]=8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51
  [sample2.jpg]=7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691
  [sample3.jpg]=8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936
  [sample4.jpg]=729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc
  [sample5.jpg]=6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938
  [sample6.jpg]=9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87
)

log() { $QUIET || echo "$@"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

all_good() { # dir, assoc-array-name
  local dir="$1"; local -n sums="$2"
  for f in "${!sums[@]}"; do
    [[ -f "$dir/$f" && "$(sha "$dir/$f")" == "${sums[$f]}" ]] || return 1
  done
}

fetch() { # package, dir inside the package, target dir, assoc-array-name
  local pkg="$1" inner="$2" target="$3"; local -n sums="$4"
  if all_good "$target" "$4"; then log "ok: $target"; return; fi
  command -v npm >/dev/null || { echo "npm is needed once to fetch $pkg (install Node.js/npm)" >&2; exit 1; }
  local tmp; tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  log "fetching $pkg ..."
  (cd "$tmp" && npm pack --silent "$pkg" > /dev/null)
  tar xzf "$tmp"/*.tgz -C "$tmp"
  mkdir -p "$target"
  for f in "${!sums[@]}"; do
    local got; got="$(sha "$tmp/package/$inner/$f")"
    if [[ "$got" != "${sums[$f]}" ]]; then
      echo "checksum mismatch for $f from $pkg: expected ${sums[$f]}, got $got" >&2; exit 1
    fi
    install -m 644 "$tmp/package/$inner/$f" "$target/$f"
  done
  log "cached $pkg in $target"
}

# --check: only say (exit status) whether the models are cached with the pinned sums
if [[ "${1:-}" == "--check" ]]; then all_good "$MODELS" MODEL_SHA; exit; fi

fetch "$MODEL_PKG" model "$MODELS" MODEL_SHA
fetch "$FIXTURE_PKG" demo "$FIXTURES" FIXTURE_SHA
