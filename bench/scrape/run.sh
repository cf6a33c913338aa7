#!/usr/bin/env bash
# Scrape benchmark (not a test): crawls a synthetic 300-product shop on loopback with `factory scrape`
# at several concurrencies, with and without full-page screenshots, next to a bare Playwright loop on
# the same machine at the same moment; then measures the worker's cold start. Prints a Markdown table.
#
#   bench/scrape/run.sh                  # everything (about 15-25 minutes on 2 cores)
#   PAGES=100 CONCURRENCY="2" BARE="" bench/scrape/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/scrape"
PAGES="${PAGES:-300}"
PORT="${PORT:-8931}"
WORKER_PORT="${WORKER_PORT:-18931}"
CONCURRENCY="${CONCURRENCY:-1 2 4}"
BARE="${BARE:-1 2}"
cd "$ROOT"

if [ ! -f launcher/target/factory.jar ] || [ -n "${REBUILD:-}" ]; then
    mvn -B -q -pl launcher -am package -DskipTests
fi
CP="$ROOT/launcher/target/factory.jar:$ROOT/launcher/target/lib/*"
JAVA=(java -XX:+UseSerialGC -cp "$CP")
WORK="$(mktemp -d /tmp/bench-scrape.XXXXXX)"
SHOP_PID=""
WORKER_PID=""
cleanup() {
    [ -n "$WORKER_PID" ] && kill "$WORKER_PID" 2>/dev/null || true
    [ -n "$SHOP_PID" ] && kill "$SHOP_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

java "$HERE/ShopServer.java" "$PORT" "$PAGES" >"$WORK/shop.log" 2>&1 &
SHOP_PID=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done

spec() { # $1 = never|always, $2 = fullPage
    sed -e "s#127.0.0.1:8931#127.0.0.1:$PORT#" -e "s#\"when\": \"never\", \"fullPage\": false#\"when\": \"$1\", \"fullPage\": $2#" \
        "$HERE/shop-spec.json" >"$WORK/spec-$1.json"
    echo "$WORK/spec-$1.json"
}

echo "| run | concurrency | screenshots | pages | pages/min | peak memory of process tree, PSS (MB) |"
echo "|---|---|---|---|---|---|"
: >"$WORK/memory.txt"
ours() { # $1 = concurrency, $2 = never|always
    local file rc=0 ppm pages peak label
    file="$(spec "$2" "$([ "$2" = always ] && echo true || echo false)")"
    python3 "$HERE/peak-rss.py" "${JAVA[@]}" dev.datafactory.launcher.Main scrape "$file" --out "$WORK/out" \
        --concurrency "$1" >"$WORK/summary" 2>"$WORK/err" || rc=$?
    ppm="$(grep -oE '\(([0-9]+) pages/min\)' "$WORK/summary" | grep -oE '[0-9]+' || echo "?")"
    pages="$(grep -oE 'from ([0-9]+) pages' "$WORK/summary" | grep -oE '[0-9]+' || echo "?")"
    peak="$(grep -oE 'peak-pss-mb [0-9]+' "$WORK/err" | grep -oE '[0-9]+$' || echo "?")"
    label="$([ "$2" = always ] && echo "full page, every page" || echo none)"
    echo "| factory scrape | $1 | $label | $pages | $ppm | $peak |"
    echo "factory scrape c=$1 $2: $(grep -oE 'peak-pss-mb .*' "$WORK/err")" >>"$WORK/memory.txt"
    [ "$rc" = 0 ] || { echo "factory scrape exited $rc:" >&2; cat "$WORK/summary" "$WORK/err" >&2; }
}
bare() { # $1 = threads, $2 = false|true (full-page screenshots)
    local ppm peak
    python3 "$HERE/peak-rss.py" java -XX:+UseSerialGC -cp "$CP" "$HERE/BareLoop.java" "http://127.0.0.1:$PORT/" \
        "$PAGES" "$1" "$2" >"$WORK/bare" 2>"$WORK/err" || { cat "$WORK/bare" "$WORK/err" >&2; return; }
    ppm="$(grep -oE '= [0-9]+ pages/min' "$WORK/bare" | grep -oE '[0-9]+')"
    peak="$(grep -oE 'peak-pss-mb [0-9]+' "$WORK/err" | grep -oE '[0-9]+$')"
    echo "| bare Playwright loop (no canary work) | $1 | $([ "$2" = true ] && echo "full page, every page" || echo none) | $PAGES | $ppm | $peak |"
    echo "bare loop c=$1 screenshots=$2: $(grep -oE 'peak-pss-mb .*' "$WORK/err")" >>"$WORK/memory.txt"
}
# Ours and the baseline alternate, so that both see the same load on a shared machine.
for c in $CONCURRENCY; do
    ours "$c" never
    case " $BARE " in *" $c "*) bare "$c" false ;; esac
    ours "$c" always
    case " $BARE " in *" $c "*) bare "$c" true ;; esac
done
echo
echo "Memory at the peak, PSS by program (MB):"
echo
sed 's/^/    /' "$WORK/memory.txt"

# Cold start: process start -> /healthz ready -> first job done (one product page through /pubsub/push).
DATA="$WORK/data"
TOKEN="$("${JAVA[@]}" dev.datafactory.launcher.Main token --data-dir "$DATA")"
cat >"$WORK/job.json" <<JSON
{"jobId":"cold-1","runId":"cold","scheduleId":"bench","trigger":"TEST","attempt":1,"requestedAt":"2026-01-01T00:00:00Z",
 "spec":{"name":"cold","startUrls":["http://127.0.0.1:$PORT/product/1"],
         "extract":{"waitFor":"#reviews .review","fields":{"title":{"selector":"h1"}}},"allowHosts":["127.0.0.1"]}}
JSON
printf '{"message":{"data":"%s","messageId":"1","publishTime":"2026-01-01T00:00:00Z"},"subscription":"bench"}' \
    "$(base64 -w0 "$WORK/job.json")" >"$WORK/envelope.json"
t0="$(date +%s%N)"
"${JAVA[@]}" dev.datafactory.launcher.Main worker --port "$WORKER_PORT" --data-dir "$DATA" >"$WORK/worker.out" 2>"$WORK/worker.err" &
WORKER_PID=$!
until curl -sf "http://127.0.0.1:$WORKER_PORT/healthz" >/dev/null; do
    kill -0 "$WORKER_PID" 2>/dev/null || { cat "$WORK/worker.err" >&2; exit 1; }
    sleep 0.02
done
t1="$(date +%s%N)"
code="$(curl -s -o "$WORK/push.out" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary @"$WORK/envelope.json" "http://127.0.0.1:$WORKER_PORT/pubsub/push")"
t2="$(date +%s%N)"
kill -TERM "$WORKER_PID"; wait "$WORKER_PID" 2>/dev/null || true; WORKER_PID=""
echo
echo "| cold start | ms |"
echo "|---|---|"
echo "| process start -> /healthz ready | $(( (t1 - t0) / 1000000 )) |"
echo "| process start -> first job done (HTTP $code) | $(( (t2 - t0) / 1000000 )) |"
echo
echo "machine: $(nproc) cores, load average at end: $(cut -d' ' -f1-3 /proc/loadavg); $(/usr/bin/chromium --version 2>/dev/null | head -1)"
