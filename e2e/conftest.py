"""Shared fixtures for Lindring's black-box tests.

By default every test module gets its own `lindring serve --demo` process on a
fresh temporary SQLite database and a free loopback port, so the tests need
nothing but the built binary:

    LINDRING_BIN            the binary (default: <repo>/.build/debug/lindring)
    LINDRING_STARTUP_TIMEOUT seconds to wait for /readyz (default 300)

To test a server that is already running instead:

    LINDRING_BASE_URL        e.g. http://127.0.0.1:8080
    LINDRING_DEMO_USERS_FILE a file holding the "Demo users" block the server
                             printed when it started (same format as stdout)
    DATABASE_URL             the server's database, used by `lindring api-token`
    LINDRING_API_TOKEN       optional: a bearer token to use instead of running
                             `lindring api-token --username admin`
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

REPO = Path(__file__).resolve().parent.parent
E2E_DIR = Path(__file__).resolve().parent
SCREENSHOT_DIR = E2E_DIR / "screenshots"

# A line of the "Demo users" block the server prints: two spaces, user name, password, role.
# The roles there are the ones the OpenAPI document lists for `Me.roles` (see `documented_roles`).
DEMO_USER_LINE = re.compile(r"^  (\S+)\s+(\S+)\s+([a-z][A-Za-z]*)\s*$")

SHUTDOWN_GRACE_SECONDS = 10
USERS_AFTER_READY_SECONDS = 20


# Fixtures shared by the modules that act as demo users (db, key_worker, browsers, patient, ...).
pytest_plugins = ["patients_support"]


def pytest_sessionstart(session) -> None:
    """Old screenshots would mislead: each run starts with an empty e2e/screenshots/."""
    if SCREENSHOT_DIR.is_dir():
        for old in SCREENSHOT_DIR.glob("*.png"):
            old.unlink()


def parse_demo_users(lines) -> dict[str, tuple[str, str]]:
    """Maps role -> (username, password) from the server's demo-user block."""
    users: dict[str, tuple[str, str]] = {}
    for line in lines:
        match = DEMO_USER_LINE.match(line.rstrip("\r\n"))
        if match:
            username, password, role = match.groups()
            users.setdefault(role, (username, password))
    return users


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lindring_bin() -> Path:
    return Path(os.environ.get("LINDRING_BIN", REPO / ".build" / "debug" / "lindring"))


# --- the OpenAPI document ---------------------------------------------------------------------

_OPENAPI_DOCUMENTS: dict[str, dict] = {}


def openapi_document(base_url: str) -> dict:
    """The server's `GET /api/v1/openapi.json`, fetched once per server address."""
    base_url = base_url.rstrip("/")
    if base_url not in _OPENAPI_DOCUMENTS:
        response = requests.get(base_url + "/api/v1/openapi.json", timeout=15, allow_redirects=False)
        assert response.status_code == 200, (
            f"GET /api/v1/openapi.json answered {response.status_code}: {response.text[:300]}"
        )
        _OPENAPI_DOCUMENTS[base_url] = response.json()
    return _OPENAPI_DOCUMENTS[base_url]


def openapi_enum(document: dict, schema: str, prop: str) -> list[str]:
    """The values the OpenAPI document allows for property `prop` of `components.schemas[schema]`
    (for an array, its items'), in the document's order and without null.

    The e2e tests read the API's vocabularies (roles, the advisory line's reasons, triages, ...)
    from here instead of writing them out again.
    """
    schemas = document.get("components", {}).get("schemas", {})
    assert schema in schemas, f"the OpenAPI document has no schema {schema!r}"
    node = schemas[schema].get("properties", {}).get(prop)
    assert node is not None, f"the OpenAPI schema {schema} has no property {prop!r}"
    if "enum" not in node and isinstance(node.get("items"), dict):
        node = node["items"]
    assert "enum" in node, f"the OpenAPI document gives {schema}.{prop} no enum: {node}"
    return [value for value in node["enum"] if value is not None]


def documented_roles(base_url: str) -> list[str]:
    """The user roles as the OpenAPI document lists them (`Me.roles`)."""
    return openapi_enum(openapi_document(base_url), "Me", "roles")


# --- the server under test ---------------------------------------------------------------------


@dataclass
class LindringServer:
    base_url: str
    users: dict[str, tuple[str, str]]
    database_url: str | None
    binary: Path
    env: dict[str, str]
    log_path: Path | None = None
    workdir: Path | None = None
    proc: subprocess.Popen | None = None
    output: list[str] = field(default_factory=list)
    stdout_closed_at: float | None = None

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def user(self, role: str) -> tuple[str, str]:
        assert role in self.users, (
            f"the server printed no demo user with role {role!r}; "
            f"roles printed: {sorted(self.users)}"
        )
        return self.users[role]

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """Runs the lindring binary against the same database as the server."""
        assert self.database_url, "DATABASE_URL of the server under test is unknown"
        return subprocess.run(
            [str(self.binary), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def api_token(self, username: str = "admin") -> str:
        if os.environ.get("LINDRING_API_TOKEN") and not self.proc:
            return os.environ["LINDRING_API_TOKEN"]
        result = self.cli("api-token", "--username", username)
        assert result.returncode == 0, (
            f"`lindring api-token --username {username}` exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
        assert lines, f"`lindring api-token` printed nothing on stdout; stderr:\n{result.stderr}"
        return lines[-1]

    def log_tail(self, n: int = 60) -> str:
        return "\n".join(self.output[-n:])


def _wait_ready(server: LindringServer, timeout: float) -> None:
    """Waits for /readyz to answer 200 and, for a server we started, for the demo users.

    The demo users are printed once while the demo data is loaded; once the server is
    ready they must reach our pipe within USERS_AFTER_READY_SECONDS, which needs the
    server to flush stdout after printing them (a pipe is block-buffered).
    """
    deadline = time.monotonic() + timeout
    ready_since: float | None = None
    last_error = "no attempt yet"
    while time.monotonic() < deadline:
        if server.proc is not None and server.proc.poll() is not None:
            pytest.fail(
                f"lindring serve exited early with code {server.proc.returncode}\n"
                f"--- server output ---\n{server.log_tail()}"
            )
        try:
            response = requests.get(server.url("/readyz"), timeout=2, allow_redirects=False)
            if response.status_code == 200:
                if server.proc is None or set(documented_roles(server.base_url)) <= set(server.users):
                    return
                ready_since = ready_since or time.monotonic()
                if time.monotonic() - ready_since > USERS_AFTER_READY_SECONDS:
                    pytest.fail(
                        f"lindring serve is ready (/readyz 200), but {USERS_AFTER_READY_SECONDS}s later its "
                        f"stdout still has not shown a demo user for every role (seen: {sorted(server.users)}). "
                        "The block must be printed in the documented format and stdout flushed right "
                        f"after it.\n--- server output ---\n{server.log_tail()}"
                    )
                last_error = f"ready, but demo users seen so far: {sorted(server.users)}"
            else:
                last_error = f"/readyz answered {response.status_code}"
        except requests.RequestException as error:
            last_error = f"{type(error).__name__}: {error}"
        time.sleep(0.25)
    pytest.fail(
        f"lindring serve was not ready within {timeout:.0f}s ({last_error})\n"
        f"--- server output ---\n{server.log_tail()}"
    )


def _start_server(name: str) -> LindringServer:
    binary = lindring_bin()
    if not binary.is_file() or not os.access(binary, os.X_OK):
        pytest.fail(f"no lindring binary at {binary}: run `swift build` first or set LINDRING_BIN")

    workdir = Path(tempfile.mkdtemp(prefix=f"lindring-e2e-{name}-"))
    database_url = f"sqlite://{workdir / 'lindring.sqlite'}"  # sqlite:///abs/path
    port = free_port()
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env.setdefault("LOG_LEVEL", "info")
    log_path = workdir / "server.log"

    proc = subprocess.Popen(
        [str(binary), "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    server = LindringServer(
        base_url=f"http://127.0.0.1:{port}",
        users={},
        database_url=database_url,
        binary=binary,
        env=env,
        log_path=log_path,
        workdir=workdir,
        proc=proc,
    )

    def pump() -> None:
        with open(log_path, "w", encoding="utf-8") as log:
            for line in proc.stdout:  # type: ignore[union-attr]
                log.write(line)
                log.flush()
                server.output.append(line.rstrip("\n"))
                match = DEMO_USER_LINE.match(line.rstrip("\r\n"))
                if match:
                    username, password, role = match.groups()
                    server.users.setdefault(role, (username, password))
        server.stdout_closed_at = time.time()

    threading.Thread(target=pump, name=f"lindring-{name}-stdout", daemon=True).start()
    try:
        _wait_ready(server, float(os.environ.get("LINDRING_STARTUP_TIMEOUT", "300")))
    except BaseException:
        _stop_server(server, check=False)
        raise
    return server


def _stop_server(server: LindringServer, check: bool = True) -> None:
    proc = server.proc
    if proc is None or proc.poll() is not None:
        if check and proc is not None:
            pytest.fail(
                f"{_describe_exit(server)} That was before the tests finished.\n"
                f"--- server output ---\n{server.log_tail()}"
            )
        return
    proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    try:
        code = proc.wait(timeout=SHUTDOWN_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
        if check:
            pytest.fail(
                f"lindring serve did not stop within {SHUTDOWN_GRACE_SECONDS}s of SIGTERM (killed)\n"
                f"--- server output ---\n{server.log_tail()}"
            )
        return
    elapsed = time.monotonic() - started
    if check:
        assert code == 0, (
            f"lindring serve exited with code {code} on SIGTERM after {elapsed:.1f}s; "
            f"a graceful shutdown exits 0\n--- server output ---\n{server.log_tail()}"
        )


def _describe_exit(server: LindringServer) -> str:
    code = server.proc.returncode if server.proc else None
    when = (
        time.strftime("%H:%M:%S", time.localtime(server.stdout_closed_at))
        if server.stdout_closed_at
        else "unknown time"
    )
    hint = ""
    if code == 0:
        hint = (
            " Exit code 0 means a graceful shutdown, i.e. a SIGTERM/SIGINT that these tests did not "
            "send (another process, e.g. a `pkill lindring`?)."
        )
    elif code is not None and code < 0:
        hint = f" It was killed by signal {-code}."
    return f"lindring serve exited with code {code} around {when}.{hint}"


def _external_server() -> LindringServer:
    base_url = os.environ["LINDRING_BASE_URL"].rstrip("/")
    parts = urlsplit(base_url)
    assert parts.scheme in ("http", "https") and parts.netloc, f"bad LINDRING_BASE_URL {base_url!r}"
    users: dict[str, tuple[str, str]] = {}
    users_file = os.environ.get("LINDRING_DEMO_USERS_FILE")
    if users_file:
        users = parse_demo_users(Path(users_file).read_text(encoding="utf-8").splitlines())
    env = dict(os.environ)
    server = LindringServer(
        base_url=base_url,
        users=users,
        database_url=os.environ.get("DATABASE_URL"),
        binary=lindring_bin(),
        env=env,
    )
    _wait_ready(server, 30)
    return server


@pytest.fixture(scope="module")
def lindring(request) -> LindringServer:
    """A running Lindring server with demo data.

    Module-scoped on purpose: each test module gets its own server and database,
    so the API fuzzing in one module cannot change the demo users that the browser
    tests in another module log in with, and login throttling in one module does
    not leak into another.
    """
    if os.environ.get("LINDRING_BASE_URL"):
        yield _external_server()
        return
    name = Path(str(request.fspath)).stem
    server = _start_server(name)
    try:
        yield server
    finally:
        _stop_server(server, check=True)
    # Only reached when the server stopped cleanly; otherwise its log stays for a look.
    if server.workdir is not None:
        shutil.rmtree(server.workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def openapi(lindring: LindringServer) -> dict:
    """The OpenAPI document the module's server serves."""
    return openapi_document(lindring.base_url)


@pytest.fixture(autouse=True)
def _lindring_still_running(request):
    """Names a server that died during a test, instead of leaving only connection errors."""
    yield
    if "lindring" not in request.fixturenames:
        return
    server = request.getfixturevalue("lindring")
    if server.proc is not None and server.proc.poll() is not None:
        pytest.fail(f"{_describe_exit(server)}\n--- server output ---\n{server.log_tail()}")
