#!/usr/bin/env python3
"""The libvipps benchmark: libvipps against the clients a shop would otherwise write,
all talking to the same nginx peer over TLS with keep-alive; then vipps-sim's throughput.

    python3 bench/run.py            # what `make bench` runs
    BENCH_QUICK=1 python3 bench/run.py   # tiny N, one repeat: `make test-bench` (no timing asserted)

Steps: a throwaway CA and server certificate; nginx with fixed JSON (bench/nginx); the clients
(bench/clients) built; each client run once against a recording server to check that it sends
the requests and header names libvipps sends; then, interleaved so that the machine's noise hits
all alike: keep-alive runs (CPU time per request, requests per second), the same on ePayment for
the clients that speak it (BENCH_API=epayment: a details call is GET payment + GET events), cold
starts, a long run for RSS, one vs two threads, and wrk against vipps-sim and nginx (bench/wrk),
on eCom's details and on ePayment's GET payment.

The CPU ratios against libcurl are taken per repeat (each run over the libcurl run just before
it), so that a slow spell of a shared machine hits both sides of a ratio; the table shows their
min / median / max and a target reads the median.

The PHP request target reads the page with a persistent client minus an empty page served by the
same PHP worker in the same repeat, against a warm call in that worker (a page of several details
calls, less an empty page, per call): the empty page is PHP's own request start-up, which is the
same whatever a page calls and which no library can remove. The whole page's ratio is printed
beside it.

Prints one table with pass/miss against the targets (TARGETS below) and writes it to
build/bench/results.md and results.json (results-quick.* for BENCH_QUICK). A miss is work to do,
not an error: the exit status is non-zero only when the harness itself fails (a client errs or
sends other headers, the peer does not start).

Settings (environment):
    BENCH_N         details calls per timed run (default 20000)
    BENCH_REPEATS   runs per client; the table shows min / median / max (default 3)
    BENCH_COLD      fresh processes per client for the cold start (default 20)
    BENCH_RSS_N     calls of the memory run (default 100000; RSS is read after 1000 and after it)
    BENCH_WRK_S     seconds of each wrk run (default 5)
    BENCH_STAGE     where `make stage` installed libvipps (default build/stage)
    BENCH_SIM       the vipps-sim binary (default .build/debug/vipps-sim)
    BENCH_PHP_REQUESTS     requests per run of the PHP request rows (default 2000)
    BENCH_SHARE_PROCESSES, BENCH_SHARE_CALLS   the token-sharing run (default 16 x 1000)
    BENCH_PIN       1 (default): the single-threaded runs put each client and nginx on one CPU;
                    0: anywhere

Python 3 standard library only: the Python clients run in their own venv (build/bench/venv).
"""

import json
import os
import platform
import re
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = ROOT / "build" / "bench"
# This run's certificates, nginx, simulator and client binaries: a directory per process, because
# several `make test` may run at once in one checkout on a shared machine, and one run's new CA
# must not meet another's nginx. Removed after a successful run; kept (with the logs) otherwise.
WORK = OUT / f"run-{os.getpid()}"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")


def setting(name, full, quick):
    return int(os.environ.get(name, quick if QUICK else full))


N = setting("BENCH_N", 20000, 200)
REPEATS = setting("BENCH_REPEATS", 3, 1)
COLD_RUNS = setting("BENCH_COLD", 20, 2)
RSS_N = setting("BENCH_RSS_N", 100000, 200)
RSS_FIRST = 1000 if RSS_N > 1000 else RSS_N // 2
WRK_SECONDS = setting("BENCH_WRK_S", 5, 1)
WRK_REPEATS = REPEATS
# PHP requests per timed run of the request rows, and the token-sharing run's processes x calls.
PHP_REQUESTS = setting("BENCH_PHP_REQUESTS", 2000, 20)
# Details calls per page of the PHP rows' warm mode: enough that the page's own start-up, which is
# subtracted, is a small part of what is measured.
WARM_CALLS = 20
SHARE_PROCESSES = setting("BENCH_SHARE_PROCESSES", 16, 4)
SHARE_CALLS = setting("BENCH_SHARE_CALLS", 1000, 20)
# The single-threaded runs put a client and its peer on one CPU (BENCH_PIN=0: anywhere). On a
# virtual machine, a request and its answer between processes on two CPUs wake an idle virtual CPU
# for every message, a cost that the host's other guests decide and that the client is charged
# for: it moved a details call's CPU time several-fold from one minute to the next, same binaries.
# On one CPU the processes hand over directly and the figure is the client's own work. The thread
# runs and wrk use every CPU.
ALL_CPUS = os.sched_getaffinity(0)
PIN = setting("BENCH_PIN", 1, 1) != 0 and len(ALL_CPUS) > 1
SHARED_CPU = {max(ALL_CPUS)} if PIN else None
STAGE = Path(os.environ.get("BENCH_STAGE", ROOT / "build" / "stage")).resolve()
SIM = Path(os.environ.get("BENCH_SIM", ROOT / ".build" / "debug" / "vipps-sim")).resolve()

# The order every client reads and the credentials it sends (the nginx peer checks nothing; the
# simulator checks what its start-up options say).
ORDER_ID = "bench-order-1"
# vipps-sim's ePayment payment of the same history (a reference may not be taken by both APIs).
EPAYMENT_REFERENCE = "bench-epayment-1"
SIM_CREDENTIALS = {"client_id": "vipps-sim-client", "client_secret": "vipps-sim-secret",
                   "subscription_key": "vipps-sim-subscription-key", "msn": "123456"}

# The performance targets libvipps is held to: (key, text, test on the figure). Figures are ratios or kB.
TARGETS = [
    ("cpu_vs_libcurl", "CPU per keep-alive request <= 1.0x libcurl", lambda v: v <= 1.0, "{:.2f}x"),
    ("cheaper_than_requests", "CPU per request >= 5x cheaper than Python requests", lambda v: v >= 5.0, "{:.1f}x cheaper"),
    ("cold_vs_libcurl", "cold start <= 1.5x the libcurl program", lambda v: v <= 1.5, "{:.2f}x"),
    ("rss_growth_kb", f"RSS growth <= 1 MB between {RSS_FIRST} and {RSS_N} calls", lambda v: v <= 1024, "{:+.0f} kB"),
    ("threads_speedup", "two threads >= 1.7x one thread", lambda v: v >= 1.7, "{:.2f}x"),
    ("sim_details_share", "vipps-sim details >= 30% of nginx static throughput", lambda v: v >= 0.30, "{:.0%}"),
    # Where shops run (docs/token-sharing.md): many processes, PHP requests, Python.
    ("c_vs_libcurl_08", "C libvipps CPU per details <= 0.8x libcurl", lambda v: v <= 0.8, "{:.2f}x"),
    ("php_vs_libcurl", "PHP extension CPU per details <= 0.9x libcurl", lambda v: v <= 0.9, "{:.2f}x"),
    ("py_vs_libcurl", "py-libvipps CPU per details <= 1.0x libcurl", lambda v: v <= 1.0, "{:.2f}x"),
    ("php_request_vs_warm", "PHP request with a persistent client <= 1.2x a warm call's CPU (the page minus an "
     "empty page)", lambda v: v <= 1.2, "{:.2f}x"),
    ("epayment_c_vs_libcurl", "ePayment: C libvipps CPU per details (GET payment + events) <= 1.0x libcurl",
     lambda v: v <= 1.0, "{:.2f}x"),
    ("shared_token_fetches", f"token fetches for {SHARE_PROCESSES} processes x {SHARE_CALLS} calls on the file "
     "store == 1", lambda v: v == 1, "{:.0f}"),
]


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(command, input_bytes=None, **options):
    """Runs a command that must succeed, with its output shown only when it fails."""
    result = subprocess.run(command, capture_output=True, input=input_bytes, **options)
    stdout, stderr = result.stdout.decode(errors="replace"), result.stderr.decode(errors="replace")
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, command))} failed ({result.returncode}):\n{stdout}{stderr}")
    return stdout


def spread(values):
    """min / median / max of a list of numbers."""
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def paired_ratios(runs, base_runs):
    """min / median / max of each repeat's CPU per call over its baseline's in the same repeat.

    The runs of one repeat lie seconds apart, the repeats minutes: a spell in which the shared
    machine is slower hits both sides of a pair, so the ratio moves less than either figure."""
    return spread([(r["cpu_s"] / r["n"]) / (b["cpu_s"] / b["n"]) for r, b in zip(runs, base_runs, strict=True)])


# ---------------------------------------------------------------------------------------------
# Set-up: certificates, nginx, clients
# ---------------------------------------------------------------------------------------------

def make_certificates():
    """A throwaway CA and a server certificate for 127.0.0.1 (ECDSA P-256), made fresh each run."""
    tls = WORK / "tls"
    tls.mkdir(parents=True, exist_ok=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run(["openssl", "req", "-x509", *ec, "-keyout", tls / "ca.key", "-out", tls / "ca.pem", "-days", "7",
         "-subj", "/CN=libvipps bench CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    run(["openssl", "req", *ec, "-keyout", tls / "server.key", "-out", tls / "server.csr",
         "-subj", "/CN=127.0.0.1"])
    (tls / "server.ext").write_text("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                                    "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n")
    run(["openssl", "x509", "-req", "-in", tls / "server.csr", "-CA", tls / "ca.pem", "-CAkey", tls / "ca.key",
         "-CAcreateserial", "-out", tls / "server.pem", "-days", "7", "-extfile", tls / "server.ext"])
    return tls


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    sys.exit(f"bench: {what} did not start listening within {seconds} s")


# The fixed answers nginx serves (and the header check's recorder), by their placeholder in
# nginx.conf.in, read once. Each was taken from what vipps-sim answers for the same payment
# history, so that both peers send bodies of the same size (the ePayment ones with the clients'
# order as their reference: libvipps reads the events of the reference the payment names).
NGINX_BODIES = {key: (BENCH / "nginx" / name).read_text().strip() for key, name in {
    "TOKEN_JSON": "token.json", "DETAILS_JSON": "details.json",
    "EPAYMENT_PAYMENT_JSON": "epayment-payment.json", "EPAYMENT_EVENTS_JSON": "epayment-events.json"}.items()}


class Nginx:
    """nginx as the current user, with a generated config and every file under build/bench/nginx."""

    def __init__(self, tls):
        self.dir = WORK / "nginx"
        for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        shutil.copy(tls / "server.pem", self.dir / "server.pem")
        shutil.copy(tls / "server.key", self.dir / "server.key")
        self.process = None
        self.port = None
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"

    def start(self):
        for _ in range(5):  # another process may take the free port before nginx binds it
            self.port = free_port()
            config = (BENCH / "nginx" / "nginx.conf.in").read_text()
            for key, value in {"DIR": str(self.dir), "PORT": str(self.port), **NGINX_BODIES}.items():
                config = config.replace(f"@{key}@", value)
            (self.dir / "nginx.conf").write_text(config)
            self.process = subprocess.Popen([self.binary, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"),
                                             "-e", str(self.dir / "nginx-error.log")],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                            start_new_session=True)
            if wait_for_port(self.port, self.process, "nginx"):
                return f"https://127.0.0.1:{self.port}"
        sys.exit(f"bench: nginx did not start; see {self.dir / 'nginx-error.log'}")

    def pids(self):
        """The master's pid and its workers'."""
        pids = [self.process.pid]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                        pids.append(int(entry.name))
                except (OSError, ValueError, IndexError):
                    continue
        return pids

    def run_on(self, cpus):
        for pid in self.pids():
            os.sched_setaffinity(pid, cpus)

    def cpu_seconds(self):
        """CPU time (user + system) of nginx's master and workers so far, from /proc: the peer's
        cost per request is checked to be small and alike for every client."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # After the command name: state, ppid, ..., utime (field 14) and stime (15) of stat(5).
            pid, ppid = int(entry.name), int(fields[1])
            if pid == self.process.pid or ppid == self.process.pid:
                total += int(fields[11]) + int(fields[12])
        return total / ticks

    def version(self):
        out = subprocess.run([self.binary, "-v"], capture_output=True, text=True)
        return (out.stderr or out.stdout).strip().split("/")[-1]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: workers finish, then exit
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def pkg_config(*arguments, env=None):
    return run(["pkg-config", *arguments], env=env).split()


def build_clients():
    """Compiles the C clients, builds the PHP extension if absent, makes the Python venv."""
    bin_dir = WORK / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    flags = ["-std=c99", "-D_POSIX_C_SOURCE=200809L", "-O2", "-Wall", "-Wextra", "-Werror", "-I", str(BENCH / "clients")]
    vipps_env = {**os.environ, "PKG_CONFIG_PATH": str(STAGE / "lib" / "pkgconfig")}
    if not (STAGE / "lib" / "libvipps.so.0").exists():
        sys.exit(f"bench: libvipps is not staged in {STAGE}: run make stage")
    # Built the way a shop builds against libvipps: the installed header and library via pkg-config.
    run(["gcc", *flags, "-o", bin_dir / "c_libvipps", BENCH / "clients" / "c_libvipps.c",
         *pkg_config("--cflags", "--libs", "vipps", env=vipps_env), f"-Wl,-rpath,{STAGE / 'lib'}", "-lpthread"])
    run(["gcc", *flags, "-o", bin_dir / "c_libcurl", BENCH / "clients" / "c_libcurl.c",
         *pkg_config("--cflags", "--libs", "libcurl", "json-c"), "-lpthread"])

    extension = ROOT / "bindings" / "php" / "ext" / "modules" / "vipps.so"
    if not extension.exists():
        log("building the PHP extension (bindings/php/ext)")
        ext_dir = extension.parent.parent
        if not (ext_dir / "configure").exists():
            run(["phpize"], cwd=ext_dir, env=vipps_env)
        if not (ext_dir / "Makefile").exists():
            run(["./configure", "--with-vipps"], cwd=ext_dir, env=vipps_env)
        run(["make", f"-j{os.cpu_count() or 1}"], cwd=ext_dir, env=vipps_env)

    venv = OUT / "venv"
    python = venv / "bin" / "python"
    if not (venv / ".requests").exists():
        log(f"making {venv} with requests")
        run([sys.executable, "-m", "venv", venv])
        run([python, "-m", "pip", "install", "--quiet", "requests"])
        (venv / ".requests").touch()
    return {"bin": bin_dir, "python": python, "php_extension": extension}


def client_commands(built):
    """How to start each client: the program and the environment it needs."""
    clients = BENCH / "clients"
    python_env = {"PYTHONPATH": f"{clients}:{ROOT / 'bindings' / 'python' / 'src'}",
                  "VIPPS_LIBRARY": str(STAGE / "lib" / "libvipps.so.0")}
    # -n: no php.ini, so that only the extensions under test are loaded (curl, or vipps).
    php = ["php", "-n", "-d", "extension=curl"]
    return {
        # The libvipps clients right after the libcurl run their CPU ratios are taken against.
        "c-libcurl": ([built["bin"] / "c_libcurl"], {}),
        "c-libvipps": ([built["bin"] / "c_libvipps"], {}),
        "php-libvipps": ([*php, "-d", f"extension={built['php_extension']}", clients / "php_libvipps.php"], {}),
        "py-libvipps": ([built["python"], clients / "py_libvipps.py"], python_env),
        "php-curl": ([*php, clients / "php_curl.php"], {}),
        "py-requests": ([built["python"], clients / "py_requests.py"], python_env),
    }


# The clients that also run on ePayment, where a details call is two GETs (the payment, then its
# events) for libvipps and for the libcurl program alike.
EPAYMENT_CLIENTS = ("c-libcurl", "c-libvipps", "py-libvipps", "php-libvipps")


def epayment_commands(commands):
    return {name: (program, {**env, "BENCH_API": "epayment"})
            for name, (program, env) in commands.items() if name in EPAYMENT_CLIENTS}


# ---------------------------------------------------------------------------------------------
# Same requests, same headers: checked, not assumed
# ---------------------------------------------------------------------------------------------

class HeaderRecorder:
    """A small TLS server that answers like the nginx peer and records each request's line and
    headers, so that every client can be compared with libvipps before anything is timed."""

    def __init__(self, tls):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(tls / "server.pem", tls / "server.key")
        self.bodies = {key: body.encode() for key, body in NGINX_BODIES.items()}
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.requests = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(connection,), daemon=True).start()

    def serve(self, connection):
        try:
            with self.context.wrap_socket(connection, server_side=True) as tls:
                pending = b""
                while True:
                    while b"\r\n\r\n" not in pending:
                        data = tls.recv(65536)
                        if not data:
                            return
                        pending += data
                    head, pending = pending.split(b"\r\n\r\n", 1)
                    lines = head.decode("latin-1").split("\r\n")
                    # Names in lower case (HTTP does not care), values exact; order ignored.
                    fields = sorted((name.strip().lower(), value.strip())
                                    for name, value in (line.split(":", 1) for line in lines[1:]))
                    self.requests.append((lines[0], fields))
                    length = next((int(line.split(":", 1)[1]) for line in lines[1:]
                                   if line.lower().startswith("content-length:")), 0)
                    pending = pending[length:]
                    body = self.bodies[self.body_for(lines[0].split(" ")[1] if " " in lines[0] else "")]
                    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\n"
                                b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        except (OSError, ssl.SSLError):
            return

    @staticmethod
    def body_for(path):
        """The placeholder of the answer nginx.conf.in gives this path."""
        if path.startswith("/accesstoken/"):
            return "TOKEN_JSON"
        if path.startswith("/epayment/"):
            return "EPAYMENT_EVENTS_JSON" if path.endswith("/events") else "EPAYMENT_PAYMENT_JSON"
        return "DETAILS_JSON"

    def close(self):
        self.server.close()


def check_headers(commands, tls):
    """Runs each client once (token + two details calls) and fails unless each sends the very
    request lines and headers (names and values) libvipps sends."""
    recorder = HeaderRecorder(tls)
    seen = {}
    try:
        clients = Clients(commands, f"https://127.0.0.1:{recorder.port}", tls / "ca.pem")
        for name in commands:
            recorder.requests = []
            clients.run(name, 1)
            seen[name] = recorder.requests
    finally:
        recorder.close()
    reference = seen["c-libvipps"]
    for name, requests in seen.items():
        if requests != reference:
            sys.exit(f"bench: {name} does not send what libvipps sends:\n  libvipps: {reference}\n  {name}: {requests}")
    return reference


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------

class Clients:
    def __init__(self, commands, url, ca, peer=None, cpus=None):
        """cpus: the CPUs each client process may run on (None: any)."""
        self.commands, self.url, self.ca, self.peer, self.cpus = commands, url, ca, peer, cpus

    def run(self, name, n, threads=1, checkpoints=()):
        """One client process; returns its JSON report plus the whole process's wall and CPU."""
        program, extra_env = self.commands[name]
        command = [*map(str, program), self.url, str(self.ca), str(n), str(threads), ",".join(map(str, checkpoints))]
        peer_cpu = self.peer.cpu_seconds() if self.peer else 0.0
        started = time.perf_counter()
        cpus = self.cpus
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env={**os.environ, **extra_env},
                                   preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None)
        # wait4 gives the child's own rusage: the cold start's CPU, start-up included.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout, stderr = process.stdout.read().decode(), process.stderr.read().decode()
        process.stdout.close()
        process.stderr.close()
        if process.returncode != 0:
            sys.exit(f"bench: client {name} failed ({process.returncode}): {' '.join(command)}\n{stdout}{stderr}")
        try:
            report = json.loads(stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            sys.exit(f"bench: client {name} printed no JSON line:\n{stdout}{stderr}")
        report["process_wall_s"] = elapsed
        report["peer_cpu_s"] = (self.peer.cpu_seconds() - peer_cpu) if self.peer else None
        report["process_cpu_s"] = usage.ru_utime + usage.ru_stime
        return report


def keepalive_runs(clients, names, label=""):
    """Every client REPEATS times, interleaved so that a noisy spell hits all of them alike."""
    reports = {name: [] for name in names}
    for repeat in range(REPEATS):
        for name in names:
            report = clients.run(name, N, checkpoints=(RSS_FIRST, N) if N >= RSS_FIRST else ())
            reports[name].append(report)
            log(f"run {repeat + 1}/{REPEATS} {label}{name}: {1e6 * report['cpu_s'] / N:.1f} us CPU/request, "
                f"{N / report['wall_s']:.0f} req/s")
    return reports


def cold_runs(clients, names):
    """Fresh processes doing load + client + token + first details (N=0), interleaved."""
    reports = {name: [] for name in names}
    for _ in range(COLD_RUNS):
        for name in names:
            reports[name].append(clients.run(name, 0))
    return reports


def wrk(url, script, seconds, env):
    """One wrk run (one thread, 8 connections); returns requests/s and the count of errors."""
    command = ["wrk", "-t1", "-c8", f"-d{seconds}s", "-s", str(BENCH / "wrk" / script), url]
    out = run(command, env={**os.environ, **env})
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    if socket_errors:
        errors += sum(int(g) for g in socket_errors.groups())
    return {"requests_per_s": rate, "errors": errors}


class Simulator:
    """vipps-sim on a free loopback port, as scripts/with-simulator.sh starts it."""

    def __init__(self, name="sim", credentials=None):
        self.dir = WORK / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.process = None
        self.credentials = credentials or SIM_CREDENTIALS

    def start(self):
        out = self.dir / "vipps-sim.out"
        c = self.credentials
        options = ["--client-id", c["client_id"], "--client-secret", c["client_secret"],
                   "--subscription-key", c["subscription_key"], "--merchant-serial-number", c["msn"]]
        with open(out, "w") as stdout, open(self.dir / "vipps-sim.log", "w") as stderr:
            self.process = subprocess.Popen([str(SIM), "--port", "0", "--state-dir", str(self.dir), *options],
                                            stdout=stdout, stderr=stderr, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            text = out.read_text()
            url = re.search(r"^vipps-sim .* listening on (\S+)$", text, re.M)
            ca = re.search(r"^vipps-sim CA certificate: (.+)$", text, re.M)
            if url and ca:
                self.url, self.ca = url.group(1), ca.group(1).strip()
                return
            if self.process.poll() is not None:
                sys.exit(f"bench: vipps-sim exited; see {self.dir / 'vipps-sim.log'}")
            time.sleep(0.1)
        sys.exit("bench: vipps-sim did not start within 60 s")

    def request(self, method, path, headers, body=None):
        context = ssl.create_default_context(cafile=self.ca)
        data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        if body is not None:
            request.add_header("Content-Type", "application/json;charset=UTF-8")
        with urllib.request.urlopen(request, context=context, timeout=30) as answer:
            return json.loads(answer.read() or b"null")

    def reset(self):
        """Forgets every payment (POST /sim/v1/reset): each run starts from the same empty store,
        not one grown by the previous initiate run."""
        self.request("POST", "/sim/v1/reset", {})

    def prepare(self):
        """A token, and an order with the same history as the nginx answer: initiated, approved,
        part captured, part refunded (so both peers send a four-entry details body)."""
        common = {"Accept": "application/json", "Ocp-Apim-Subscription-Key": self.credentials["subscription_key"],
                  "Merchant-Serial-Number": self.credentials["msn"], "Vipps-System-Name": "libvipps",
                  "Vipps-System-Version": "0.2.0", "Vipps-System-Plugin-Name": "libvipps",
                  "Vipps-System-Plugin-Version": "0.2.0"}
        token = self.request("POST", "/accesstoken/get", {**common, "client_id": self.credentials["client_id"],
                                                          "client_secret": self.credentials["client_secret"]})
        auth = {**common, "Authorization": f"Bearer {token['access_token']}"}
        merchant = {"merchantSerialNumber": self.credentials["msn"]}
        initiation = self.request("POST", "/ecomm/v2/payments", auth, {
            "customerInfo": {"mobileNumber": "91234567"},
            "merchantInfo": {**merchant, "callbackPrefix": "https://shop.example/vipps",
                             "fallBack": "https://shop.example/order/1"},
            "transaction": {"orderId": ORDER_ID, "amount": 49900, "transactionText": "One pair of socks"}})
        landing_token = re.search(r"[?&]token=([^&]+)", initiation["url"]).group(1)
        self.request("POST", f"/ecomm/v2/integration-test/payments/{ORDER_ID}/approve", auth,
                     {"customerPhoneNumber": "91234567", "token": landing_token})
        for operation, amount, text in (("capture", 20000, "Shipped part 1"), ("refund", 5000, "Returned one")):
            self.request("POST", f"/ecomm/v2/payments/{ORDER_ID}/{operation}",
                         {**auth, "X-Request-Id": f"{ORDER_ID}-{operation}-1"},
                         {"merchantInfo": merchant, "transaction": {"amount": amount, "transactionText": text}})
        details = self.request("GET", f"/ecomm/v2/payments/{ORDER_ID}/details", auth)
        assert len(details["transactionLogHistory"]) == 4, details
        self.prepare_epayment(auth)
        return token["access_token"]

    def prepare_epayment(self, auth):
        """The same history on ePayment (EPAYMENT_REFERENCE): created, approved, part captured,
        part refunded, so that GET payment answers what nginx's epayment-payment.json holds."""
        path = f"/epayment/v1/payments/{EPAYMENT_REFERENCE}"
        self.request("POST", "/epayment/v1/payments", {**auth, "Idempotency-Key": f"{EPAYMENT_REFERENCE}-create"}, {
            "amount": {"currency": "NOK", "value": 49900}, "paymentMethod": {"type": "WALLET"},
            "customer": {"phoneNumber": "4791234567"}, "reference": EPAYMENT_REFERENCE,
            "userFlow": "WEB_REDIRECT", "returnUrl": "https://shop.example/order/1",
            "paymentDescription": "One pair of socks"})
        self.request("POST", f"/epayment/v1/test/payments/{EPAYMENT_REFERENCE}/approve", auth, {})
        for operation, amount in (("capture", 20000), ("refund", 5000)):
            self.request("POST", f"{path}/{operation}", {**auth, "Idempotency-Key": f"{EPAYMENT_REFERENCE}-{operation}"},
                         {"modificationAmount": {"currency": "NOK", "value": amount}})
        events = self.request("GET", f"{path}/events", auth)
        assert len(events) == 4, events

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def throughput_runs(nginx_url, sim):
    """wrk against nginx's fixed details, vipps-sim's details and vipps-sim's initiate, and the same
    for ePayment's GET payment, interleaved."""
    details_path = f"/ecomm/v2/payments/{ORDER_ID}/details"
    epayment_path = f"/epayment/v1/payments/{EPAYMENT_REFERENCE}"
    runs = {"nginx-details": [], "sim-details": [], "sim-initiate": [], "nginx-epayment-get": [],
            "sim-epayment-get": []}
    for repeat in range(WRK_REPEATS):
        sim.reset()
        token = sim.prepare()
        wrk_env = {"BENCH_TOKEN": token, "BENCH_SUBSCRIPTION_KEY": SIM_CREDENTIALS["subscription_key"],
                   "BENCH_MSN": SIM_CREDENTIALS["msn"], "BENCH_ORDER_ID": ORDER_ID}
        runs["nginx-details"].append(wrk(nginx_url + details_path, "details.lua", WRK_SECONDS, wrk_env))
        runs["sim-details"].append(wrk(sim.url + details_path, "details.lua", WRK_SECONDS, wrk_env))
        runs["sim-initiate"].append(wrk(sim.url + "/ecomm/v2/payments", "initiate.lua", WRK_SECONDS,
                                        {**wrk_env, "BENCH_RUN": f"{os.getpid()}-{repeat}"}))
        runs["nginx-epayment-get"].append(wrk(nginx_url + epayment_path, "details.lua", WRK_SECONDS, wrk_env))
        runs["sim-epayment-get"].append(wrk(sim.url + epayment_path, "details.lua", WRK_SECONDS, wrk_env))
        log(f"wrk {repeat + 1}/{WRK_REPEATS}: " + ", ".join(f"{k} {v[-1]['requests_per_s']:.0f}/s" for k, v in runs.items()))
    for name, results in runs.items():
        errors = sum(r["errors"] for r in results)
        if errors:
            sys.exit(f"bench: wrk {name}: {errors} failed requests (see {sim.dir / 'vipps-sim.log'})")
    return runs


def bench_credentials():
    """The credentials every bench client sends (bench/clients/bench_common.h)."""
    header = (BENCH / "clients" / "bench_common.h").read_text()
    value = lambda name: re.search(rf'#define {name} "([^"]*)"', header).group(1)
    return {"client_id": value("BENCH_CLIENT_ID"), "client_secret": value("BENCH_CLIENT_SECRET"),
            "subscription_key": value("BENCH_SUBSCRIPTION_KEY"), "msn": value("BENCH_MSN")}


def process_cpu_seconds(pid):
    """The process's CPU time so far: from its threads' schedstat (nanoseconds) where the kernel
    has it, else from stat (clock ticks). The PHP rows subtract two such figures per request,
    which ticks of 10 ms made too coarse."""
    try:
        return sum(int((task / "schedstat").read_text().split()[0])
                   for task in Path(f"/proc/{pid}/task").iterdir()) / 1e9
    except (OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def php_request_runs(built, url, ca, nginx):
    """A PHP worker serving a page that makes its client and calls details: PHP's built-in server
    (one process, a PHP request per HTTP request, as an FPM worker has), its CPU per request from
    /proc. Modes: a persistent client, an empty page (PHP's own cost), WARM_CALLS details calls on
    the persistent client in one page (a warm call inside the same worker, the target's baseline),
    a new client per request."""
    pages = BENCH / "clients"
    port = free_port()
    env = {**os.environ, "BENCH_URL": url, "BENCH_CA": str(ca)}
    # A shop's FPM worker runs with OPcache: without it every request compiles the page again,
    # which is PHP's cost, not the client's.
    extension_dir = subprocess.run(["php", "-n", "-r", 'echo ini_get("extension_dir");'], capture_output=True,
                                   text=True).stdout.strip()
    opcache = Path(extension_dir, "opcache.so")
    cache = ["-d", "zend_extension=opcache", "-d", "opcache.enable_cli=1"] if opcache.exists() else []
    server = subprocess.Popen(["php", "-n", *cache, "-d", f"extension={built['php_extension']}", "-S", f"127.0.0.1:{port}",
                               "-t", str(pages)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                              start_new_session=True)
    runs = {"persistent": [], "empty": [], "warm": [], "new": []}
    # The worker, its peer and this process (the browser) on one CPU, as the keep-alive runs.
    if SHARED_CPU:
        for pid in (server.pid, 0):
            os.sched_setaffinity(pid, SHARED_CPU)
        nginx.run_on(SHARED_CPU)
    try:
        wait_for_port(port, server, "php -S")

        def get(mode):
            query = f"mode={mode}" + (f"&calls={WARM_CALLS}" if mode == "warm" else "")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/php_request.php?{query}", timeout=30) as r:
                body = r.read()
            if body != b"ok\n":
                sys.exit(f"bench: php request ({mode}) answered {body!r}")

        for mode in runs:
            get(mode)  # the persistent client's token and connection
        for _ in range(REPEATS):
            for mode in runs:
                pages = {"new": max(1, PHP_REQUESTS // 10), "warm": max(1, PHP_REQUESTS // WARM_CALLS)}.get(mode,
                                                                                                       PHP_REQUESTS)
                before, started = process_cpu_seconds(server.pid), time.perf_counter()
                for _ in range(pages):
                    get(mode)
                # n counts details calls (pages for every mode but warm, which makes several per page).
                runs[mode].append({"n": pages * (WARM_CALLS if mode == "warm" else 1), "pages": pages,
                                   "cpu_s": process_cpu_seconds(server.pid) - before,
                                   "wall_s": time.perf_counter() - started})
            log("php requests: " + ", ".join(f"{m} {1e6 * r[-1]['cpu_s'] / r[-1]['pages']:.0f} us CPU/page"
                                             for m, r in runs.items()))
    finally:
        server.terminate()
        server.wait(10)
        os.sched_setaffinity(0, ALL_CPUS)
        nginx.run_on(ALL_CPUS)
    return runs


def token_sharing_run(built):
    """SHARE_PROCESSES C clients at once, SHARE_CALLS details calls each, sharing the file store,
    against a vipps-sim that counts the tokens it issues (GET /sim/v1/tokens)."""
    sim = Simulator("sim-tokens", bench_credentials())
    store = WORK / "token-store"
    try:
        sim.start()
        sim.prepare()
        before = sim.request("GET", "/sim/v1/tokens", {})["issued"]
        env = {**os.environ, "BENCH_TOKEN_DIR": str(store)}
        started = time.perf_counter()
        children = [subprocess.Popen([str(built["bin"] / "c_libvipps"), sim.url, sim.ca, str(SHARE_CALLS), "1", ""],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                    for _ in range(SHARE_PROCESSES)]
        for child in children:
            out, err = child.communicate(timeout=600)
            if child.returncode != 0:
                sys.exit(f"bench: token-sharing client failed: {err.decode(errors='replace')}")
        wall = time.perf_counter() - started
        fetched = sim.request("GET", "/sim/v1/tokens", {})["issued"] - before
    finally:
        sim.stop()
    log(f"token sharing: {SHARE_PROCESSES} processes x {SHARE_CALLS} calls, {fetched} token fetch(es), {wall:.1f} s")
    return {"processes": SHARE_PROCESSES, "calls": SHARE_CALLS, "token_fetches": fetched, "wall_s": wall}


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def summarize(keepalive, cold, rss, threads, wrk_runs, php_requests=None, sharing=None, keepalive_epayment=None):
    per_request = {name: spread([1e6 * r["cpu_s"] / r["n"] for r in runs]) for name, runs in keepalive.items()}
    # The peer's CPU covers the whole client process (its start, token, warm-up) but at N calls
    # those few requests hardly count.
    peer = {name: spread([1e6 * r["peer_cpu_s"] / r["n"] for r in runs]) for name, runs in keepalive.items()}
    rates = {name: spread([r["n"] / r["wall_s"] for r in runs]) for name, runs in keepalive.items()}
    cold_ms = {name: spread([1e3 * r["process_wall_s"] for r in runs]) for name, runs in cold.items()}
    cold_cpu_ms = {name: spread([1e3 * r["process_cpu_s"] for r in runs]) for name, runs in cold.items()}
    base_rate = rates["c-libcurl"]["median"]
    cpu_ratios = {name: paired_ratios(runs, keepalive["c-libcurl"]) for name, runs in keepalive.items()}
    rss_checkpoints = rss["checkpoints"]
    thread_rates = {name: {t: spread([r["n"] / r["wall_s"] for r in runs]) for t, runs in by_count.items()}
                    for name, by_count in threads.items()}
    thread_cpu = {name: {t: spread([1e6 * r["cpu_s"] / r["n"] for r in runs]) for t, runs in by_count.items()}
                  for name, by_count in threads.items()}
    figures = {
        "cpu_vs_libcurl": cpu_ratios["c-libvipps"]["median"],
        "cheaper_than_requests": per_request["py-requests"]["median"] / per_request["c-libvipps"]["median"],
        "cold_vs_libcurl": cold_ms["c-libvipps"]["median"] / cold_ms["c-libcurl"]["median"],
        "rss_growth_kb": rss_checkpoints[str(RSS_N)] - rss_checkpoints[str(RSS_FIRST)],
        "threads_speedup": thread_rates["c-libvipps"]["2"]["median"] / thread_rates["c-libvipps"]["1"]["median"],
    }
    figures["c_vs_libcurl_08"] = cpu_ratios["c-libvipps"]["median"]
    figures["php_vs_libcurl"] = cpu_ratios["php-libvipps"]["median"]
    figures["py_vs_libcurl"] = cpu_ratios["py-libvipps"]["median"]
    php_request_cpu = php_request_ratios = None
    if php_requests:
        # The target reads the page minus an empty page served by the same worker in the same
        # repeat: PHP's own request start-up is the same whatever the page calls, and no library
        # can remove it. Its baseline is a warm call in that worker and repeat too (a page of
        # WARM_CALLS details calls, less one empty page). The whole page's figure is shown beside it.
        def per_page(r):
            return r["cpu_s"] / r["pages"]

        empty = [per_page(r) for r in php_requests["empty"]]
        warm_call = [(r["cpu_s"] - r["pages"] * e) / r["n"] for r, e in zip(php_requests["warm"], empty, strict=True)]
        net = [per_page(r) - e for r, e in zip(php_requests["persistent"], empty, strict=True)]
        php_request_cpu = {mode: spread([1e6 * per_page(r) for r in runs])
                           for mode, runs in php_requests.items() if mode != "warm"}
        php_request_cpu["warm_call"] = spread([1e6 * w for w in warm_call])
        php_request_cpu["persistent_net"] = spread([1e6 * x for x in net])
        php_request_ratios = {
            "net": spread([x / w for x, w in zip(net, warm_call)]),
            "page": spread([per_page(r) / w for r, w in zip(php_requests["persistent"], warm_call)]),
        }
        figures["php_request_vs_warm"] = php_request_ratios["net"]["median"]
        figures["php_request_page_vs_warm"] = php_request_ratios["page"]["median"]
    if sharing:
        figures["shared_token_fetches"] = sharing["token_fetches"]
    epayment_cpu = epayment_ratios = None
    if keepalive_epayment:
        epayment_cpu = {name: spread([1e6 * r["cpu_s"] / r["n"] for r in runs]) for name, runs in keepalive_epayment.items()}
        epayment_ratios = {name: paired_ratios(runs, keepalive_epayment["c-libcurl"])
                           for name, runs in keepalive_epayment.items()}
        figures["epayment_c_vs_libcurl"] = epayment_ratios["c-libvipps"]["median"]
    wrk_rates = None
    if wrk_runs:
        wrk_rates = {name: spread([r["requests_per_s"] for r in results]) for name, results in wrk_runs.items()}
        figures["sim_details_share"] = wrk_rates["sim-details"]["median"] / wrk_rates["nginx-details"]["median"]
    return {
        "cpu_us_per_request": per_request, "requests_per_s": rates, "peer_cpu_us_per_request": peer,
        "cpu_ratio_to_libcurl": cpu_ratios,
        "rate_ratio_to_libcurl": {name: s["median"] / base_rate for name, s in rates.items()},
        "cold_start_ms": cold_ms, "cold_start_cpu_ms": cold_cpu_ms,
        "rss_kb": {"after_first": rss_checkpoints[str(RSS_FIRST)], "after_last": rss_checkpoints[str(RSS_N)],
                   "first_calls": RSS_FIRST, "last_calls": RSS_N, "maxrss_kb": rss["maxrss_kb"]},
        "thread_requests_per_s": thread_rates, "thread_cpu_us_per_request": thread_cpu, "wrk_requests_per_s": wrk_rates, "figures": figures,
        "php_request_cpu_us": php_request_cpu, "php_request_ratios": php_request_ratios, "token_sharing": sharing, "epayment_cpu_us_per_details": epayment_cpu,
        "epayment_cpu_ratio_to_libcurl": epayment_ratios,
        "targets": [{"target": text, "figure": figures.get(key), "shown": fmt.format(figures[key]) if key in figures else "not run",
                     "pass": test(figures[key]) if key in figures else None} for key, text, test, fmt in TARGETS],
    }


def mmm(s, fmt="{:.1f}"):
    return " / ".join(fmt.format(s[k]) for k in ("min", "median", "max"))


def render(summary, context):
    lines = []
    add = lines.append
    add(f"libvipps benchmark — {context['when']}{'  (BENCH_QUICK: tiny N, figures not meaningful)' if QUICK else ''}")
    add(f"machine: {context['machine']}; load average {context['load_before']} before, {context['load_after']} after")
    add(f"peer: nginx {context['nginx']} on 127.0.0.1, TLS ({context['tls']}), HTTP/1.1 keep-alive, fixed JSON "
        f"(token {context['token_bytes']} B, details {context['details_bytes']} B, "
        f"ePayment payment + events {context['epayment_bytes']} B)")
    add(f"runs: {N} details calls per run after token + one warm-up call, {REPEATS} run(s) per client, "
        f"interleaved; min / median / max; a CPU ratio is taken per repeat (a run over the same repeat's "
        f"libcurl run), then min / median / max of those")
    add("CPU = user + sys of the client process over the timed calls / calls; nginx = its workers' CPU / calls"
        + (f"; client and nginx on one CPU ({context['pinned']})" if context.get("pinned") else "; not pinned"))
    add("")
    header = (f"{'client':<14} {'CPU us/request (min/med/max)':>30} {'x libcurl (min/med/max)':>24}  "
              f"{'requests/s (min/med/max)':>28} {'x libcurl':>9}  {'nginx us/req':>12}")
    add(header)
    add("-" * len(header))
    for name in summary["cpu_us_per_request"]:
        add(f"{name:<14} {mmm(summary['cpu_us_per_request'][name]):>30} "
            f"{mmm(summary['cpu_ratio_to_libcurl'][name], '{:.2f}'):>24}"
            f"  {mmm(summary['requests_per_s'][name], '{:.0f}'):>28} {summary['rate_ratio_to_libcurl'][name]:>8.2f}x"
            f"  {summary['peer_cpu_us_per_request'][name]['median']:>12.1f}")
    # The machine's noise, from the keep-alive runs: how far one client's runs lie apart.
    spreads = [(x["max"] - x["min"]) / x["median"] for table in (summary["cpu_us_per_request"], summary["requests_per_s"])
               for x in table.values() if x["median"] > 0]
    add(f"noise: (max - min) / median of one client's runs is {statistics.median(spreads):.0%} typically, "
        f"{max(spreads):.0%} at worst (CPU time varies less than requests/s, which also waits for the peer)")
    add("")
    add(f"cold start: fresh process, load + client + TLS handshake + token + first details; {COLD_RUNS} runs each")
    cold_base = summary["cold_start_ms"]["c-libcurl"]["median"]
    add(f"{'client':<14} {'wall ms (min/med/max)':>26} {'x libcurl':>9}  {'CPU ms (min/med/max)':>24}")
    for name, s in summary["cold_start_ms"].items():
        add(f"{name:<14} {mmm(s, '{:.1f}'):>26} {s['median'] / cold_base:>8.2f}x  {mmm(summary['cold_start_cpu_ms'][name], '{:.1f}'):>24}")
    add("")
    rss = summary["rss_kb"]
    add(f"memory (c-libvipps, one process): RSS {rss['after_first']} kB after {rss['first_calls']} calls, "
        f"{rss['after_last']} kB after {rss['last_calls']} calls ({rss['after_last'] - rss['after_first']:+d} kB); "
        f"peak {rss['maxrss_kb']} kB")
    add(f"threads: {N} calls shared by 1, 2 or 4 threads (libvipps: one client; libcurl: a handle per thread)")
    for name, t in summary["thread_requests_per_s"].items():
        cpu = summary["thread_cpu_us_per_request"][name]
        add(f"  {name:<12} 1 thread {mmm(t['1'], '{:.0f}')} req/s, 2 threads {mmm(t['2'], '{:.0f}')} req/s "
            f"({t['2']['median'] / t['1']['median']:.2f}x); CPU us/request {cpu['1']['median']:.1f} vs {cpu['2']['median']:.1f}")
    for name, cpu in summary["thread_cpu_us_per_request"].items():
        add(f"  {name:<12} client CPU us per call: " + ", ".join(f"{t} thread(s) {cpu[t]['median']:.1f}" for t in cpu))
    if summary.get("php_request_cpu_us"):
        p, ratios = summary["php_request_cpu_us"], summary["php_request_ratios"]
        warm = p["warm_call"]["median"]
        add(f"PHP requests (php -S with OPcache, one worker; its CPU per page; {PHP_REQUESTS} pages per run, "
            f"a tenth for 'new'; a warm call = a page of {WARM_CALLS} details calls less an empty page, per call):")
        for mode, text in (("persistent", "Client::persistent() + details"), ("new", "new Client + details (token, TLS)"),
                           ("empty", "empty page (PHP's own request cost)"), ("warm_call", "a warm call in the worker")):
            add(f"  {text:<38} {mmm(p[mode]):>24} us  {p[mode]['median'] / warm:>6.2f}x a warm call")
        add(f"  persistent minus the empty page: {mmm(p['persistent_net'])} us, {mmm(ratios['net'], '{:.2f}')}x a warm "
            f"call per repeat (what the target reads; the whole page is {mmm(ratios['page'], '{:.2f}')}x); the CLI's "
            f"warm call (php-libvipps above) is {summary['cpu_us_per_request']['php-libvipps']['median']:.1f} us")
    if summary.get("epayment_cpu_us_per_details"):
        e = summary["epayment_cpu_us_per_details"]
        ratios = summary["epayment_cpu_ratio_to_libcurl"]
        add(f"ePayment: a details call is GET payment + GET events; {N} calls per run, {REPEATS} run(s), "
            f"CPU us per details call and x libcurl per repeat (min/med/max):")
        for name, cpu in e.items():
            add(f"  {name:<14} {mmm(cpu):>30} {mmm(ratios[name], '{:.2f}'):>24}x libcurl")
    if summary.get("token_sharing"):
        t = summary["token_sharing"]
        add(f"token sharing (file store, vipps-sim counts): {t['processes']} processes x {t['calls']} details calls "
            f"-> {t['token_fetches']} token fetch(es) in {t['wall_s']:.1f} s")
    if summary["wrk_requests_per_s"]:
        w = summary["wrk_requests_per_s"]
        nginx = w["nginx-details"]["median"]
        add(f"vipps-sim ({context['sim']}; {context['sim_tls']}) vs nginx static, wrk -t1 -c8, "
            f"{WRK_SECONDS} s x {WRK_REPEATS} (store reset before each):")
        for name in ("nginx-details", "sim-details", "sim-initiate"):
            add(f"  {name:<18} {mmm(w[name], '{:.0f}'):>26} req/s  {w[name]['median'] / nginx:>6.0%} of nginx")
        nginx_epayment = w["nginx-epayment-get"]["median"]
        for name in ("nginx-epayment-get", "sim-epayment-get"):
            add(f"  {name:<18} {mmm(w[name], '{:.0f}'):>26} req/s  {w[name]['median'] / nginx_epayment:>6.0%} "
                "of nginx's ePayment GET")
    add("")
    add("targets (a miss is work to do, not a failure):")
    for target in summary["targets"]:
        mark = "n/a " if target["pass"] is None else ("pass" if target["pass"] else "MISS")
        add(f"  [{mark}] {target['target']}: {target['shown']}")
    return "\n".join(lines)


def tls_summary(url, ca):
    """What a TLS client negotiates with a peer: version, cipher and the certificate's key."""
    host, port = url.removeprefix("https://").rsplit(":", 1)
    with socket.create_connection((host, int(port))) as raw:
        with ssl.create_default_context(cafile=str(ca)).wrap_socket(raw, server_hostname=host) as s:
            der = s.getpeercert(binary_form=True)
            version, cipher = s.version(), s.cipher()[0]
    key = run(["openssl", "x509", "-inform", "DER", "-noout", "-text"], input_bytes=der)
    algorithm = "ECDSA" if "id-ecPublicKey" in key else ("RSA" if "rsaEncryption" in key else "?")
    bits = re.search(r"Public-Key: \((\d+) bit\)", key)
    return f"{version}, {cipher}, {algorithm} {bits.group(1) if bits else '?'}-bit key"


def load_average():
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main():
    # nginx and vipps-sim run in their own sessions (a Ctrl-C must not reach them before they are
    # stopped in order): make SIGTERM unwind through the `finally` that stops them, as SIGINT does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    OUT.mkdir(parents=True, exist_ok=True)
    # A failed run's directory stays for its logs until the next run, unless it is still running.
    for stale in OUT.glob("run-*"):
        if not Path(f"/proc/{stale.name.removeprefix('run-')}").exists():
            shutil.rmtree(stale, ignore_errors=True)
    context = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": load_average(),
               "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, Linux {platform.release()}",
               "sim": next((f"{mode} build" for mode in ("debug", "release") if f"/{mode}/" in str(SIM)), str(SIM))}
    tls = make_certificates()
    built = build_clients()
    nginx = Nginx(tls)
    sim = Simulator()
    try:
        url = nginx.start()
        context["nginx"] = nginx.version()
        context["token_bytes"] = len(NGINX_BODIES["TOKEN_JSON"])
        context["details_bytes"] = len(NGINX_BODIES["DETAILS_JSON"])
        context["epayment_bytes"] = len(NGINX_BODIES["EPAYMENT_PAYMENT_JSON"]) + len(NGINX_BODIES["EPAYMENT_EVENTS_JSON"])
        context["tls"] = tls_summary(url, tls / "ca.pem")
        log(f"nginx {context['nginx']} at {url}; N={N}, {REPEATS} repeat(s)")
        commands = client_commands(built)
        context["requests"] = check_headers(commands, tls)
        on_epayment = epayment_commands(commands)
        context["epayment_requests"] = check_headers(on_epayment, tls)
        log("every client sends the same requests and headers as libvipps, on eCom and on ePayment")
        if PIN:
            context["pinned"] = f"CPU {min(SHARED_CPU)}, all but the thread runs and wrk"
            log(f"single-threaded runs: each client and nginx on CPU {min(SHARED_CPU)}")
            nginx.run_on(SHARED_CPU)
        clients = Clients(commands, url, tls / "ca.pem", peer=nginx, cpus=SHARED_CPU)
        names = list(commands)

        keepalive = keepalive_runs(clients, names)
        log("ePayment: the same clients, a details call being GET payment + GET events")
        keepalive_epayment = keepalive_runs(Clients(on_epayment, url, tls / "ca.pem", peer=nginx, cpus=SHARED_CPU),
                                            list(on_epayment),
                                            label="epayment ")
        log("cold starts")
        cold = cold_runs(clients, names)
        log(f"memory run: {RSS_N} calls")
        rss = clients.run("c-libvipps", RSS_N, checkpoints=(RSS_FIRST, RSS_N))
        log("one vs two threads")
        # libcurl (a handle per thread) is the control: it shows what two threads can gain on
        # this machine at all, with the peer on the same cores.
        nginx.run_on(ALL_CPUS)
        clients.cpus = None
        threads = {name: {"1": [], "2": [], "4": []} for name in ("c-libvipps", "c-libcurl")}
        for _ in range(REPEATS):
            for name in threads:
                for count in ("1", "2", "4"):
                    threads[name][count].append(clients.run(name, N, threads=int(count)))
        log("PHP requests: a persistent client, a new client, an empty page")
        php_requests = php_request_runs(built, url, tls / "ca.pem", nginx)
        sharing = None
        wrk_runs = None
        if SIM.exists():
            log(f"token sharing: {SHARE_PROCESSES} processes on the file store")
            sharing = token_sharing_run(built)
            log("vipps-sim throughput with wrk")
            sim.start()
            context["sim_tls"] = tls_summary(sim.url, sim.ca)
            wrk_runs = throughput_runs(url, sim)
        else:
            log(f"no vipps-sim at {SIM} (make sim): its throughput is not measured")
    finally:
        sim.stop()
        nginx.stop()

    context["load_after"] = load_average()
    summary = summarize(keepalive, cold, rss, threads, wrk_runs, php_requests, sharing, keepalive_epayment)
    table = render(summary, context)
    print(table)
    # A tiny-N run (make test) keeps its own files, so it never replaces a real run's results.
    stem = "results-quick" if QUICK else "results"
    (OUT / f"{stem}.md").write_text(f"# libvipps benchmark\n\n```\n{table}\n```\n")
    (OUT / f"{stem}.json").write_text(json.dumps({
        "context": context, "settings": {"n": N, "repeats": REPEATS, "cold_runs": COLD_RUNS, "rss_n": RSS_N,
                                          "wrk_seconds": WRK_SECONDS, "quick": QUICK},
        "summary": summary,
        "raw": {"keepalive": keepalive, "keepalive_epayment": keepalive_epayment, "cold": cold, "rss": rss, "threads": threads, "wrk": wrk_runs,
                "php_requests": php_requests, "token_sharing": sharing},
    }, indent=2))
    shutil.rmtree(WORK, ignore_errors=True)
    log(f"wrote {OUT / (stem + '.md')} and {OUT / (stem + '.json')}")


if __name__ == "__main__":
    main()
