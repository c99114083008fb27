"""Durability of the advisory line's contacts across a crash (`kill -9`) of the server.

The test runs its own `lindring serve` on a fresh temporary SQLite database (it cannot use the
shared `lindring` fixture: it kills the server). Each round:

1. several client threads post valid contacts to `POST /api/v1/contacts` as the advisor
   `raadgiver`, each with a new Idempotency-Key, and note what became of every request:
   201 with the contact's id, another status, or a connection error / timeout;
2. while they are still posting, the server is killed with SIGKILL (no shutdown of any kind);
3. the server is started again on the same database (plain `serve`; the demo data was loaded
   by the first start) and the database is read directly (read-only, sqlite3):
   - every contact that was answered 201 is stored exactly once, under the id the 201 gave;
   - no contact is stored that was never posted, and every stored contact is complete: its
     fields, reasons and actions as posted, its follow-up when it has one, and exactly one
     `contact.create` audit entry; no reasons, actions, follow-ups or `contact.create` audit
     entries point at a contact that is not stored; the per-day statistics counts
     (`contact_day_counts`) equal a recount of the stored contacts (demo data included);
   - SQLite's `integrity_check` and `foreign_key_check` find nothing;
4. every request of the round is sent again with the same body and Idempotency-Key: a stored
   contact answers 200 (a replay) with the same id and nothing new is stored; one that was not stored
   (its request failed) is stored exactly once; afterwards there is exactly one contact per
   key, and the checks of step 3 pass again;
5. `lindring audit verify` exits 0 (the hash chain survived the crash).

At the end the server is stopped with SIGTERM (it must exit 0) and `lindring audit verify`
runs once more.

By default this is the quick version that CI runs (8 clients, one round, the kill after about
300 acknowledged contacts or 3 seconds). `LINDRING_DURABILITY_FULL=1` runs the full one
(16 clients, 3 rounds, the kill after about 2000 contacts or 20 seconds each); single settings
can be changed with LINDRING_DURABILITY_CLIENTS, _ROUNDS, _KILL_AFTER (acknowledged contacts)
and _KILL_AFTER_SECONDS. LINDRING_DURABILITY_KEEP=1 keeps the temporary directory (database and
server logs) for a look afterwards. See e2e/README.md.
"""

from __future__ import annotations

import logging
import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests

from advisory_vocabulary import AdvisoryVocabulary, advisory_vocabulary

from conftest import free_port, lindring_bin, openapi_document
from patients_support import ADVISOR

log = logging.getLogger("durability")

CPH = ZoneInfo("Europe/Copenhagen")

ADVISORY_UNIT = "PAL-247"
KEY_PREFIX = "durability-"


def _full() -> bool:
    return os.environ.get("LINDRING_DURABILITY_FULL", "").strip().lower() not in ("", "0", "false", "no")


def _setting(name: str, quick: float, full: float) -> float:
    return float(os.environ.get(f"LINDRING_DURABILITY_{name}", full if _full() else quick))


CLIENTS = int(_setting("CLIENTS", 8, 16))
ROUNDS = int(_setting("ROUNDS", 1, 3))
KILL_AFTER_CONTACTS = int(_setting("KILL_AFTER", 300, 2000))  # acknowledged (201) contacts in a round ...
KILL_AFTER_SECONDS = _setting("KILL_AFTER_SECONDS", 3, 20)  # ... or this long, whichever comes first
MIN_ACKNOWLEDGED = 20  # but never before this many 201s in the round (a slow machine)
MIN_ACKNOWLEDGED_WAIT = 120  # seconds to wait for them
KEEP = os.environ.get("LINDRING_DURABILITY_KEEP", "").strip() not in ("", "0")
STARTUP_TIMEOUT = float(os.environ.get("LINDRING_STARTUP_TIMEOUT", "300"))
LOAD_TIMEOUT = (3, 10)  # connect, read: a request that outlives the kill is a failed one anyway
RETRY_TIMEOUT = 60  # after the restart nothing may fail

# Contacts go on days in February 2022: well over a year back, so the demo data (the last 365
# days) has none there, and no clock change in the month.
FIRST_DAY = date(2022, 2, 1)
DAYS = 28

# How the statistics count a stored contact (written out here, independently of the server):
# (dimension, key expression or None for the single key "", table, condition or None).
DAY_COUNT_DIMENSIONS = [
    ("total", None, "contacts", None),
    ("outside", None, "contacts", "outside_working_hours"),
    ("homeKnown", None, "contacts", "stayed_at_home IS NOT NULL"),
    ("home", None, "contacts", "stayed_at_home"),
    ("callerRole", "caller_role", "contacts", None),
    ("triage", "triage", "contacts", None),
    ("outcome", "outcome", "contacts", None),
    ("channel", "channel", "contacts", None),
    ("weekdayHour", "local_weekday || '-' || local_hour", "contacts", None),
    ("reason", "reason", "contact_reasons", None),
    ("action", "action", "contact_actions", None),
]

SHOW = 15  # problems shown per failed check


# --- the server under test ----------------------------------------------------------------------


class Server:
    """One `lindring serve` process of ours, in its own process group, output to a log file."""

    def __init__(self, workdir: Path, env: dict[str, str], name: str, demo: bool):
        self.name = name
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"server-{name}.log"
        args = [str(lindring_bin()), "serve", *(["--demo"] if demo else []), "--hostname", "127.0.0.1", "--port", str(self.port)]
        with open(self.log_path, "w", encoding="utf-8") as out:
            self.proc = subprocess.Popen(args, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True)

    def url(self, path: str) -> str:
        return self.base_url + path

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as error:
            return f"(no log: {error})"
        return "\n".join(lines[-n:])

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        last = "no attempt yet"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"lindring serve ({self.name}) exited early with code {self.proc.returncode}\n"
                            f"--- server output ---\n{self.log_tail()}")
            try:
                response = requests.get(self.url("/readyz"), timeout=2, allow_redirects=False)
                if response.status_code == 200:
                    return
                last = f"/readyz answered {response.status_code}"
            except requests.RequestException as error:
                last = f"{type(error).__name__}: {error}"
            time.sleep(0.2)
        pytest.fail(f"lindring serve ({self.name}) was not ready within {timeout:.0f}s ({last})\n"
                    f"--- server output ---\n{self.log_tail()}")

    def kill9(self) -> None:
        """The crash: SIGKILL to the server's process group (the server and anything it started)."""
        assert self.proc.poll() is None, (f"lindring serve ({self.name}) died before the kill, code {self.proc.returncode}\n"
                                          f"--- server output ---\n{self.log_tail()}")
        os.killpg(self.proc.pid, signal.SIGKILL)  # not yet reaped, so the group id is still ours
        code = self.proc.wait(timeout=30)
        assert code == -signal.SIGKILL, f"lindring serve ({self.name}) exited with {code} instead of dying of SIGKILL"

    def stop(self) -> None:
        """A graceful stop: SIGTERM, and a clean exit (0) within 10 s."""
        assert self.proc.poll() is None, (f"lindring serve ({self.name}) had already exited with code {self.proc.returncode}\n"
                                          f"--- server output ---\n{self.log_tail()}")
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail(f"lindring serve ({self.name}) did not stop within 10 s of SIGTERM\n--- server output ---\n{self.log_tail()}")
        assert code == 0, f"lindring serve ({self.name}) exited with code {code} on SIGTERM\n--- server output ---\n{self.log_tail()}"

    def cleanup(self) -> None:
        """Whatever happened: nothing of ours keeps running."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                log.error("lindring serve (%s, pid %d) did not die of SIGKILL", self.name, self.proc.pid)


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(lindring_bin()), *args], env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)


def api_token(env: dict[str, str], username: str) -> str:
    result = run_cli(env, "api-token", "--username", username)
    assert result.returncode == 0, (f"`lindring api-token --username {username}` exited {result.returncode}\n"
                                    f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines, f"`lindring api-token` printed nothing; stderr:\n{result.stderr}"
    return lines[-1]


def audit_verify(env: dict[str, str], when: str) -> None:
    result = run_cli(env, "audit", "verify")
    assert result.returncode == 0, (f"`lindring audit verify` {when} exited {result.returncode}\n"
                                    f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    log.info("audit verify %s: %s", when, result.stdout.strip().splitlines()[-1:] or "")


# --- what the clients sent and got ------------------------------------------------------------------


@dataclass
class Attempt:
    key: str
    body: dict
    round: int
    results: list[str] = field(default_factory=list)  # "201 <id>", "HTTP <status> ...", "error <type>"
    acknowledged_id: str | None = None  # the id of the first 201


class Ledger:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.attempts: dict[str, Attempt] = {}
        self.acknowledged = 0
        self.in_flight = 0

    def add(self, attempt: Attempt) -> None:
        with self.lock:
            assert attempt.key not in self.attempts
            self.attempts[attempt.key] = attempt
            self.in_flight += 1

    def done(self, attempt: Attempt, result: str, acknowledged_id: str | None = None) -> None:
        with self.lock:
            attempt.results.append(result)
            self.in_flight -= 1
            if acknowledged_id is not None:
                attempt.acknowledged_id = attempt.acknowledged_id or acknowledged_id
                self.acknowledged += 1

    def of_round(self, round_no: int) -> list[Attempt]:
        with self.lock:
            return [a for a in self.attempts.values() if a.round == round_no]

    def all(self) -> list[Attempt]:
        with self.lock:
            return list(self.attempts.values())


def contact_body(rng: random.Random, unit_id: str, vocabulary: AdvisoryVocabulary) -> dict:
    """A valid contact with varied fields, on a day in February 2022 (Copenhagen time)."""
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    start = datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), rng.randrange(60), tzinfo=CPH)
    body: dict = {
        "startedAt": start.isoformat(),
        "endedAt": (start + timedelta(minutes=rng.randint(1, 90))).isoformat(),
        "channel": rng.choice(vocabulary.channels),
        "direction": rng.choice(vocabulary.directions),
        "callerRole": rng.choice(vocabulary.caller_roles),
        "reasons": rng.sample(vocabulary.reasons, rng.randint(1, 3)),
        "triage": rng.choice(vocabulary.triages),
        "actions": rng.sample(vocabulary.actions, rng.randint(0, 3)),
        "outcome": rng.choice(vocabulary.outcomes),
    }
    if rng.random() < 0.6:
        body["stayedAtHome"] = rng.random() < 0.5
    if body["outcome"] == "needsFollowUp" or "callbackScheduled" in body["actions"]:
        body["followUp"] = {"text": "Ring tilbage i morgen", "unitId": unit_id}
    return body


def post_contact(session: requests.Session, server: Server, attempt: Attempt, timeout) -> tuple[str, str | None, float]:
    """Sends one attempt; (result, id of a 201 or of a replay's 200, seconds to wait before the next request)."""
    try:
        response = session.post(server.url("/api/v1/contacts"), json=attempt.body, timeout=timeout, allow_redirects=False,
                                headers={"Idempotency-Key": attempt.key})
    except requests.RequestException as error:
        return f"error {type(error).__name__}: {str(error)[:200]}", None, 0.05
    if response.status_code in (200, 201):
        try:
            contact_id = response.json()["id"]
        except (ValueError, KeyError, TypeError):
            return f"HTTP {response.status_code} without an id: {response.text[:200]!r}", None, 0
        return f"{response.status_code} {contact_id}", contact_id, 0
    pause = 0.0
    if response.status_code in (429, 503):
        try:
            pause = min(float(response.headers.get("Retry-After", "1")), 5)
        except ValueError:
            pause = 1
    return f"HTTP {response.status_code} {response.text[:200]!r}", None, pause


def result_kind(result: str) -> str:
    """"201", "HTTP 500", "error ConnectionError", ..."""
    return " ".join(result.split(" ")[:2]).rstrip(":") if not result.startswith(("200", "201")) else result[:3]


def load_until_killed(server: Server, token: str, unit_id: str, ledger: Ledger, round_no: int,
                      vocabulary: AdvisoryVocabulary) -> dict:
    """Clients post until the server is killed with SIGKILL in the middle of it; a summary."""
    stop = threading.Event()
    acknowledged_before = ledger.acknowledged

    def client(number: int) -> None:
        rng = random.Random(f"{round_no}-{number}")
        with requests.Session() as session:
            session.headers["Authorization"] = f"Bearer {token}"
            while not stop.is_set():
                attempt = Attempt(f"{KEY_PREFIX}{round_no}-{uuid.uuid4()}", contact_body(rng, unit_id, vocabulary), round_no)
                ledger.add(attempt)
                result, contact_id, pause = post_contact(session, server, attempt, LOAD_TIMEOUT)
                ledger.done(attempt, result, contact_id)
                if pause:
                    stop.wait(pause)

    threads = [threading.Thread(target=client, args=(n,), name=f"durability-client-{n}", daemon=True) for n in range(CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        while True:
            time.sleep(0.01)
            acknowledged = ledger.acknowledged - acknowledged_before
            elapsed = time.monotonic() - started
            if acknowledged >= KILL_AFTER_CONTACTS or (elapsed >= KILL_AFTER_SECONDS and acknowledged >= MIN_ACKNOWLEDGED):
                break
            if elapsed > KILL_AFTER_SECONDS + MIN_ACKNOWLEDGED_WAIT:
                pytest.fail(f"round {round_no}: only {acknowledged} contacts acknowledged in {elapsed:.0f}s\n"
                            f"--- server output ---\n{server.log_tail()}")
            if server.proc.poll() is not None:
                pytest.fail(f"round {round_no}: lindring serve died under load with code {server.proc.returncode}\n"
                            f"--- server output ---\n{server.log_tail()}")
        in_flight = ledger.in_flight
        server.kill9()
        killed_after = time.monotonic() - started
    finally:
        # the clients see connection errors now; let each finish the request it is in
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a client thread did not stop within 60 s of the kill"
    attempts = ledger.of_round(round_no)
    summary = {
        "round": round_no,
        "requests": len(attempts),
        "acknowledged": sum(1 for a in attempts if a.acknowledged_id),
        "in_flight_at_kill": in_flight,
        "killed_after_s": round(killed_after, 2),
        "failed": sum(1 for a in attempts if not a.acknowledged_id),
        "results": dict(Counter(result_kind(a.results[0]) for a in attempts)),
    }
    log.info("round %d load: %s", round_no, summary)
    return summary


# --- reading the database ------------------------------------------------------------------------


class Db:
    """Read-only queries on the server's SQLite file (while the server runs: WAL lets us read)."""

    def __init__(self, path: Path):
        self.path = path

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def scalar(self, sql: str, params: tuple = ()):
        rows = self.query(sql, params)
        assert rows, f"no row for {sql} {params}"
        return rows[0][0]


STORED_FIELDS = ["local_date", "duration_seconds", "channel", "direction", "caller_role", "triage", "outcome", "stayed_at_home"]


def expected_stored_fields(body: dict) -> dict:
    start = datetime.fromisoformat(body["startedAt"])
    end = datetime.fromisoformat(body["endedAt"])
    home = body.get("stayedAtHome")
    return {
        "local_date": start.astimezone(CPH).date().isoformat(),
        "duration_seconds": int((end - start).total_seconds()),
        "channel": body["channel"],
        "direction": body["direction"],
        "caller_role": body["callerRole"],
        "triage": body["triage"],
        "outcome": body["outcome"],
        "stayed_at_home": None if home is None else int(home),
    }


def check_store(db: Db, ledger: Ledger, advisor_id: str, unit_id: str, when: str, every_key_stored: bool) -> dict[str, str]:
    """Checks the stored contacts against what the clients sent and were told; returns key -> stored id."""
    problems: dict[str, list[str]] = {}

    def problem(check: str, text: str) -> None:
        problems.setdefault(check, []).append(text)

    columns = ["id", "idempotency_key", "created_by", *STORED_FIELDS]
    rows = db.query(f"SELECT {', '.join(columns)} FROM contacts WHERE idempotency_key LIKE ?", (KEY_PREFIX + "%",))
    stored = [dict(zip(columns, row)) for row in rows]
    by_key: dict[str, dict] = {}
    for key, n in Counter(row["idempotency_key"] for row in stored).items():
        if n != 1:
            problem("stored more than once", f"{key}: {n} contacts")
    for row in stored:
        by_key[row["idempotency_key"]] = row
    ids = {row["id"].upper() for row in stored}

    reasons: dict[str, set[str]] = {}
    for contact_id, reason in db.query("SELECT contact_id, reason FROM contact_reasons"):
        reasons.setdefault(contact_id.upper(), set()).add(reason)
    actions: dict[str, set[str]] = {}
    for contact_id, action in db.query("SELECT contact_id, action FROM contact_actions"):
        actions.setdefault(contact_id.upper(), set()).add(action)
    follow_ups: dict[str, list[str]] = {}
    for contact_id, follow_unit in db.query("SELECT contact_id, unit_id FROM follow_ups"):
        follow_ups.setdefault(contact_id.upper(), []).append(follow_unit.upper())
    audits = Counter(entity_id.upper() for (entity_id,) in db.query(
        "SELECT entity_id FROM audit_entries WHERE action = 'contact.create' AND outcome = 'allowed'"))
    every_contact = {contact_id.upper() for (contact_id,) in db.query("SELECT id FROM contacts")}

    attempts = {a.key: a for a in ledger.all()}
    for attempt in attempts.values():
        row = by_key.get(attempt.key)
        if attempt.acknowledged_id:
            if row is None:
                problem("acknowledged (201) but not stored", f"{attempt.key} id {attempt.acknowledged_id} {attempt.results}")
            elif row["id"].upper() != attempt.acknowledged_id.upper():
                problem("stored under another id than the 201 gave", f"{attempt.key}: 201 gave {attempt.acknowledged_id}, stored {row['id']}")
        elif row is None and every_key_stored:
            problem("not stored even after the retry", f"{attempt.key} {attempt.results}")

    for key, row in by_key.items():
        attempt = attempts.get(key)
        contact_id = row["id"].upper()
        if attempt is None:
            problem("stored, but never posted", f"{key} id {contact_id}")
            continue
        if row["created_by"].upper() != advisor_id.upper():
            problem("wrong author", f"{key}: created_by {row['created_by']}")
        expected = expected_stored_fields(attempt.body)
        wrong = {name: (row[name], value) for name, value in expected.items() if row[name] != value}
        if wrong:
            problem("stored fields differ from the request", f"{key} {contact_id}: (stored, sent) {wrong}")
        if reasons.get(contact_id, set()) != set(attempt.body["reasons"]):
            problem("reasons missing or wrong (half-stored)", f"{key} {contact_id}: stored {sorted(reasons.get(contact_id, []))}, "
                                                              f"sent {sorted(attempt.body['reasons'])}")
        if actions.get(contact_id, set()) != set(attempt.body["actions"]):
            problem("actions missing or wrong (half-stored)", f"{key} {contact_id}: stored {sorted(actions.get(contact_id, []))}, "
                                                              f"sent {sorted(attempt.body['actions'])}")
        expected_follow_ups = [unit_id.upper()] if "followUp" in attempt.body else []
        if follow_ups.get(contact_id, []) != expected_follow_ups:
            problem("follow-up missing or wrong (half-stored)", f"{key} {contact_id}: stored {follow_ups.get(contact_id, [])}, "
                                                                f"expected {expected_follow_ups}")
        if audits.get(contact_id, 0) != 1:
            problem("not exactly one contact.create audit entry", f"{key} {contact_id}: {audits.get(contact_id, 0)} entries")

    # nothing points at a contact that is not there, and no contact lacks its reasons
    for name, table in (("reasons", reasons), ("actions", actions), ("follow-ups", follow_ups)):
        for contact_id in sorted(set(table) - every_contact):
            problem(f"{name} of a contact that is not stored", contact_id)
    for contact_id in sorted(set(audits) - every_contact):
        problem("contact.create audit entry for a contact that is not stored", contact_id)
    for contact_id in sorted(every_contact - set(reasons)):
        problem("stored contact without reasons (half-stored)", contact_id)
    unacknowledged_ids = ids - {a.acknowledged_id.upper() for a in attempts.values() if a.acknowledged_id}
    log.info("%s: %d of the test's contacts stored (%d of them without a 201 to their first request), %d contacts in all",
             when, len(stored), len(unacknowledged_ids), len(every_contact))

    # the statistics' per-day counts agree with the stored contacts
    recount: Counter = Counter()
    for dimension, key, table, condition in DAY_COUNT_DIMENSIONS:
        sql = (f"SELECT local_date, {key or chr(39) * 2}, COUNT(*) FROM {table}"
               f"{' WHERE ' + condition if condition else ''} GROUP BY local_date{', ' + key if key else ''}")
        for local_date, value, n in db.query(sql):
            recount[(local_date, dimension, str(value))] += n
    counted = Counter({(d, dim, k): n for d, dim, k, n in db.query("SELECT local_date, dimension, key, n FROM contact_day_counts")})
    differ = sorted(k for k in set(recount) | set(counted) if recount.get(k, 0) != counted.get(k, 0))
    for k in differ[:SHOW]:
        problem("contact_day_counts differ from a recount", f"{k}: counted {counted.get(k, 0)}, recount {recount.get(k, 0)}")
    ours_total = sum(n for (d, dim, _), n in counted.items() if dim == "total" and d.startswith(FIRST_DAY.strftime("%Y-%m")))
    if ours_total != len(stored):
        problem("contact_day_counts total on the test's days", f"{ours_total}, but {len(stored)} contacts stored")

    integrity = db.query("PRAGMA integrity_check")
    if integrity != [("ok",)]:
        problem("PRAGMA integrity_check", str(integrity[:SHOW]))
    for row in db.query("PRAGMA foreign_key_check"):
        problem("PRAGMA foreign_key_check", str(row))

    if problems:
        lines = [f"{when}: the database is not as the clients were told ({len(stored)} contacts of the test stored, "
                 f"{sum(1 for a in attempts.values() if a.acknowledged_id)} acknowledged, {len(attempts)} posted)"]
        for check, texts in problems.items():
            lines.append(f"- {check}: {len(texts)}")
            lines += [f"    {t}" for t in texts[:SHOW]]
        lines.append("(LINDRING_DURABILITY_KEEP=1 keeps the database and the server logs for a look)")
        pytest.fail("\n".join(lines), pytrace=False)
    return {key: row["id"].upper() for key, row in by_key.items()}


def retry_all(server: Server, token: str, attempts: list[Attempt], ledger: Ledger) -> dict[str, str]:
    """Sends every attempt again (same key, same body) from CLIENTS threads; key -> id answered."""
    work: queue.Queue[Attempt] = queue.Queue()
    for attempt in attempts:
        work.put(attempt)
    answered: dict[str, str] = {}
    failures: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        with requests.Session() as session:
            session.headers["Authorization"] = f"Bearer {token}"
            while True:
                try:
                    attempt = work.get_nowait()
                except queue.Empty:
                    return
                for _ in range(5):  # a 429/503 is retried after its Retry-After; anything else is final
                    with ledger.lock:
                        ledger.in_flight += 1
                    result, contact_id, pause = post_contact(session, server, attempt, RETRY_TIMEOUT)
                    ledger.done(attempt, "retry " + result)  # the first 201 stays the acknowledged one
                    if not pause:
                        break
                    time.sleep(pause)
                with lock:
                    if contact_id:
                        answered[attempt.key] = contact_id.upper()
                    else:
                        failures.append(f"{attempt.key}: {result}")

    threads = [threading.Thread(target=client, name=f"durability-retry-{n}", daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads), "the retries did not finish within 600 s"
    assert not failures, (f"{len(failures)} of {len(attempts)} retries after the restart did not answer 200 or 201:\n"
                          + "\n".join(failures[:SHOW]) + f"\n--- server output ---\n{server.log_tail()}")
    return answered


# --- the test ------------------------------------------------------------------------------------


@pytest.mark.skipif(bool(os.environ.get("LINDRING_BASE_URL")), reason="kills the server: needs its own, not LINDRING_BASE_URL")
def test_contacts_survive_kill_9_exactly_once_and_retries_create_nothing_new():
    binary = lindring_bin()
    if not binary.is_file() or not os.access(binary, os.X_OK):
        pytest.fail(f"no lindring binary at {binary}: run `swift build` first or set LINDRING_BIN")
    log.info("durability: %d clients, %d round(s), kill after %d contacts or %.1f s", CLIENTS, ROUNDS,
             KILL_AFTER_CONTACTS, KILL_AFTER_SECONDS)

    workdir = Path(tempfile.mkdtemp(prefix="lindring-e2e-durability-"))
    database = workdir / "lindring.sqlite"
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite://{database}"  # sqlite:///abs/path
    env.setdefault("LOG_LEVEL", "info")
    servers: list[Server] = []
    try:
        # given a server with the demo data (once), the advisor's token and unit
        server = Server(workdir, env, "start", demo=True)
        servers.append(server)
        server.wait_ready()
        token = api_token(env, ADVISOR)
        vocabulary = advisory_vocabulary(openapi_document(server.base_url))
        db = Db(database)
        advisor_id = db.scalar("SELECT id FROM users WHERE username = ?", (ADVISOR,))
        unit_id = db.scalar("SELECT id FROM units WHERE code = ?", (ADVISORY_UNIT,))
        demo_contacts = db.scalar("SELECT COUNT(*) FROM contacts")
        ledger = Ledger()

        for round_no in range(1, ROUNDS + 1):
            # when clients post contacts and the server is killed with SIGKILL in the middle
            summary = load_until_killed(server, token, unit_id, ledger, round_no, vocabulary)
            assert summary["failed"] > 0, f"round {round_no}: no request failed, so the kill was not in the middle: {summary}"
            unexpected = [f"{a.key}: {a.results[0]}" for a in ledger.of_round(round_no)
                          if a.results[0].startswith("HTTP") and not a.results[0].startswith(("HTTP 429", "HTTP 503"))]
            assert not unexpected, (f"round {round_no}: the server refused or failed requests before the kill "
                                    f"({len(unexpected)}):\n" + "\n".join(unexpected[:SHOW]))

            # and started again on the same database
            server = Server(workdir, env, f"restart-{round_no}", demo=False)
            servers.append(server)
            server.wait_ready()

            # then every 201 is stored exactly once, and nothing is half-stored
            before = check_store(db, ledger, advisor_id, unit_id, f"round {round_no}, after the restart", every_key_stored=False)
            attempts = ledger.of_round(round_no)
            failed = [a for a in attempts if not a.acknowledged_id]
            log.info("round %d: %d of %d failed requests had been stored anyway (committed, not acknowledged)",
                     round_no, sum(1 for a in failed if a.key in before), len(failed))

            # when every request of the round is sent again with its Idempotency-Key
            answered = retry_all(server, token, attempts, ledger)

            # then stored ones answer their id and stay as they were, the others are stored once
            after = check_store(db, ledger, advisor_id, unit_id, f"round {round_no}, after the retries", every_key_stored=True)
            changed = [f"{k}: {before[k]} -> {after.get(k)}" for k in before if after.get(k) != before[k]]
            assert not changed, "a retry replaced a stored contact:\n" + "\n".join(changed[:SHOW])
            wrong = [f"{a.key}: answered {answered[a.key]}, stored {after.get(a.key)}" for a in attempts
                     if answered[a.key] != after.get(a.key)]
            assert not wrong, "a retry answered another id than the stored contact's:\n" + "\n".join(wrong[:SHOW])
            keys = len(ledger.all())
            assert len(after) == keys, f"{len(after)} contacts of the test stored for {keys} Idempotency-Keys"
            total = db.scalar("SELECT COUNT(*) FROM contacts")
            assert total == demo_contacts + keys, (f"{total} contacts in the database; expected the {demo_contacts} demo "
                                                   f"contacts and one per key ({keys})")
            audit_verify(env, f"after round {round_no}")

        # and a graceful stop leaves a database whose audit log is intact
        server.stop()
        audit_verify(env, "after the final stop")
    finally:
        for server in servers:
            server.cleanup()
        if KEEP:
            log.warning("kept %s (database and server logs)", workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
