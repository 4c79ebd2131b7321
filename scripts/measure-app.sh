#!/usr/bin/env bash
# Measures the app beside a bare Bevy + bevy_egui window, the same way in the same run,
# under Xvfb with Mesa's software renderer:
#   time to first frame, idle CPU over 10 s, frame time while animating at 3840x2160, RSS.
#
#   scripts/measure-app.sh [--scenarios DIR]
#
# Builds the dev profile (dependencies optimised, as CI uses) into $CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/klachtwijs/target}"
export KLACHTWIJS_HOME="$(mktemp -d)"
cargo build --quiet --features dev --bin klachtwijs --example bare_window
app=("$CARGO_TARGET_DIR/debug/klachtwijs" "$@")
bare=("$CARGO_TARGET_DIR/debug/examples/bare_window")

disp=99
while [ -e "/tmp/.X11-unix/X$disp" ] || [ -e "/tmp/.X$disp-lock" ]; do disp=$((disp + 1)); done
Xvfb ":$disp" -screen 0 3840x2160x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done
export DISPLAY=":$disp"
tck=$(getconf CLK_TCK)

first_frame() { # prints milliseconds from launch until the first frame is drawn
  local start end
  start=$(date +%s%N)
  KLACHTWIJS_EXIT_AFTER_FIRST_FRAME=1 "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

idle() { # prints "cpu% rss_mb" for 10 s of idling after 5 s of settling
  "$@" >/dev/null 2>&1 &
  local pid=$! t0 t1
  sleep 5
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 10
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  local rss
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  awk -v d=$((t1 - t0)) -v tck="$tck" -v rss="$rss" 'BEGIN {printf "%.1f %s\n", 100 * d / tck / 10, rss}'
}

animate() { # prints the bench line: frames, mean and p95 frame time at 4K
  KLACHTWIJS_BENCH_ANIMATE=5 "$@" 2>/dev/null | grep '^bench:' | sed 's/^bench: //'
}

printf '%-28s %-14s %-14s\n' "measure" "klachtwijs" "bare window"
printf '%-28s %-14s %-14s\n' "time to first frame (ms)" "$(first_frame "${app[@]}")" "$(first_frame "${bare[@]}")"
read -r app_cpu app_rss <<<"$(idle "${app[@]}")"
read -r bare_cpu bare_rss <<<"$(idle "${bare[@]}")"
printf '%-28s %-14s %-14s\n' "idle CPU over 10 s (%)" "$app_cpu" "$bare_cpu"
printf '%-28s %-14s %-14s\n' "RSS when idle (MB)" "$app_rss" "$bare_rss"
echo "animating at 3840x2160 for 5 s:"
echo "  klachtwijs:  $(animate "${app[@]}")"
echo "  bare window: $(animate "${bare[@]}")"
