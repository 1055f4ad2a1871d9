# Sourced by the bench scripts: `start_fresh_mock` starts a new tc-mock on a
# free loopback port with the bench key pair (exported), sets `mock` (its
# pid) and `endpoint` (its URL), and stops it when the script exits.
export TENCENTCLOUD_SECRET_ID=AKIDbench TENCENTCLOUD_SECRET_KEY=bench-secret-key

start_fresh_mock() {
    local log
    log="$(mktemp)"
    ./target/release/tc-mock --listen 127.0.0.1:0 \
        --secret-id "$TENCENTCLOUD_SECRET_ID" --secret-key "$TENCENTCLOUD_SECRET_KEY" "$@" >"$log" &
    mock=$!
    trap 'kill "$mock" 2>/dev/null || true' EXIT
    for _ in $(seq 50); do
        grep -q '^listening on ' "$log" && break
        sleep 0.1
    done
    endpoint="$(sed -n 's/^listening on //p' "$log")"
    rm -f "$log"
    [ -n "$endpoint" ] || { echo "tc-mock did not start" >&2; exit 1; }
}

stop_mock() {
    kill "$mock"
    wait "$mock" 2>/dev/null || true
}
