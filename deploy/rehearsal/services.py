"""The production stack of the README's Production section, started on 127.0.0.1 on free ports
for the rehearsal (rehearse.py): a PostgreSQL cluster of its own, Redis, an S3 server (moto)
behind a TCP relay that can be cut, an SMTP sink, the OpenID Connect mock, two gunicorns and the
task worker (restarted as their systemd units say), and Debian's nginx with deploy/nginx.conf.

Everything runs in one temporary folder and is stopped at the end, whatever happened.
"""

from __future__ import annotations

import configparser
import os
import pwd
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 60, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def terminate(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop a process group we started: `sig`, then KILL if it lingers."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=15)


class Stack:
    """Holds every process of the rehearsal; `close()` stops them all."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.logs = tmp / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.processes: list[subprocess.Popen] = []
        self.closers: list = []

    def spawn(self, name: str, argv: list[str], env: dict | None = None, cwd: Path = BASE_DIR):
        log = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        return process

    def close(self) -> None:
        for closer in reversed(self.closers):
            try:
                closer()
            except Exception as error:  # keep stopping the rest
                print(f"  (while stopping: {error})", flush=True)
        for process in self.processes:
            terminate(process)


# PostgreSQL: a cluster of the rehearsal's own, so restarting it touches nothing else.


class Postgres:
    def __init__(self, stack: Stack):
        self.stack = stack
        self.port = free_port()
        self.data = stack.tmp / "pg"
        self.bin = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def start_new(self) -> None:
        self.data.mkdir()
        os.chmod(self.stack.tmp, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            self.user,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self.stack.closers.append(self.stop)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.data / "server.log"), "-w", "start"
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def psql(self, sql: str, database: str = "postgres", user: str | None = None) -> str:
        done = subprocess.run(
            [str(self.bin / "psql"), "-X", "-v", "ON_ERROR_STOP=1", "-qtA", "-h", str(self.data), "-p", str(self.port),
             "-U", user or self.user, "-d", database],
            input=sql, check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        return done.stdout.strip()

    def url(self, user: str, password: str, database: str) -> str:
        return f"postgres://{user}:{password}@127.0.0.1:{self.port}/{database}"


# A TCP relay in front of a server, which can be cut (connections refused) and put back while
# the server behind it keeps its state: how the rehearsal stops S3 (moto keeps its objects in
# memory, so stopping moto itself would lose the bucket).


class Relay:
    def __init__(self, target_port: int):
        self.target = target_port
        self.port = free_port()
        self.open_sockets: set[socket.socket] = set()
        self.server: socketserver.ThreadingTCPServer | None = None

    def start(self) -> None:
        target = self.target
        open_sockets = self.open_sockets

        class Pipe(socketserver.BaseRequestHandler):
            def handle(self):
                try:
                    upstream = socket.create_connection(("127.0.0.1", target), timeout=30)
                except OSError:
                    return
                open_sockets.update({self.request, upstream})

                def pump(src, dst):
                    try:
                        while data := src.recv(65536):
                            dst.sendall(data)
                    except OSError:
                        pass
                    finally:
                        for s in (src, dst):
                            try:
                                s.shutdown(socket.SHUT_RDWR)
                            except OSError:
                                pass

                back = threading.Thread(target=pump, args=(upstream, self.request), daemon=True)
                back.start()
                pump(self.request, upstream)
                back.join(timeout=30)
                upstream.close()

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Pipe)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def cut(self) -> None:
        """No new connections, and the open ones (a client's pooled keep-alive connections
        included) are closed: as if the server's host went away."""
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        for sock in list(self.open_sockets):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.open_sockets.clear()


# An SMTP sink: accepts every message and keeps it, until stopped (then connections are refused).


class SmtpSink:
    def __init__(self):
        self.port = free_port()
        self.messages: list[dict] = []
        self.server: socketserver.ThreadingTCPServer | None = None

    def start(self) -> None:
        messages = self.messages

        class Session(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 rehearsal ESMTP\r\n")
                sender, recipients = "", []
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        self.wfile.write(b"250 rehearsal\r\n")
                    elif verb == b"MAIL":
                        sender, recipients = line.decode().split(":", 1)[1].strip(), []
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"RCPT":
                        recipients.append(line.decode().split(":", 1)[1].strip().strip("<>"))
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"DATA":
                        self.wfile.write(b"354 go ahead\r\n")
                        body = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                            body.append(data)
                        messages.append(
                            {
                                "from": sender,
                                "to": recipients,
                                "data": b"".join(body).decode("utf-8", "replace"),
                            }
                        )
                        self.wfile.write(b"250 queued\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:  # RSET, NOOP
                        self.wfile.write(b"250 OK\r\n")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Session)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


# systemd's part: a unit's ExecStart, run again as its Restart= and RestartSec= say.


def unit(name: str) -> dict[str, str]:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(BASE_DIR / "deploy" / name)
    return dict(parser["Service"])


def exec_start(name: str) -> list[str]:
    """The unit's ExecStart with the install path (/srv/iop-registret) replaced by this checkout."""
    line = unit(name)["ExecStart"].replace("/srv/iop-registret/.venv/bin/", f"{VENV_BIN}/")
    return line.replace("/srv/iop-registret", str(BASE_DIR)).split()


class Service:
    """One unit's process, restarted like systemd would (Restart=always / on-failure)."""

    def __init__(self, stack: Stack, name: str, unit_file: str, env: dict):
        self.stack, self.name, self.env = stack, name, env
        spec = unit(unit_file)
        self.argv = exec_start(unit_file)
        self.restart = spec.get("Restart", "no")
        self.restart_sec = float(spec.get("RestartSec", "0.1"))
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.stopping = False
        self.watcher = threading.Thread(target=self._watch, daemon=True)
        stack.closers.append(self.stop)

    def start(self) -> None:
        self.process = self.stack.spawn(self.name, self.argv, env=self.env)
        self.starts += 1
        if not self.watcher.is_alive():
            self.watcher.start()

    def _watch(self) -> None:
        while not self.stopping:
            time.sleep(0.2)
            code = self.process.poll() if self.process else None
            if code is None or self.stopping:
                continue
            # What systemd does when a unit's main process dies: the rest of its control group
            # (KillMode=mixed: SIGKILL) goes too; gunicorn workers orphaned by a killed master would
            # otherwise hold the listening socket until they notice (seconds), and the restarted
            # master could not bind.
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            if self.restart == "always" or (self.restart == "on-failure" and code != 0):
                time.sleep(self.restart_sec)
                if not self.stopping:
                    self.start()
            else:
                return

    def pause(self) -> None:
        """`systemctl stop`: the process ends and is not restarted until `resume()`."""
        self.stopping = True
        terminate(self.process)
        self.watcher.join(timeout=5)

    def resume(self) -> None:
        self.stopping = False
        self.watcher = threading.Thread(target=self._watch, daemon=True)
        self.start()

    def kill(self) -> None:
        """kill -9 of the main process (the unit's MainPID)."""
        os.kill(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        self.stopping = True
        if self.process:
            terminate(self.process)


# nginx: the shipped deploy/nginx.conf with addresses, ports and paths replaced, in a main
# configuration of the rehearsal's own (the file is what /etc/nginx/conf.d/ includes in http {}).


def nginx_config(
    stack: Stack, upstreams: list[int], http_port: int, https_port: int, cert: Path, key: Path
) -> Path:
    shipped = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    lines = []
    servers = iter(upstreams)
    for line in shipped.splitlines():
        stripped = line.strip()
        if stripped.startswith("server 10.0.0."):
            address = stripped.split()[1]
            line = line.replace(address, f"127.0.0.1:{next(servers)}")
        elif stripped.startswith("listen [::]"):
            continue  # the rehearsal listens on 127.0.0.1 only
        elif stripped.startswith("listen 80"):
            line = line.replace("listen 80", f"listen 127.0.0.1:{http_port}")
        elif stripped.startswith("listen 443"):
            line = line.replace("listen 443", f"listen 127.0.0.1:{https_port}")
        line = line.replace("/etc/ssl/iop.kommun.se/fullchain.pem", str(cert))
        line = line.replace("/etc/ssl/iop.kommun.se/privkey.pem", str(key))
        line = line.replace("/var/log/nginx/", f"{stack.logs}/nginx-")
        line = line.replace("iop.kommun.se", "127.0.0.1")
        # On 443 the browser's Origin and Referer carry no port and $host matches them; on the
        # rehearsal's free port they do, and Django's CSRF check compares them with Host.
        line = line.replace("proxy_set_header Host $host;", "proxy_set_header Host $http_host;")
        lines.append(line)
    site = stack.tmp / "nginx-site.conf"
    site.write_text("\n".join(lines) + "\n")
    main = stack.tmp / "nginx.conf"
    main.write_text(
        f"""daemon off;
pid {stack.tmp}/nginx.pid;
error_log {stack.logs}/nginx-main-error.log warn;
worker_processes 1;
user root;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    access_log {stack.logs}/nginx-default-access.log;
    client_body_temp_path {stack.tmp}/nginx-body;
    proxy_temp_path {stack.tmp}/nginx-proxy;
    fastcgi_temp_path {stack.tmp}/nginx-fastcgi;
    uwsgi_temp_path {stack.tmp}/nginx-uwsgi;
    scgi_temp_path {stack.tmp}/nginx-scgi;
    include {site};
}}
"""
    )
    return main


def self_signed_certificate(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key
