"""Helpers and fixtures for the tests that act as demo users through the API and the database
(loaded as a pytest plugin by conftest.py, so its fixtures reach every module):

- every demo user's password by user name (conftest keeps only the first user per role,
  and the plan tests need both clinicians: `klinik` on RH-PAL, `hjemmepleje` on HJ-101);
- read-only look-ups in the server's SQLite database to pick demo patients with a given
  care team (UUIDs are stored as upper-case text there, as in the app's URLs);
- an API client with a bearer token from `lindring api-token`;
- a headless Chromium of a given window size, for several sessions at once;
- fixtures the API and browser modules share: an API client per demo user, `browsers`, demo
  patients on given care teams and `patient`, one registered for the module.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from conftest import DEMO_USER_LINE, LindringServer

TIMEOUT = 15

KEY_UNIT = "RH-PAL"  # klinik's unit: Palliativt Team, Rigshospitalet
HOME_CARE_UNIT = "HJ-101"  # hjemmepleje's unit: Hjemmeplejen, København Kommune

# The demo users the tests act as.
ADMIN = "admin"
KEY_WORKER = "klinik"  # clinician, RH-PAL (Palliativt Team, Rigshospitalet): key worker of the patients registered in the tests
NURSE = "hjemmepleje"  # clinician, HJ-101 (home care): on those care teams, not key worker
ADVISOR = "raadgiver"  # advisor, PAL-247
FINANCE = "oekonomi"
AUDITOR = "revisor"

# The `patient` fixture's patient (the self-report pages may show her first name only).
FIRST_NAME, MIDDLE_NAME, SURNAME = "Gudrun", "Lykke", "Skærmesen"
PATIENT_NAME = f"{FIRST_NAME} {MIDDLE_NAME} {SURNAME}"


# --- demo users ------------------------------------------------------------------


def demo_passwords(server: LindringServer) -> dict[str, str]:
    """User name -> password for every user in the server's "Demo users" block."""
    lines: list[str] = list(server.output)
    users_file = os.environ.get("LINDRING_DEMO_USERS_FILE")
    if not lines and users_file:
        lines = Path(users_file).read_text(encoding="utf-8").splitlines()
    passwords: dict[str, str] = {}
    for line in lines:
        match = DEMO_USER_LINE.match(line.rstrip("\r\n"))
        if match:
            username, password, _role = match.groups()
            passwords.setdefault(username, password)
    return passwords


def password_of(server: LindringServer, username: str) -> str:
    passwords = demo_passwords(server)
    assert username in passwords, (
        f"the server printed no demo user {username!r}; users printed: {sorted(passwords)}"
    )
    return passwords[username]


# --- the database ------------------------------------------------------------------


def sqlite_path(server: LindringServer) -> Path:
    url = server.database_url or ""
    if not url.startswith("sqlite:"):
        pytest.skip(f"these tests pick demo patients from a SQLite database; DATABASE_URL is {url!r}")
    path = urlsplit(url).path if url.startswith("sqlite://") else url[len("sqlite:") :]
    assert path and Path(path).is_file(), f"no SQLite database at {path!r} (from {url!r})"
    return Path(path)


@dataclass(frozen=True)
class DemoPatient:
    id: str
    cpr: str  # 10 digits, as stored
    name: str
    sharing_consent: str
    registering_unit: str  # unit code

    @property
    def cpr_dashed(self) -> str:
        return f"{self.cpr[:6]}-{self.cpr[6:]}"


class Db:
    """Read-only look-ups in the server's database (only SELECTs; the server owns it)."""

    def __init__(self, server: LindringServer):
        self.path = sqlite_path(server)

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def unit_id(self, code: str) -> str:
        rows = self._query("SELECT id FROM units WHERE code = ?", (code,))
        assert rows, f"no unit with code {code!r} in the database"
        return rows[0][0]

    def patients(self, where: str, params: tuple = (), limit: int = 50) -> list[DemoPatient]:
        """Patients matching an SQL condition on `p` (patients) and `ru` (registering unit)."""
        rows = self._query(
            "SELECT p.id, p.cpr, p.name, p.sharing_consent, ru.code FROM patients p "
            "JOIN units ru ON ru.id = p.registering_unit_id "
            f"WHERE {where} ORDER BY p.cpr LIMIT ?",
            (*params, limit),
        )
        return [DemoPatient(*row) for row in rows]

    def name_count(self, name: str) -> int:
        return self._query("SELECT count(*) FROM patients WHERE name = ?", (name,))[0][0]

    def on_care_teams_of(self, *codes: str, consent: str | None = "given") -> list[DemoPatient]:
        """Patients whose care team includes every one of the units `codes`, unique names first; only
        plans still in use (the demo has patients who have died, whose ended plans cannot be changed)."""
        conditions = [
            "EXISTS (SELECT 1 FROM plan_care_team t JOIN units u ON u.id = t.unit_id "
            "WHERE t.patient_id = p.id AND u.code = ?)"
            for _ in codes
        ] + ["EXISTS (SELECT 1 FROM plans pl WHERE pl.patient_id = p.id AND pl.status = 'active')"]
        params: tuple = tuple(codes)
        if consent is not None:
            conditions.append("p.sharing_consent = ?")
            params += (consent,)
        found = self.patients(" AND ".join(conditions), params, limit=200)
        return sorted(found, key=lambda patient: self.name_count(patient.name) > 1)

    def outside_unit(self, code: str, consent: str | None = "given") -> list[DemoPatient]:
        """Patients neither registered by nor with a care team including unit `code`."""
        where = (
            "ru.code <> ? AND NOT EXISTS (SELECT 1 FROM plan_care_team t JOIN units u ON u.id = t.unit_id "
            "WHERE t.patient_id = p.id AND u.code = ?)"
        )
        params: tuple = (code, code)
        if consent is not None:
            where += " AND p.sharing_consent = ?"
            params += (consent,)
        return self.patients(where, params, limit=200)

    def cpr_taken(self, cpr: str) -> bool:
        return bool(self._query("SELECT 1 FROM patients WHERE cpr = ?", (cpr.replace("-", ""),)))

    def audit_entries(self, patient_id: str) -> list[dict]:
        rows = self._query(
            "SELECT seq, username, action, outcome, purpose FROM audit_entries WHERE patient_id = ? ORDER BY seq",
            (patient_id,),
        )
        return [dict(zip(("seq", "username", "action", "outcome", "purpose"), row)) for row in rows]


def fresh_cpr(db: Db | None = None, rng: random.Random | None = None) -> str:
    """A synthetic, well-formed CPR number (DDMMYY-XXXX) that no patient has yet.

    Born 1930-1999, so the century digit (7th) is 0-3; the last digits are random.
    """
    rng = rng or random.Random()
    for _ in range(200):
        born = date(1930, 1, 1) + timedelta(days=rng.randrange(365 * 69))
        cpr = f"{born:%d%m%y}-{rng.choice('0123')}{rng.randrange(1000):03d}"
        if db is None or not db.cpr_taken(cpr):
            return cpr
    raise AssertionError("found no free CPR number in 200 tries")


# --- the API -----------------------------------------------------------------------


class Api:
    """A `requests` session against /api/v1 as one user (bearer token from the CLI)."""

    def __init__(self, server: LindringServer, username: str):
        self.server = server
        self.username = username
        self.token = server.api_token(username)
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {self.token}"

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        return self.session.request(method, self.server.url("/api/v1" + path), **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body, **kwargs) -> requests.Response:
        return self.request("POST", path, json=body, **kwargs)

    def put(self, path: str, body, **kwargs) -> requests.Response:
        return self.request("PUT", path, json=body, **kwargs)

    def close(self) -> None:
        self.session.close()


def describe(response: requests.Response) -> str:
    return (
        f"{response.request.method} {urlsplit(response.url).path} answered {response.status_code} "
        f"({response.headers.get('Content-Type')}): {response.text[:400]}"
    )


def expect_json(response: requests.Response, status: int) -> dict:
    assert response.status_code == status, f"expected {status}: {describe(response)}"
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    assert content_type == "application/json", f"expected application/json: {describe(response)}"
    return response.json()


def expect_problem(response: requests.Response, status: int) -> dict:
    """An RFC 9457 problem document with the given status (same rules as test_api_contract)."""
    assert response.status_code == status, f"expected {status} problem+json: {describe(response)}"
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    assert content_type == "application/problem+json", f"expected application/problem+json: {describe(response)}"
    body = response.json()
    assert isinstance(body, dict), f"a problem document is a JSON object: {body!r}"
    assert "title" in body or "type" in body, f"problem document without type or title: {body}"
    if "status" in body:
        assert body["status"] == status, f"problem status {body['status']} != HTTP status {status}"
    return body


def problem_fields(problem: dict) -> set[tuple[str, str]]:
    return {(error.get("field"), error.get("code")) for error in problem.get("errors") or []}


def plan_input(plan: dict) -> dict:
    """A plan as GET answered it, without the read-only members, to send back with PUT."""
    return {key: value for key, value in plan.items() if key not in ("patientId", "version", "updatedAt")}


def pretty(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)[:1500]


# --- browsers ----------------------------------------------------------------------

CHROMIUM = os.environ.get("LINDRING_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("LINDRING_CHROMEDRIVER", "/usr/bin/chromedriver")

DESKTOP = (1366, 768)
PHONE = (390, 844)


def new_chrome(width: int = DESKTOP[0], height: int = DESKTOP[1]):
    """A headless Chromium like test_browser_smoke's `browser` fixture, at a chosen size."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.add_argument("--headless=new")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.add_argument("--no-first-run")
    options.add_argument("--disable-background-networking")
    options.add_argument("--disable-component-update")
    options.add_argument("--disable-sync")
    options.add_argument("--disable-default-apps")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    return driver


# --- fixtures shared by the patient modules (each module still gets its own server) ---

@pytest.fixture(scope="module")
def db(lindring: LindringServer) -> Db:
    return Db(lindring)


@pytest.fixture(scope="module")
def shared_patients(db: Db) -> list[DemoPatient]:
    """Consenting demo patients on both RH-PAL's and HJ-101's care team, unique names first."""
    found = db.on_care_teams_of(KEY_UNIT, HOME_CARE_UNIT)
    assert len(found) >= 3, (
        f"the demo data has {len(found)} consenting patients on the care teams of both "
        f"{KEY_UNIT} and {HOME_CARE_UNIT}; these tests need 3"
    )
    return found


@pytest.fixture(scope="module")
def outside_patient(db: Db) -> DemoPatient:
    """A consenting patient whom HJ-101 neither registered nor has on its care team."""
    found = db.outside_unit(HOME_CARE_UNIT)
    assert found, f"the demo data has no consenting patient outside {HOME_CARE_UNIT}'s care"
    return found[0]


@pytest.fixture(scope="module")
def key_unit_id(db: Db) -> str:
    return db.unit_id(KEY_UNIT)


@pytest.fixture(scope="module")
def patient(key_worker: Api, db: Db) -> dict:
    """A consenting patient with a plan naming RH-PAL as key worker and HJ-101 as home care,
    registered for the module (PATIENT_NAME)."""
    body = {"cpr": fresh_cpr(db), "name": PATIENT_NAME, "diagnosisGroup": "cancer", "sharingConsent": "given"}
    created = expect_json(key_worker.post("/patients", body), 201)
    team = [{"role": "keyWorker", "unitId": db.unit_id(KEY_UNIT)}, {"role": "homeCare", "unitId": db.unit_id(HOME_CARE_UNIT)}]
    expect_json(key_worker.post(f"/patients/{created['id']}/plan", {"careTeam": team}), 201)
    return created


def user_api(username: str):
    """A module-scoped fixture: an API client with `username`'s bearer token."""

    @pytest.fixture(scope="module")
    def fixture(lindring: LindringServer):
        api = Api(lindring, username)
        yield api
        api.close()

    return fixture


# The demo users the API tests act as, one client per module.
key_worker = user_api(KEY_WORKER)
nurse = user_api(NURSE)
advisor = user_api(ADVISOR)
finance = user_api(FINANCE)
admin = user_api(ADMIN)


@pytest.fixture
def browsers():
    """Opens headless Chromiums on demand and quits them all: `browsers()` at desktop size,
    `browsers(width, height)` in a window of that size, `browsers(phone=True)` as a 390 x 844
    touch screen (emulated: headless Chromium keeps windows at least 500 px wide)."""
    opened = []

    def open_browser(width: int = DESKTOP[0], height: int = DESKTOP[1], phone: bool = False):
        driver = new_chrome(*(PHONE if phone else (width, height)))
        opened.append(driver)
        if phone:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 2, "mobile": True})
            driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
        return driver

    yield open_browser
    for driver in opened:
        try:
            driver.quit()
        except Exception:  # noqa: BLE001 - quitting is best effort
            pass
