#!/usr/bin/env python3
"""Load and faults (issue 9; not part of the test command; run scripts/load.sh).

1. Load: the large installation on SQLite, served by the release binary; 50 simulated members
   (each signed in as a different member account of the large installation) for 60 seconds,
   each looping over three reads (their forum's dashboard, "my updates", an action page) and one
   write (submitting the next quarter's update of one of their agency's targets). Counted: every
   request, every error (a 5xx, a dropped connection, or "database is locked" anywhere), every
   write the server acknowledged; afterwards every acknowledged write must be in the database.
2. Killed mid-import: `forumplan import` of a 10,000-action sheet is killed with SIGKILL while
   it writes; the database must pass `PRAGMA integrity_check` and hold none of the import.
3. Killed mid-burst: the server is killed with SIGKILL during a burst of writes from 16 threads;
   on restart the database must pass its integrity check and hold every write acknowledged
   before the kill.

With `--postgres URL` (scripts/load.sh --postgres starts the test cluster and passes it):
4. Two instances: the large installation in a fresh PostgreSQL database, served by two
   `forumplan serve` processes on one database; each member signs in on one instance and then
   works only against the other (so every session crosses), the same loop as 1; afterwards every
   acknowledged write must be in the database. The SQLite fault tests are not run in this mode.

Standard library only (and psql in the PostgreSQL mode). Prints what it measured and writes it
to BENCHMARKS.md's "Load and faults" (or "Two instances on PostgreSQL") section. `--users`,
`--seconds` change the load.
"""
import argparse
import datetime
import http.client
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release", "forumplan")
SITE = os.path.join(TARGET, "site")
HOST, PORT = "127.0.0.1", 3198
SECOND_PORT = 3197
WORK = os.environ.get("LOAD_DIR", "/tmp/forumplan-load")
PASSWORD = os.environ.get("FORUMPLAN_DEMO_PASSWORD", "forumplan-demo")


def log(*parts):
    print("==>", *parts, file=sys.stderr, flush=True)


class Store:
    """The database a run counts in: a SQLite file, or a PostgreSQL database through psql."""

    def __init__(self, sqlite_path=None, postgres_url=None):
        self.sqlite_path, self.postgres_url = sqlite_path, postgres_url

    def rows(self, sql, params=()):
        if self.sqlite_path:
            con = sqlite3.connect(self.sqlite_path)
            out = con.execute(sql, params).fetchall()
            con.close()
            return out
        # psql has no placeholders: the parameters here are our own numbers and dates, quoted.
        for p in params:
            sql = sql.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
        out = subprocess.run(["psql", self.postgres_url, "-AtqF", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             capture_output=True, text=True, check=True).stdout
        return [tuple(int(v) if re.fullmatch(r"-?\d+", v) else v for v in line.split("\t"))
                for line in out.splitlines() if line]


class Client:
    """One simulated person: a keep-alive connection to one instance and a session cookie."""

    def __init__(self, port=PORT):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookie = None

    def move_to(self, port):
        """Carries on against another instance, with the same session cookie."""
        self.conn.close()
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def send(self, method, path, body=None, headers=None):
        h = {"Host": f"{HOST}:{self.port}", "Accept-Encoding": "identity"}
        if self.cookie:
            h["Cookie"] = self.cookie
        h.update(headers or {})
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                return r.status, r.getheaders(), data
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
                if attempt == 2:
                    raise

    def post_fn(self, name, fields):
        return self.send("POST", f"/api/{name}", urllib.parse.urlencode(fields), {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
            "Origin": f"http://{HOST}:{self.port}"})

    def sign_in(self, email):
        status, headers, body = self.post_fn("sign_in", {"email": email, "password": PASSWORD})
        self.cookie = next((v.split(";")[0] for k, v in headers
                            if k.lower() == "set-cookie" and v.startswith("fp_session=")), None)
        if not self.cookie:
            sys.exit(f"signing in as {email} failed: {status} {body[:200]!r}")


def start_server(env, log_name, port=PORT):
    out = open(os.path.join(WORK, log_name), "a")
    server = subprocess.Popen([BIN, "serve", "--addr", f"{HOST}:{port}", "--no-demo"], env=env,
                              stdout=out, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            c = http.client.HTTPConnection(HOST, port, timeout=2)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    sys.exit("the server did not start: see " + out.name)


def integrity(db):
    con = sqlite3.connect(db)
    result = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    return result


def member_work(store, users):
    """(email, forum slug, [(target id, kind)], an action id) for `users` member accounts."""
    rows = store.rows(
        "SELECT u.email, f.slug, m.partner_id, f.id FROM app_user u JOIN membership m ON m.user_id = u.id "
        "JOIN forum f ON f.id = m.forum_id WHERE m.role = 'member' AND m.partner_id IS NOT NULL "
        "AND f.slug LIKE '%domestic-abuse-partnership' ORDER BY u.id LIMIT ?", (users,))
    out = []
    for email, slug, partner, forum_id in rows:
        targets = store.rows(
            "SELECT DISTINCT t.id, t.kind, a.id FROM target t JOIN action a ON a.id = t.action_id "
            "JOIN theme th ON th.id = a.theme_id JOIN strategy s ON s.id = th.strategy_id "
            "LEFT JOIN action_partner ap ON ap.action_id = a.id "
            "WHERE s.forum_id = ? AND (a.lead_partner_id = ? OR ap.partner_id = ?) ORDER BY t.id",
            (forum_id, partner, partner))
        out.append((email, slug, [(t, k) for t, k, _ in targets], targets[0][2] if targets else None))
    return out


def fields_for(kind, rng):
    if kind == "count":
        return {"value": str(rng.randint(0, 90))}
    if kind == "percentage":
        of = rng.randint(20, 200)
        return {"numerator": str(rng.randint(0, of)), "denominator": str(of)}
    return {"done": "yes"}


def write_update(client, slug, target, kind, period, rng):
    fields = {"forum": slug, "target": target, "period": period, "version": 0, "command": "submit",
              "narrative": "Recorded under load."}
    fields.update(fields_for(kind, rng))
    return client.post_fn("record_update", fields)


def load_test(store, users, seconds, ports=(PORT,)):
    """`users` members for `seconds`. With several instances, member i signs in on instance
    i mod n and then works against the next one, so each session is used where it was not made."""
    work = member_work(store, users)
    if len(work) < users:
        sys.exit(f"only {len(work)} member accounts with targets")
    clients = []
    for i, (email, *_) in enumerate(work):
        c = Client(ports[i % len(ports)])
        c.sign_in(email)
        c.move_to(ports[(i + 1) % len(ports)])
        clients.append(c)
    period = "2026-04-01"
    stats = {"requests": 0, "errors": 0, "locked": 0, "writes_sent": 0, "writes_acked": 0, "refused": 0}
    acked = []
    reasons = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    latencies = []

    def person(i):
        email, slug, targets, action = work[i]
        c = clients[i]
        rng = random.Random(i)
        mine = list(targets)
        reads = [f"/forums/{slug}/dashboard", f"/forums/{slug}/my-updates", f"/forums/{slug}/actions/{action}"]
        while time.monotonic() < deadline:
            for path in reads:
                started = time.monotonic()
                try:
                    status, _, body = c.send("GET", path)
                except OSError:
                    status, body = 599, b""
                with lock:
                    latencies.append(time.monotonic() - started)
                    stats["requests"] += 1
                    # Every read is of a page the member may see: anything else (a redirect
                    # to sign in included, as when a session does not carry) is an error.
                    if status != 200:
                        stats["errors"] += 1
                    if b"database is locked" in body:
                        stats["locked"] += 1
            if not mine:
                continue
            target, kind = mine.pop(0)
            try:
                status, _, body = write_update(c, slug, target, kind, period, rng)
            except OSError:
                status, body = 599, b""
            with lock:
                stats["requests"] += 1
                stats["writes_sent"] += 1
                if status == 200:
                    stats["writes_acked"] += 1
                    acked.append(target)
                elif status >= 500:
                    stats["errors"] += 1
                else:
                    stats["refused"] += 1
                    reason = f"{status} {body[:160].decode('utf-8', 'replace')}"
                    reasons[reason] = reasons.get(reason, 0) + 1
                if b"database is locked" in body:
                    stats["locked"] += 1

    threads = [threading.Thread(target=person, args=(i,)) for i in range(users)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    present = {r[0] for r in store.rows(
        "SELECT target_id FROM progress_update WHERE period_start = ?", (period,))}
    missing = [t for t in acked if t not in present]
    for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
        log(f"refused {n}×: {reason}")
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
    return stats, elapsed, len(missing), p(0.5), p(0.99)


def killed_mid_import(env):
    db = os.path.join(WORK, "import-kill.db")
    e = dict(env, DATABASE_URL=f"sqlite://{db}?mode=rwc")
    subprocess.run([BIN, "demo"], env=e, check=True, capture_output=True)
    sheet = os.path.join(WORK, "plan-10000.csv")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen-import-sheet.py"), "10000", sheet],
                   check=True, capture_output=True)
    con = sqlite3.connect(db)
    before = con.execute("SELECT COUNT(*) FROM action").fetchone()[0]
    con.close()
    # Kill it once it has been writing for a while: well into its transaction.
    p = subprocess.Popen([BIN, "import", sheet, "--forum", "wolverhampton", "--strategy", "dv-strategy-2005-2007"],
                         env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = db + "-wal"
    waited = 0.0
    while waited < 20 and p.poll() is None:
        if os.path.exists(wal) and os.path.getsize(wal) > 4 * 1024 * 1024:
            break
        time.sleep(0.05)
        waited += 0.05
    finished_first = p.poll() is not None
    p.send_signal(signal.SIGKILL)
    p.wait()
    wal_size = os.path.getsize(wal) if os.path.exists(wal) else 0
    check = integrity(db)
    con = sqlite3.connect(db)
    after = con.execute("SELECT COUNT(*) FROM action").fetchone()[0]
    con.close()
    return check, before, after, wal_size, finished_first


def killed_mid_burst(env, db):
    server = start_server(env, "burst-server.log")
    work = member_work(Store(sqlite_path=db), 16)
    # The quarter being reported (the only one open); the load test took targets from the
    # front of each member's list, this takes them from the back.
    period = "2026-04-01"
    acked = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(i):
        email, slug, targets, _ = work[i]
        c = Client()
        try:
            c.sign_in(email)
        except OSError:
            return  # killed before this member had signed in: nothing of theirs acknowledged
        rng = random.Random(100 + i)
        for target, kind in reversed(targets):
            if stop.is_set():
                return
            try:
                status, _, _ = write_update(c, slug, target, kind, period, rng)
            except OSError:
                return
            if status == 200:
                with lock:
                    acked.append(target)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    # Kill it once writes are being acknowledged (signing in takes a moment), mid-burst.
    waited = 0.0
    while waited < 30:
        with lock:
            if len(acked) >= 40:
                break
        time.sleep(0.05)
        waited += 0.05
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for t in threads:
        t.join()
    with lock:
        acknowledged = list(acked)
    check = integrity(db)
    server = start_server(env, "burst-server.log")
    server.terminate()
    server.wait()
    con = sqlite3.connect(db)
    present = {r[0] for r in con.execute(
        "SELECT target_id FROM progress_update WHERE period_start = ? AND narrative = 'Recorded under load.'", (period,))}
    con.close()
    missing = [t for t in acknowledged if t not in present]
    return check, len(acknowledged), len(missing), len(present)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--postgres", metavar="URL",
                        help="a PostgreSQL server's URL: run the two-instance test in a fresh database there")
    args = parser.parse_args()
    if not os.access(BIN, os.X_OK):
        sys.exit(f"no {BIN}: run scripts/load.sh (it builds the release)")
    subprocess.run(["rm", "-rf", WORK], check=True)
    os.makedirs(WORK)
    if args.postgres:
        return two_instances(args)
    db = os.path.join(WORK, "load.db")
    env = dict(os.environ, DATABASE_URL=f"sqlite://{db}?mode=rwc", LEPTOS_SITE_ROOT=SITE,
               FORUMPLAN_DEMO_PASSWORD=PASSWORD, RUST_LOG="warn")
    log("the large installation")
    subprocess.run([BIN, "demo", "--size", "large"], env=env, check=True, capture_output=True)

    log(f"load: {args.users} members for {args.seconds} s")
    server = start_server(env, "server.log")
    try:
        stats, elapsed, missing, p50, p99 = load_test(Store(sqlite_path=db), args.users, args.seconds)
    finally:
        server.terminate()
        server.wait()
    log("killed in the middle of an import")
    imp_check, imp_before, imp_after, imp_wal, imp_finished = killed_mid_import(env)
    log("killed in the middle of a burst of writes")
    burst_check, burst_acked, burst_missing, burst_present = killed_mid_burst(env, db)

    ok = lambda b: "PASS" if b else "FAIL"
    lines = [
        f"The last run of `scripts/load.sh --users {args.users} --seconds {args.seconds}` "
        f"({datetime.date.today().isoformat()}, the same machine as above).",
        "",
        f"- Load: {args.users} members for {elapsed:.0f} s on SQLite, each looping over three reads and one "
        f"submitted update: {stats['requests']:,} requests ({stats['requests'] / elapsed:,.0f}/s; reads p50 {p50:.1f} ms, "
        f"p99 {p99:.1f} ms), {stats['writes_sent']:,} writes of which {stats['writes_acked']:,} acknowledged "
        f"and {stats['refused']} refused; {stats['errors']} errors, {stats['locked']} \"database is locked\". "
        f"{ok(stats['errors'] == 0 and stats['locked'] == 0)}",
        f"- Every acknowledged write present afterwards: {stats['writes_acked'] - missing:,} of {stats['writes_acked']:,}. "
        f"{ok(missing == 0)}",
        f"- Killed with SIGKILL in the middle of importing 10,000 actions (its WAL at {imp_wal / 1048576:.0f} MiB"
        f"{', but it had already finished' if imp_finished else ''}): integrity check `{imp_check}`, actions "
        f"{imp_before} before and {imp_after} after (the import is absent, not half there). "
        f"{ok(imp_check == 'ok' and imp_before == imp_after and not imp_finished)}",
        f"- Killed with SIGKILL during a burst of writes from 16 members: integrity check `{burst_check}`; "
        f"{burst_acked} writes acknowledged before the kill, {burst_acked - burst_missing} of them present on restart "
        f"({burst_present} rows for that quarter in all, the load test's among them). "
        f"{ok(burst_check == 'ok' and burst_missing == 0 and burst_acked > 0)}",
    ]
    write_section("Load and faults", lines)


def write_section(title, lines):
    """Prints a section and puts it in BENCHMARKS.md in place of the last run's."""
    text = "\n".join([f"## {title}", ""] + lines)
    print(text)
    path = os.path.join(ROOT, "BENCHMARKS.md")
    current = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    sections = re.split(r"\n(?=## )", current)
    kept = [x.rstrip() for x in sections if not x.startswith(f"## {title}\n")]
    with open(path, "w") as f:
        f.write("\n\n".join(kept + [text]) + "\n")


def two_instances(args):
    """Item 6: two serve processes on one PostgreSQL database, sessions used across them."""
    admin = args.postgres
    name = "forumplan_load"
    base = admin.rsplit("/", 1)[0]
    url = f"{base}/{name}"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True, capture_output=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    env = dict(os.environ, DATABASE_URL=url, LEPTOS_SITE_ROOT=SITE, FORUMPLAN_DEMO_PASSWORD=PASSWORD,
               RUST_LOG="warn")
    log("the large installation, on PostgreSQL")
    subprocess.run([BIN, "migrate"], env=env, check=True, capture_output=True)
    subprocess.run([BIN, "demo", "--size", "large"], env=env, check=True, capture_output=True)
    ports = (PORT, SECOND_PORT)
    log(f"two instances on {ports}; load: {args.users} members for {args.seconds} s, each session used "
        "on the instance it was not made on")
    servers = [start_server(env, f"server-{p}.log", p) for p in ports]
    try:
        stats, elapsed, missing, p50, p99 = load_test(Store(postgres_url=url), args.users, args.seconds, ports)
    finally:
        for s in servers:
            s.terminate()
            s.wait()
    ok = lambda b: "PASS" if b else "FAIL"
    write_section("Two instances on PostgreSQL", [
        f"The last run of `scripts/load.sh --postgres --users {args.users} --seconds {args.seconds}` "
        f"({datetime.date.today().isoformat()}, the same machine as above): the large installation in one "
        f"PostgreSQL database, served by two `forumplan serve` processes (ports {ports[0]} and {ports[1]}). "
        "Each member signs in on one and then works only against the other.",
        "",
        f"- {stats['requests']:,} requests in {elapsed:.0f} s ({stats['requests'] / elapsed:,.0f}/s; reads p50 "
        f"{p50:.1f} ms, p99 {p99:.1f} ms); {stats['errors']} errors (any read not answered 200, a redirect to "
        f"sign in included, or a 5xx). {ok(stats['errors'] == 0)}",
        f"- {stats['writes_sent']:,} writes, {stats['writes_acked']:,} acknowledged and {stats['refused']} refused; "
        f"every acknowledged write present afterwards: {stats['writes_acked'] - missing:,} of "
        f"{stats['writes_acked']:,}. {ok(missing == 0 and stats['writes_acked'] > 0)}",
    ])


if __name__ == "__main__":
    main()
