#!/usr/bin/env bash
# Idle CPU and loading on the screens that do work in the background, under Xvfb with
# Mesa's software renderer (issues 12, 15, 16):
#   1. "Mijn voortgang" with COUNT records (default 1,000): the background load and the
#      screen's frames headless (app-tests/examples/progress_bench.rs), then the real app
#      opened on the progress screen: load time, longest frame meanwhile, idle CPU;
#   2. the Author screen with its map (analysed in the background): idle CPU;
#   3. the library after two window resizes (xdotool): idle CPU;
#   4. a classroom conversation with phone votes on and nobody voting: idle CPU.
# Idle CPU is the process's user + system ticks over 10 s, after the screen has settled.
#
#   scripts/measure-screens.sh [COUNT]
#
# Builds the dev profile (dependencies optimised, as CI uses) into $CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/klachtwijs/target}"
export KLACHTWIJS_HOME="$(mktemp -d)"
cargo build --quiet --features dev --bin klachtwijs -p klachtwijs
cargo build --quiet -p klachtwijs-app-tests --example progress_bench
app="$CARGO_TARGET_DIR/debug/klachtwijs"

disp=99
while [ -e "/tmp/.X11-unix/X$disp" ] || [ -e "/tmp/.X$disp-lock" ]; do disp=$((disp + 1)); done
Xvfb ":$disp" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$KLACHTWIJS_HOME"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done
export DISPLAY=":$disp"
tck=$(getconf CLK_TCK)

# Prints the idle CPU of process $1 over 10 s, as "N.N% (T ticks)".
idle_cpu() {
  local pid=$1 t0 t1
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 10
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  awk -v d=$((t1 - t0)) -v tck="$tck" 'BEGIN {printf "%.1f%% (%d ticks)\n", 100 * d / tck / 10, d}'
}

# Starts the app with the given environment; waits for its "bench:" line; prints it.
launch() {
  log="$(mktemp)"
  env "$@" "$app" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 900); do grep -q '^bench:' "$log" && break; sleep 0.1; done
  grep '^bench:' "$log" || { echo "no bench line; the app said:"; cat "$log"; }
}

stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

echo "== 1. Mijn voortgang with $count records: headless"
"$CARGO_TARGET_DIR/debug/examples/progress_bench" --records "$KLACHTWIJS_HOME/records" --count "$count"
echo "== 1. Mijn voortgang with $count records: the real app"
launch KLACHTWIJS_BENCH_OPEN=progress
sleep 3
echo "idle CPU over 10 s on the progress screen: $(idle_cpu "$pid")"
stop

echo "== 2. the Author screen with the map"
launch KLACHTWIJS_BENCH_OPEN=author
sleep 5
echo "idle CPU over 10 s on the Author screen: $(idle_cpu "$pid")"
stop

echo "== 4. classroom with phone votes on, nobody voting"
launch KLACHTWIJS_BENCH_OPEN=phones KLACHTWIJS_VOTE_BIND=127.0.0.1
sleep 5
echo "idle CPU over 10 s with phone votes on: $(idle_cpu "$pid")"
stop

echo "== 3. the library after two resizes"
"$app" >/dev/null 2>&1 &
pid=$!
window=""
for _ in $(seq 300); do
  window=$(xdotool search --name '^Klachtwijs$' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.2
done
sleep 5
xdotool windowsize "$window" 1024 700
sleep 1
xdotool windowsize "$window" 1500 900
sleep 3
echo "idle CPU over 10 s after the resizes: $(idle_cpu "$pid")"
stop
