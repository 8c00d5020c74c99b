#!/usr/bin/env python3
"""The benchmark behind scripts/bench.sh (run that: it installs wrk and builds the release).

A fresh SQLite database gets the demo forum and the large installation; the release server
serves it on 127.0.0.1:3199; wrk drives each URL for a few seconds at 16 connections (2 threads),
asking for compressed answers as a browser does; the server's peak memory is read from
/proc/PID/status. Then a generated 10,000-action sheet is imported with the command line, and the
built site's wasm, JS and CSS are measured raw, gzipped and brotli-compressed. The table, the
budgets (met or missed, and by how much) and the machine go to standard output and BENCHMARKS.md.

Standard library only, apart from the wrk, brotli and /usr/bin/time commands.
"""
import argparse
import datetime
import gzip
import hashlib
import http.client
import os
import platform
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release", "forumplan")
SITE = os.path.join(TARGET, "site")
HOST, PORT = "127.0.0.1", 3199
WORK = os.environ.get("BENCH_DIR", "/tmp/forumplan-bench")
PASSWORD = os.environ.get("FORUMPLAN_DEMO_PASSWORD", "forumplan-demo")
CONNECTIONS = 16


def log(*parts):
    print("==>", *parts, file=sys.stderr, flush=True)


def timed(cmd, env):
    """Runs cmd under /usr/bin/time -v: (seconds, peak RSS in KiB, stdout)."""
    started = time.monotonic()
    out = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stdout}\n{out.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1))
    return seconds, rss, out.stdout


def request(method, path, headers=None, body=None):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, r.getheaders(), data


def wrk(path, headers, seconds):
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    cmd.append(f"http://{HOST}:{PORT}{path}")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    def ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(g) for g in m.groups())
    return rps, p50, p99, errors


def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024
    return f"{os.cpu_count()} cores ({model}), {mem // 1024} GiB, Linux {platform.release()}"


def sizes():
    pkg = os.path.join(SITE, "pkg")
    out = []
    for name in sorted(os.listdir(pkg)):
        if not name.endswith((".wasm", ".js", ".css")):
            continue
        data = open(os.path.join(pkg, name), "rb").read()
        br = subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout
        out.append((name, len(data), len(gzip.compress(data, 9)), len(br)))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10, help="how long wrk drives each URL")
    args = parser.parse_args()
    if not os.access(BIN, os.X_OK):
        sys.exit(f"no {BIN}: run scripts/bench.sh (it builds the release)")
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    db = os.path.join(WORK, "bench.db")
    env = dict(os.environ, DATABASE_URL=f"sqlite://{db}?mode=rwc", LEPTOS_SITE_ROOT=SITE,
               FORUMPLAN_DEMO_PASSWORD=PASSWORD, RUST_LOG="warn")

    log("the demo forum and the large installation")
    subprocess.run([BIN, "demo"], env=env, check=True, capture_output=True)
    large_s, large_rss, large_out = timed([BIN, "demo", "--size", "large"], env)
    log(large_out.strip())

    # A share link and an API token, stored as the site stores them (only their hashes).
    con = sqlite3.connect(db)
    forum_id, forum_slug = con.execute(
        "SELECT id, slug FROM forum WHERE slug = 'barnsley-domestic-abuse-partnership'").fetchone()
    strategy_id, strategy_slug = con.execute(
        "SELECT id, slug FROM strategy WHERE forum_id = ? ORDER BY id LIMIT 1", (forum_id,)).fetchone()
    action_id = con.execute(
        "SELECT a.id FROM action a JOIN theme t ON t.id = a.theme_id WHERE t.strategy_id = ? ORDER BY a.id LIMIT 1",
        (strategy_id,)).fetchone()[0]
    coordinator = con.execute(
        "SELECT u.id, u.email FROM app_user u JOIN membership m ON m.user_id = u.id "
        "WHERE m.forum_id = ? AND m.role = 'coordinator' LIMIT 1", (forum_id,)).fetchone()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    share = secrets.token_urlsafe(32)
    con.execute(
        "INSERT INTO share_link (forum_id, token_hash, label, scope_kind, scope_id, shows, expires_at, created_at) "
        "VALUES (?, ?, 'Benchmark funder', 'strategy', ?, '[\"statuses\",\"values\",\"narratives\",\"charts\"]', "
        "'2099-01-01T00:00:00+00:00', ?)",
        (forum_id, hashlib.sha256(share.encode()).hexdigest(), strategy_id, now))
    token = "fpt_" + secrets.token_urlsafe(32)
    con.execute(
        "INSERT INTO api_token (user_id, token_hash, label, can_write, created_at) VALUES (?, ?, 'Benchmark', 0, ?)",
        (coordinator[0], hashlib.sha256(token.encode()).hexdigest(), now))
    con.commit()
    counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ["forum", "strategy", "theme", "action", "target", "progress_update", "app_user"]}
    con.close()

    log("serving on", f"{HOST}:{PORT}")
    server_log = open(os.path.join(WORK, "server.log"), "w")
    server = subprocess.Popen([BIN, "serve", "--addr", f"{HOST}:{PORT}", "--no-demo"], env=env,
                              stdout=server_log, stderr=subprocess.STDOUT)
    try:
        for _ in range(150):
            try:
                if request("GET", "/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("the server did not start: see " + server_log.name)
        form = urllib.parse.urlencode({"email": coordinator[1], "password": PASSWORD})
        status, headers, body = request("POST", "/api/sign_in", {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
            "Origin": f"http://{HOST}:{PORT}", "Host": f"{HOST}:{PORT}"}, form)
        cookie = next((v.split(";")[0] for k, v in headers
                       if k.lower() == "set-cookie" and v.startswith("fp_session=")), None)
        if not cookie:
            sys.exit(f"signing in failed: {status} {body[:300]!r}")
        css = next(n for n in os.listdir(os.path.join(SITE, "pkg")) if n.endswith(".css"))
        browser = {"Accept-Encoding": "br, gzip", "Cookie": cookie}
        plain = {"Accept-Encoding": "br, gzip"}
        urls = [
            ("/health (floor)", "/health", {}),
            ("static CSS (floor)", f"/pkg/{css}", plain),
            ("forum dashboard", f"/forums/{forum_slug}/dashboard", browser),
            ("dashboard chart (SVG)", f"/forums/{forum_slug}/dashboard/chart.svg", browser),
            ("strategy page", f"/forums/{forum_slug}/strategies/{strategy_slug}", browser),
            ("action page", f"/forums/{forum_slug}/actions/{action_id}", browser),
            ("funder report (with its chart)", f"/report/{share}", plain),
            ("export (strategy, csv)", f"/forums/{forum_slug}/export?strategy={strategy_slug}&format=csv", browser),
            ("JSON API targets (100)", f"/api/v1/forums/{forum_slug}/targets?limit=100",
             {"Accept-Encoding": "br, gzip", "Authorization": f"Bearer {token}"}),
        ]
        rows = []
        for label, path, headers in urls:
            status, response_headers, body = request("GET", path, headers)
            if status != 200:
                sys.exit(f"{label}: GET {path} answered {status}: {body[:300]!r}")
            encoding = next((v for k, v in response_headers if k.lower() == "content-encoding"), "identity")
            log(f"{label}: {len(body)} bytes ({encoding})")
            rps, p50, p99, errors = wrk(path, headers, args.seconds)
            rows.append((label, rps, p50, p99, len(body), encoding, errors))
        peak = vm_hwm_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    log("import of a generated 10,000-action sheet")
    import_db = os.path.join(WORK, "import.db")
    import_env = dict(env, DATABASE_URL=f"sqlite://{import_db}?mode=rwc")
    subprocess.run([BIN, "demo"], env=import_env, check=True, capture_output=True)
    sheet_csv, sheet_xlsx = os.path.join(WORK, "plan-10000.csv"), os.path.join(WORK, "plan-10000.xlsx")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen-import-sheet.py"), "10000", sheet_csv, sheet_xlsx],
                   check=True, capture_output=True)
    import_s, import_rss, _ = timed(
        [BIN, "import", sheet_xlsx, "--forum", "wolverhampton", "--strategy", "dv-strategy-2005-2007"], import_env)

    site = sizes()
    floor = rows[0][1]
    lines = []
    lines.append(f"Run on {datetime.date.today().isoformat()}: {machine()}.")
    lines.append(f"Command: `scripts/bench.sh --seconds {args.seconds}` (wrk, {CONNECTIONS} connections, 2 threads, "
                 "on loopback, answers compressed as a browser asks for them).")
    lines.append("")
    lines.append(f"Large installation (`forumplan demo --size large`, SQLite): {large_s:.1f} s, peak {large_rss // 1024} MiB; "
                 + ", ".join(f"{n:,} {t}" for t, n in counts.items()) + ".")
    lines.append("")
    lines.append("| URL | requests/s | × /health | p50 ms | p99 ms | bytes sent | errors |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, rps, p50, p99, size, encoding, errors in rows:
        lines.append(f"| {label} | {rps:,.0f} | {rps / floor:.3f} | {p50:.2f} | {p99:.2f} | {size:,} ({encoding}) | {errors} |")
    lines.append("")
    lines.append(f"Server peak memory (VmHWM) over the run: {peak / 1024:.0f} MiB.")
    lines.append(f"Import of a generated 10,000-action sheet (xlsx, `forumplan import`): {import_s:.1f} s, peak {import_rss / 1024:.0f} MiB.")
    lines.append("")
    lines.append("| Built file | raw | gzip -9 | brotli -q 11 |")
    lines.append("| --- | ---: | ---: | ---: |")
    for name, raw, gz, br in site:
        lines.append(f"| {name} | {raw:,} | {gz:,} | {br:,} |")
    first_page = sum(br for name, _, _, br in site if name.endswith((".wasm", ".js")))

    def verdict(ok, what, detail):
        return f"- {'PASS' if ok else 'MISS'}: {what}: {detail}"

    by = {label: (rps, p99, errors) for label, rps, _, p99, *_, errors in rows}
    budgets = []
    dash_rps, dash_p99, _ = by["forum dashboard"]
    budgets.append(verdict(dash_p99 <= 25, "dashboard p99 ≤ 25 ms", f"{dash_p99:.1f} ms"))
    for label in ["strategy page", "action page", "funder report (with its chart)", "export (strategy, csv)", "JSON API targets (100)"]:
        budgets.append(verdict(by[label][1] <= 50, f"{label} p99 ≤ 50 ms", f"{by[label][1]:.1f} ms"))
    budgets.append(verdict(dash_rps >= 0.05 * floor, "dashboard throughput ≥ 5% of /health",
                           f"{dash_rps / floor * 100:.1f}% ({dash_rps:,.0f} of {floor:,.0f} requests/s)"))
    budgets.append(verdict(peak <= 150 * 1024, "server memory ≤ 150 MB", f"{peak / 1024:.0f} MiB"))
    budgets.append(verdict(import_s <= 3, "10,000-action import ≤ 3 s", f"{import_s:.1f} s"))
    budgets.append(verdict(import_rss <= 200 * 1024, "10,000-action import ≤ 200 MB", f"{import_rss / 1024:.0f} MiB"))
    budgets.append(verdict(first_page <= 300 * 1024, "wasm + JS for the first page ≤ 300 KB brotli", f"{first_page / 1024:.0f} KiB"))
    budgets.append(verdict(all(e == 0 for *_, e in by.values()), "no errors under load",
                           ", ".join(f"{k}: {v[2]}" for k, v in by.items() if v[2]) or "none"))
    budgets.append("- The SQL statements each page runs are counted by `app/tests/statements.rs` (part of the "
                   "test command), which fails when a page's count grows with the plan.")
    lines.append("")
    lines.append("Budgets:")
    lines.extend(budgets)
    text = "\n".join(lines)
    print(text)
    path = os.path.join(ROOT, "BENCHMARKS.md")
    kept = ""
    if os.path.exists(path):
        old = open(path).read()
        at = old.find("\n## Load and faults\n")
        if at >= 0:
            kept = "\n" + old[at + 1:]
    with open(path, "w") as f:
        f.write("# Benchmarks\n\nThe last run of `scripts/bench.sh` (see the README). Machines here are shared and noisy: "
                "compare pages by their ratio to `/health` in the same run rather than by absolute times.\n\n")
        f.write(text + "\n" + kept)


if __name__ == "__main__":
    main()
