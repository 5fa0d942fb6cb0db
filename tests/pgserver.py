"""A throwaway PostgreSQL server on loopback for the database tests (stdlib only).

``python tests/pgserver.py start DIR`` initialises a cluster in DIR (trust auth,
127.0.0.1 only, a free port), starts it and prints its URL;
``python tests/pgserver.py stop DIR`` stops it.  ``.ci/run`` uses both; the test
fixture in ``conftest.py`` uses :func:`start`/:func:`stop` when no server is given
in ``GOALNLP_TEST_PG_URL``.  PostgreSQL refuses to run as root, so as root the
server runs as the ``postgres`` user the Debian packages create.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path


def find_bin(name: str) -> str | None:
    """A PostgreSQL server program: on PATH, or in Debian's versioned directory."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return versions[-1] if versions else None


def available() -> bool:
    return bool(find_bin("initdb") and find_bin("pg_ctl"))


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(directory: str | Path) -> str:
    """Initialise and start a server in ``directory``; returns its SQLAlchemy URL."""
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not (initdb and pg_ctl):
        raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) not found; apt-get install postgresql")
    d = Path(directory).resolve()
    if d.exists():
        stop(d)
        shutil.rmtree(d)
    d.mkdir(parents=True)
    data, sock = d / "data", d / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(d, "postgres")
        shutil.chown(sock, "postgres")
    _run([initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"])
    port = _free_port()
    opts = f"-h 127.0.0.1 -p {port} -k {sock} -c fsync=off -c full_page_writes=off"
    _run([pg_ctl, "-D", str(data), "-l", str(d / "server.log"), "-o", opts, "-w", "-t", "60", "start"])
    (d / "port").write_text(str(port))
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"


def _run(cmd: list[str]) -> None:
    res = subprocess.run(_as_server_user(cmd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if res.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stdout}")


def stop(directory: str | Path) -> None:
    pg_ctl = find_bin("pg_ctl")
    data = Path(directory) / "data"
    if pg_ctl and (data / "postmaster.pid").exists():
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]), check=False, capture_output=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        sys.exit("usage: python tests/pgserver.py start|stop DIR")
    if sys.argv[1] == "start":
        print(start(sys.argv[2]))
    else:
        stop(sys.argv[2])
