#!/usr/bin/env bash
# Runs `klachtwijs screenshots` in a virtual X display and fails when a PNG is missing or
# blank (fewer than 16 distinct colours: a black or single-colour frame).
#
#   scripts/ci-screenshots.sh BINARY OUT_DIR
set -euo pipefail
bin=${1:?usage: ci-screenshots.sh BINARY OUT_DIR}
out=${2:?usage: ci-screenshots.sh BINARY OUT_DIR}
mkdir -p "$out"

disp=99
while [ -e "/tmp/.X11-unix/X$disp" ] || [ -e "/tmp/.X$disp-lock" ]; do disp=$((disp + 1)); done
Xvfb ":$disp" -screen 0 3840x2160x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done

start=$(date +%s)
DISPLAY=":$disp" timeout 1800 "$bin" screenshots --out "$out"
echo "screenshot run took $(( $(date +%s) - start ))s"

count=0
blank=0
for png in "$out"/*.png; do
  [ -e "$png" ] || continue
  count=$((count + 1))
  colours=$(identify -format '%k' "$png")
  if [ "$colours" -lt 16 ]; then
    echo "BLANK: $png has only $colours colours"
    blank=$((blank + 1))
  fi
done
echo "screenshots: $count images, $blank blank"
[ "$count" -gt 0 ] && [ "$blank" -eq 0 ]
