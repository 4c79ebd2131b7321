#!/usr/bin/env bash
# Time and peak RSS of `klachtwijs report` over 1k, 10k and 100k session records
# (copies of real records of a bundled scenario). Usage: scripts/bench-report.sh [BINARY] [SIZES…]
# Target: under 200 MB peak RSS at 100k records.
set -euo pipefail
bin="${1:-target/release/klachtwijs}"
shift || true
sizes=("${@:-1000 10000 100000}")
[ ${#sizes[@]} -eq 1 ] && read -r -a sizes <<<"${sizes[0]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export KLACHTWIJS_HOME="$work/home"
# Ten different sessions as templates.
for seed in $(seq 1 10); do
  "$bin" play paspoort-pinnen --random --seed "$seed" --format json >/dev/null
done
mapfile -t templates < <(ls "$KLACHTWIJS_HOME"/records/*.json)
printf '%8s %10s %12s\n' records seconds peak_rss_mb
for n in "${sizes[@]}"; do
  dir="$work/r$n"
  mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    cp "${templates[i % ${#templates[@]}]}" "$dir/r$i.json"
  done
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" report "$dir" --format json >/dev/null
  read -r secs kb <"$work/time"
  printf '%8d %10s %12d\n' "$n" "$secs" $((kb / 1024))
  rm -rf "$dir"
done
