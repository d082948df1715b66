#!/usr/bin/env bash
# Load benchmark (issue 6): the demo's GET /checkout under wrk on 127.0.0.1 in three configurations, run in
# alternation, the order rotated each round (A B C, B C A, C A B, ...) so that drift of a shared machine and any effect
#   of position fall on all three alike:
#   bare               the endpoint alone
#   ours               UseProgressiveDelivery() + RequireFeature("checkout") + meters listened to
#   featuremanagement  Microsoft.FeatureManagement.AspNetCore 4.7.0's WithFeatureGate("checkout")
# Prints every round, the median requests/s per configuration, the ratios and the non-2xx counts.
# See benchmarks/load/README.md.
#
# Usage: bash benchmarks/load/run.sh [--rounds N] [--duration S] [--warmup S] [--connections N] [--threads N]
#                                    [--configs "bare ours featuremanagement"] [--no-pin] [--out FILE]
# The same settings can come from the environment: ROUNDS, DURATION, WARMUP, CONNECTIONS, THREADS, CONFIGS, PIN=0.
set -euo pipefail

ROUNDS=${ROUNDS:-7}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
CONFIGS=${CONFIGS:-"bare ours featuremanagement"}
PIN=${PIN:-1}
BASE_PORT=${BASE_PORT:-5610}
OUT=""
# The command as given, with the settings that came from the environment, so the report can be reproduced.
COMMAND_LINE="bash benchmarks/load/run.sh${*:+ $*}"
for setting in BASE_PORT PIN CONFIGS THREADS CONNECTIONS WARMUP DURATION ROUNDS; do
  if [[ -n "${!setting+set}" ]] && printenv "$setting" >/dev/null; then
    COMMAND_LINE="$setting=\"${!setting}\" $COMMAND_LINE"
  fi
done

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --configs) CONFIGS=$2; shift 2 ;;
    --no-pin) PIN=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
SCRIPT=benchmarks/load/rotate-user.lua
PROJECT=samples/CheckoutCanary
WORK=$(mktemp -d)
read -r -a CONFIG_LIST <<< "$CONFIGS"
declare -A PORT PID
STARTED_AT=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
UPTIME_BEFORE=$(uptime)

log() { echo "$*" >&2; }

stop_servers() {
  local config
  for config in "${CONFIG_LIST[@]}"; do
    if [[ -n "${PID[$config]:-}" ]] && kill -0 "${PID[$config]}" 2>/dev/null; then
      kill -TERM "${PID[$config]}" 2>/dev/null || true
    fi
  done
  for config in "${CONFIG_LIST[@]}"; do
    if [[ -n "${PID[$config]:-}" ]]; then
      wait "${PID[$config]}" 2>/dev/null || true
      PID[$config]=""
    fi
  done
}
cleanup() { stop_servers; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- wrk -------------------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "wrk not found: installing the Debian package"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update && $SUDO apt-get install -y wrk
fi
WRK_VERSION=$(wrk --version 2>&1 | head -n 1 | sed 's/ Copyright.*//' || true)

# --- CPU placement ---------------------------------------------------------------------------------------------------
# Two cores: the servers on the last CPU, wrk on the first, so they do not steal each other's time slices.
CPUS=$(nproc)
SERVER_PIN=(); WRK_PIN=(); PLACEMENT="unpinned (wrk and the servers share all $CPUS CPUs)"
if [[ "$PIN" == 1 ]] && command -v taskset >/dev/null 2>&1 && [[ "$CPUS" -ge 2 ]]; then
  SERVER_CPU=$((CPUS - 1))
  WRK_CPUS=$([[ "$CPUS" -gt 2 ]] && echo "0-$((CPUS - 2))" || echo 0)
  SERVER_PIN=(taskset -c "$SERVER_CPU"); WRK_PIN=(taskset -c "$WRK_CPUS")
  PLACEMENT="servers pinned to CPU $SERVER_CPU, wrk to CPU $WRK_CPUS (taskset)"
fi

# --- build once ------------------------------------------------------------------------------------------------------
log "building $PROJECT (Release)"
dotnet build "$PROJECT" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
DLL=$(dotnet msbuild "$PROJECT" -nologo -getProperty:TargetPath -p:Configuration=Release)
RUNTIME_CONFIG="${DLL%.dll}.runtimeconfig.json"
GC_SETTINGS=$(tr -d ' \n' < "$RUNTIME_CONFIG" | grep -o '"System\.GC\.[A-Za-z]*":[a-z0-9]*' | tr '\n' ' ' || true)
DOTNET_ENV=$(env | grep -E '^(DOTNET|COMPlus)_' | sort | tr '\n' ' ' || true)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)

# --- servers ---------------------------------------------------------------------------------------------------------
index=0
for config in "${CONFIG_LIST[@]}"; do
  PORT[$config]=$((BASE_PORT + index)); index=$((index + 1))
  if curl -s -o /dev/null "http://127.0.0.1:${PORT[$config]}/" 2>/dev/null; then
    log "port ${PORT[$config]} is already in use (set BASE_PORT)"; exit 1
  fi
  "${SERVER_PIN[@]}" dotnet "$DLL" load-benchmark-server --config "$config" --port "${PORT[$config]}" \
    >"$WORK/$config.log" 2>&1 &
  PID[$config]=$!
done

url() { echo "http://127.0.0.1:${PORT[$1]}/checkout"; }

for config in "${CONFIG_LIST[@]}"; do
  for _ in $(seq 1 150); do
    curl -s -o /dev/null "$(url "$config")" 2>/dev/null && break
    kill -0 "${PID[$config]}" 2>/dev/null || { log "server $config exited:"; cat "$WORK/$config.log" >&2; exit 1; }
    sleep 0.2
  done
  # Each configuration must really serve the endpoint: a closed gate's 404 would be fake speed.
  status=$(curl -s -o "$WORK/$config.body" -w '%{http_code}' -H 'X-User-Id: user-1' "$(url "$config")" || true)
  if [[ "$status" != 200 ]]; then
    log "server $config answered $status, not 200"; cat "$WORK/$config.log" >&2; exit 1
  fi
  log "server $config ready on $(url "$config"): 200 \"$(cat "$WORK/$config.body")\""
done

# --- wrk runs --------------------------------------------------------------------------------------------------------
# CPU time (user + system, all threads) the process has used so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CLOCK_TICKS=$(getconf CLK_TCK)

# run_wrk CONFIG SECONDS -> "rps non2xx socket_errors p50_ms p99_ms server_cpu_us_per_request"
# The server's CPU time per request is read from /proc around the run: it is what a request costs the server,
# much less sensitive than requests/s to other processes taking the CPU away on a shared machine.
run_wrk() {
  local config=$1 seconds=$2 out before after
  before=$(cpu_ticks "${PID[$config]}")
  out=$("${WRK_PIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$SCRIPT" "$(url "$config")")
  after=$(cpu_ticks "${PID[$config]}")
  echo "$out" >>"$WORK/wrk-$config.txt"
  awk -v ticks=$((after - before)) -v hz="$CLOCK_TICKS" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / requests in / { requests = $1 }
    /Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    $1 == "50.000%" || $1 == "50%" { p50 = ms($2) }
    $1 == "99.000%" || $1 == "99%" { p99 = ms($2) }
    END {
      if (rps == "" || requests == 0) { print "wrk gave no result" > "/dev/stderr"; exit 1 }
      printf "%s %d %d %.2f %.2f %.2f\n", rps, non2xx, errors, p50, p99, ticks / hz * 1e6 / requests
    }' <<<"$out"
}

log "warm-up: ${WARMUP}s per configuration"
for config in "${CONFIG_LIST[@]}"; do run_wrk "$config" "$WARMUP" >/dev/null; done

declare -A RPS NON2XX ERRORS P50 P99 CPU
ROUND_LINES=()
header=$(printf '| Round |'; for c in "${CONFIG_LIST[@]}"; do printf ' %s req/s (CPU µs/req) |' "$c"; done)
log "$header"
declare -A CELL
for round in $(seq 1 "$ROUNDS"); do
  # Rotate the order each round (A B C, B C A, C A B, ...): every configuration runs in every position equally often,
  # so an effect of position (the previous server's teardown on the same pinned CPU, warmer caches) cancels out
  # instead of always falling on the same configuration.
  count=${#CONFIG_LIST[@]}
  order=()
  for i in $(seq 0 $((count - 1))); do order+=("${CONFIG_LIST[$(( (i + round - 1) % count ))]}"); done
  for config in "${order[@]}"; do
    result=$(run_wrk "$config" "$DURATION")
    read -r rps non2xx errors p50 p99 cpu <<<"$result"
    RPS[$config]+="$rps "
    NON2XX[$config]=$(( ${NON2XX[$config]:-0} + non2xx ))
    ERRORS[$config]=$(( ${ERRORS[$config]:-0} + errors ))
    P50[$config]+="$p50 "; P99[$config]+="$p99 "; CPU[$config]+="$cpu "
    CELL[$config]="$(printf '%.0f' "$rps") ($cpu)"
  done
  line="| $round |"
  for config in "${CONFIG_LIST[@]}"; do line+=" ${CELL[$config]} |"; done
  ROUND_LINES+=("$line")
  log "$line"
done
UPTIME_AFTER=$(uptime)
stop_servers

# --- statistics ------------------------------------------------------------------------------------------------------
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# verdict LABEL "OP THRESHOLD" MEDIANS PER_ROUND CPU: met only when all three ratios pass.
verdict() {
  local label=$1 condition=$2
  awk -v label="$label" -v cond="$condition" -v m="$3" -v p="$4" -v c="$5" 'BEGIN {
    split(cond, parts, " "); op = parts[1]; t = parts[2] + 0
    ok = (op == ">=") ? (m >= t && p >= t && c >= t) : (m > t && p > t && c > t)
    printf "- %s: **%s** (medians %.3f, per round %.3f, CPU per request %.3f; met only when all three are)\n", label, ok ? "met" : "NOT met", m, p, c
  }'
}
# Median over rounds of the per-round ratio a_i / b_i (each round's pair ran back to back).
paired_ratio() {
  paste -d' ' <(tr ' ' '\n' <<<"$1" | grep -v '^$') <(tr ' ' '\n' <<<"$2" | grep -v '^$') \
    | awk '{ print $1 / $2 }' | median | xargs printf '%.3f'
}
declare -A MEDIAN
for config in "${CONFIG_LIST[@]}"; do MEDIAN[$config]=$(median <<<"${RPS[$config]}"); done

report() {
  echo "# Load benchmark: GET /checkout under wrk"
  echo
  echo "- Command (from the repository root): \`$COMMAND_LINE\`"
  echo "- Date: $STARTED_AT; commit \`$COMMIT\`$DIRTY"
  echo "- Machine: $CPUS CPUs ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)), $(uname -sr)"
  echo "- Load before: \`$(sed 's/^ *//' <<<"$UPTIME_BEFORE")\`"
  echo "- Load after:  \`$(sed 's/^ *//' <<<"$UPTIME_AFTER")\`"
  echo "- wrk: $WRK_VERSION; \`-t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s $SCRIPT\` (X-User-Id rotating over 10,000 users)"
  echo "- Rounds: $ROUNDS, configurations alternating, the order rotated each round starting from ${CONFIG_LIST[*]}; warm-up ${WARMUP}s each first"
  echo "- Placement: $PLACEMENT"
  echo "- Server: \`dotnet $(realpath --relative-to="$ROOT" "$DLL") load-benchmark-server --config NAME --port N\`, Release," \
       "$(dotnet --version 2>/dev/null | sed 's/^/SDK /'); runtimeconfig: ${GC_SETTINGS:-defaults}; DOTNET_ environment: ${DOTNET_ENV:-none}"
  echo
  echo "## Requests/s per round"
  echo
  echo "$header"
  printf '|---|'; for _ in "${CONFIG_LIST[@]}"; do printf -- '---:|'; done; echo
  printf '%s\n' "${ROUND_LINES[@]}"
  echo
  echo "## Medians"
  echo
  echo "| Configuration | Median req/s | Median server CPU µs/request | Median p50 latency (ms) | Median p99 latency (ms) | Non-2xx responses | Socket errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for config in "${CONFIG_LIST[@]}"; do
    printf '| %s | %.0f | %s | %s | %s | %d | %d |\n' "$config" "${MEDIAN[$config]}" "$(median <<<"${CPU[$config]}")" \
      "$(median <<<"${P50[$config]}")" "$(median <<<"${P99[$config]}")" "${NON2XX[$config]}" "${ERRORS[$config]}"
  done
  echo
  if [[ -n "${MEDIAN[ours]:-}" ]]; then
    echo "## Ratios"
    echo
    # The last column is the throughput ratio the server's CPU cost predicts (other's µs/request over ours), per round.
    echo "| Ratio | req/s: of the medians | req/s: median of per-round ratios | server CPU/request: other / ours, median per round |"
    echo "|---|---:|---:|---:|"
    for other in "${CONFIG_LIST[@]}"; do
      [[ "$other" == ours ]] && continue
      echo "| ours / $other | $(ratio "${MEDIAN[ours]}" "${MEDIAN[$other]}") | $(paired_ratio "${RPS[ours]}" "${RPS[$other]}")" \
        "| $(paired_ratio "${CPU[$other]}" "${CPU[ours]}") |"
    done
    echo
    # A target counts as met only when all three measures meet it: on a shared machine any one of them can land on the
    # right side by drift alone (a run whose second half is disturbed can move the ratio of the medians by 5 points).
    if [[ -n "${MEDIAN[bare]:-}" ]]; then
      verdict "Target ours >= 97% of bare" ">= 0.97" \
        "$(ratio "${MEDIAN[ours]}" "${MEDIAN[bare]}")" "$(paired_ratio "${RPS[ours]}" "${RPS[bare]}")" "$(paired_ratio "${CPU[bare]}" "${CPU[ours]}")"
    fi
    if [[ -n "${MEDIAN[featuremanagement]:-}" ]]; then
      verdict "Target ours ahead of Microsoft.FeatureManagement" "> 1" \
        "$(ratio "${MEDIAN[ours]}" "${MEDIAN[featuremanagement]}")" "$(paired_ratio "${RPS[ours]}" "${RPS[featuremanagement]}")" \
        "$(paired_ratio "${CPU[featuremanagement]}" "${CPU[ours]}")"
    fi
    local all_ok=yes
    for config in "${CONFIG_LIST[@]}"; do [[ "${NON2XX[$config]}" -eq 0 && "${ERRORS[$config]}" -eq 0 ]] || all_ok=no; done
    echo "- Every response 2xx and no socket errors: **$all_ok**"
    echo
  fi
  echo "## Meters recorded by the servers (aggregated points at shutdown)"
  echo
  echo '```'
  for config in "${CONFIG_LIST[@]}"; do
    grep '^meter ' "$WORK/$config.log" | sed "s/^/$config: /" || true
  done
  echo '```'
}

report >"$WORK/report.md"
cat "$WORK/report.md"
if [[ -n "$OUT" ]]; then
  mkdir -p "$(dirname "$OUT")"
  cp "$WORK/report.md" "$OUT"
  log "report written to $OUT"
fi
