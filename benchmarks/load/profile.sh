#!/usr/bin/env bash
# Where a load-benchmark server's CPU goes, as shares of perf samples: a reading that, unlike requests/s, does not
# depend on how busy a shared machine is. Starts one server configuration (see README.md), loads it with wrk as
# run.sh does, samples it with perf (software clock, call graphs, JIT symbol maps) and prints the CPU per request
# estimated from the samples, the share of each thread, and these shares:
#   - middleware: samples with ProgressiveDeliveryMiddleware on the stack but not the endpoint it calls
#   - endpoint:   samples under EndpointMiddleware.Invoke (the endpoint, and Microsoft.FeatureManagement's gate filter)
#   - featuremanagement: samples with Microsoft.FeatureManagement frames (or its targeting accessor) on the stack
#   - spin/wait:  thread-pool threads spinning or parked (sched_yield, LowLevelLifoSemaphore), not request work
# each as a share of all samples and of the samples that are not spin/wait.
#
# Usage: bash benchmarks/load/profile.sh CONFIG [SECONDS]     (CONFIG: bare, ours, featuremanagement, ours-...)
# PERF_DATA=FILE keeps the recording for `perf report -i FILE` (with /tmp/perf-PID.map, which the runtime leaves).
# Needs perf (Debian package linux-perf, installed when missing), wrk, the .NET SDK; run as root or with
# kernel.perf_event_paranoid <= 1 for your user.
set -euo pipefail

CONFIG=${1:?usage: profile.sh CONFIG [SECONDS]}
SECONDS_SAMPLED=${2:-15}
PORT=${PORT:-5690}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d)
SERVER=""
cleanup() {
  if [[ -n "$SERVER" ]]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
command -v perf >/dev/null 2>&1 || { $SUDO apt-get update && $SUDO apt-get install -y linux-perf; }
command -v wrk >/dev/null 2>&1 || { $SUDO apt-get update && $SUDO apt-get install -y wrk; }

dotnet build samples/CheckoutCanary -c Release -nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
DLL=$(dotnet msbuild samples/CheckoutCanary -nologo -getProperty:TargetPath -p:Configuration=Release)

# JIT symbol maps for perf; W^X double mapping would hide the JIT's code from them, and precompiled (ReadyToRun)
# framework code has no map entries, so it is JIT-compiled too (hot code ends up at tier 1 either way).
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0 \
  taskset -c 1 dotnet "$DLL" load-benchmark-server --config "$CONFIG" --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$PORT/checkout" && break; sleep 0.2; done

URL="http://127.0.0.1:$PORT/checkout"
taskset -c 0 wrk -t1 -c32 -d8s -s benchmarks/load/rotate-user.lua "$URL" >/dev/null   # warm-up: tier-1 code
taskset -c 0 wrk -t1 -c32 -d$((SECONDS_SAMPLED + 4))s -s benchmarks/load/rotate-user.lua "$URL" >"$WORK/wrk.txt" &
LOAD=$!
sleep 2
perf record -q -F 1999 -g -p "$SERVER" -o "$WORK/perf.data" -- sleep "$SECONDS_SAMPLED" 2>/dev/null
wait "$LOAD"
[[ -n "${PERF_DATA:-}" ]] && cp "$WORK/perf.data" "$PERF_DATA"

RPS=$(awk '/Requests\/sec:/ { print $2 }' "$WORK/wrk.txt")
echo "# $CONFIG: $RPS requests/s, load: $(cut -d' ' -f1-3 /proc/loadavg)"
perf script -i "$WORK/perf.data" 2>/dev/null | awk -v rps="$RPS" -v seconds="$SECONDS_SAMPLED" '
  function flush() {
    if (!inSample) return
    total++
    spinning = stack ~ /sched_yield|LowLevelLifoSemaphore|LowLevelSpinWaiter/
    spin += spinning
    if (!spinning) byThread[thread]++
    underEndpoint = stack ~ /EndpointMiddleware::Invoke/
    endpoint += underEndpoint
    middleware += (stack ~ /ProgressiveDeliveryMiddleware/ && !underEndpoint)
    fm += (stack ~ /Microsoft\.FeatureManagement|HeaderTargetingContextAccessor|HttpContextAccessor/)
    inSample = 0; stack = ""
  }
  /^[^ \t]/ { flush(); inSample = 1; thread = $0; sub(/ +[0-9]+ +[0-9.]+:.*/, "", thread); next }
  /^[ \t]*$/ { flush(); next }
  { stack = stack "\n" $0 }
  END {
    flush()
    busy = total - spin
    printf "samples %d, spin/wait %.1f%%; CPU per request (1999 Hz samples over %d s at %s requests/s): %.1f us, %.1f us not spinning\n", \
      total, 100 * spin / total, seconds, rps, total / 1999 / (rps * seconds) * 1e6, busy / 1999 / (rps * seconds) * 1e6
    for (t in byThread) printf "  thread %-22s %6.2f%% of non-spin\n", t, 100 * byThread[t] / busy
    printf "%-18s %7s %12s\n", "share of", "all", "non-spin"
    printf "%-18s %6.2f%% %11.2f%%\n", "middleware", 100 * middleware / total, 100 * middleware / busy
    printf "%-18s %6.2f%% %11.2f%%\n", "endpoint", 100 * endpoint / total, 100 * endpoint / busy
    printf "%-18s %6.2f%% %11.2f%%\n", "featuremanagement", 100 * fm / total, 100 * fm / busy
  }'
