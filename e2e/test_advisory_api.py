"""The advisory line's JSON API (/api/v1), black-box, with `requests`:

- `POST /contacts`: who may (advisors only), every field echoed, defaults (endedAt, channel,
  direction), 422 problem+json naming each bad field (and storing nothing), 404 for an
  unknown patient, the follow-up's default unit (the plan's key worker) and due time by
  triage (next Danish working day 10:00, end of the shift, start + 1 h; across weekends,
  Easter, Christmas and both DST changes), and the Idempotency-Key (also under concurrency);
- `GET /contacts` (Copenhagen days, newest first, paging with ties, patient filter) and
  `GET /contacts/{id}`;
- `GET /follow-ups` and `POST /follow-ups/{id}/done` (own unit only for clinicians, 409 twice);
  `/cancel` needs a note saying why, `/done` takes one; `POST /contacts/{id}/addenda` signs and keeps them;
- `GET /advisory/statistics`: exact figures for a set of contacts on otherwise empty days,
  computed here independently with zoneinfo Europe/Copenhagen;
- `GET /calendar/working-hours`: holidays, working-hour edges and DST;
- then schemathesis on these operations as the advisor `raadgiver`, with real ids.

Dates: every test writes contacts on its own past days (the table below the imports), so
that the lists and statistics over those days are exact; the module therefore needs a fresh
database (its own server, as by default). Fuzzing comes last: it changes data.
"""

from __future__ import annotations

import os
import statistics as pystats
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import requests

from advisory_vocabulary import AdvisoryVocabulary, advisory_vocabulary
from conftest import LindringServer
from patients_support import (
    ADMIN,
    FINANCE,
    HOME_CARE_UNIT,
    KEY_UNIT,
    KEY_WORKER,
    NURSE,
    TIMEOUT,
    Api,
    Db,
    describe,
    expect_json,
    expect_problem,
    fresh_cpr,
    pretty,
    problem_fields,
)
from schemathesis_run import run_schemathesis, toml_string

CPH = ZoneInfo("Europe/Copenhagen")
UTC = timezone.utc

ADVISORY_UNIT = "PAL-247"

# Which test writes contacts on which (Copenhagen) days, so that none sees another's:
#   2025-01-xx, 2025-04-16, 2025-10-24..26, 2025-12-23, 2026-03-29  follow-up defaults
#   2025-02-xx                                                       list and paging
#   2025-03-01 .. 2025-04-01                                         statistics (exact)
#   2025-05-xx                                                       full create, refusals, idempotency
#   2025-06-xx                                                       follow-ups and done
#   2025-07-xx, 2025-08-xx                                           schemathesis
#   2025-12-24, 2025-11-03                                           holiday on a contact
#   today, two days ago                                              endedAt default
# The demo data fills the last 365 days with contacts, so days whose counts are asserted
# exactly lie more than a year back (and stay there as time passes).

# The days the region closes the advisory line's day service (besides weekends), for the
# years used here, written out by hand rather than computed as the server does.
CLOSED_DAYS = {
    date(2025, 1, 1), date(2025, 4, 17), date(2025, 4, 18), date(2025, 4, 20), date(2025, 4, 21), date(2025, 5, 29),
    date(2025, 6, 8), date(2025, 6, 9), date(2025, 6, 5), date(2025, 12, 24), date(2025, 12, 25), date(2025, 12, 26),
    date(2025, 12, 31),
    date(2026, 1, 1), date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 5), date(2026, 4, 6), date(2026, 5, 14),
    date(2026, 5, 24), date(2026, 5, 25), date(2026, 6, 5), date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26),
    date(2026, 12, 31),
    date(2027, 1, 1), date(2027, 3, 25), date(2027, 3, 26), date(2027, 3, 28), date(2027, 3, 29),
    date(2023, 5, 5),  # Store bededag, a holiday until 2023
}


# --- time helpers -------------------------------------------------------------------------


def cph(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    """A Copenhagen wall-clock time (must not fall in the spring-forward gap)."""
    return datetime(y, mo, d, h, mi, s, tzinfo=CPH)


def iso(instant: datetime) -> str:
    return instant.isoformat()


def instant(text: str) -> datetime:
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert parsed.tzinfo is not None, f"{text!r} has no offset"
    return parsed


def same_instant(text: str, expected: datetime) -> bool:
    return instant(text) == expected


def outside_working_hours(at: datetime) -> bool:
    local = at.astimezone(CPH)
    working_day = local.weekday() < 5 and local.date() not in CLOSED_DAYS
    return not (working_day and 8 <= local.hour < 16)


def wide_range() -> dict[str, str]:
    """Every day a contact can be on (up to tomorrow), within the server's 10-year limit."""
    to = datetime.now(CPH).date() + timedelta(days=1)
    return {"from": (to - timedelta(days=3600)).isoformat(), "to": to.isoformat()}


# --- fixtures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Units:
    home_care: str  # HJ-101, hjemmepleje's
    key: str  # RH-PAL, klinik's
    advisory: str  # PAL-247, raadgiver's


@pytest.fixture(scope="module")
def vocabulary(openapi: dict) -> AdvisoryVocabulary:
    """The contact fields' values as the OpenAPI document lists them."""
    return advisory_vocabulary(openapi)


@pytest.fixture(scope="module")
def units(db: Db) -> Units:
    return Units(home_care=db.unit_id(HOME_CARE_UNIT), key=db.unit_id(KEY_UNIT), advisory=db.unit_id(ADVISORY_UNIT))


@pytest.fixture(scope="module")
def planned_patient(key_worker: Api, db: Db, units: Units) -> dict:
    """A consenting patient registered by RH-PAL whose plan names HJ-101 as key worker."""
    body = {"cpr": fresh_cpr(db), "name": "Rådgivning Plansen", "diagnosisGroup": "cancer", "sharingConsent": "given"}
    patient = expect_json(key_worker.post("/patients", body), 201)
    plan = {"careTeam": [{"role": "keyWorker", "unitId": units.home_care}]}
    expect_json(key_worker.post(f"/patients/{patient['id']}/plan", plan), 201)
    return patient


@pytest.fixture(scope="module")
def planless_patient(key_worker: Api, db: Db) -> dict:
    """A consenting patient without a plan (so no key worker to default a follow-up to)."""
    body = {"cpr": fresh_cpr(db), "name": "Uden Plansen", "diagnosisGroup": "other", "sharingConsent": "given"}
    return expect_json(key_worker.post("/patients", body), 201)


# --- API helpers ------------------------------------------------------------------------------


def contact_body(start: datetime, minutes: float | None = 10, **fields) -> dict:
    """A valid minimal contact starting at `start`, lasting `minutes` (None: no endedAt)."""
    body: dict = {
        "startedAt": iso(start),
        "callerRole": "relative",
        "reasons": ["pain"],
        "triage": "information",
        "outcome": "resolved",
    }
    if minutes is not None:
        body["endedAt"] = iso(start + timedelta(minutes=minutes))
    body.update(fields)
    return body


def create(api: Api, body: dict, **kwargs) -> dict:
    response = api.post("/contacts", body, **kwargs)
    created = expect_json(response, 201)
    location = response.headers.get("Location", "")
    assert location.rstrip("/").endswith(f"/api/v1/contacts/{created['id']}"), (
        f"Location {location!r} for contact {created['id']}"
    )
    return created


def all_contacts(api: Api, **params) -> list[dict]:
    """Every contact the list gives for the parameters (default: every day), following `next`."""
    query = (params or wide_range()) | {"limit": 200}
    items: list[dict] = []
    for _ in range(100):
        page = expect_json(api.get("/contacts", params=query), 200)
        items += page["items"]
        if not page["next"]:
            return items
        query = query | {"cursor": page["next"]}
    raise AssertionError("more than 100 pages of contacts")


def stored_counts(advisor: Api) -> tuple[int, int]:
    """(contacts on any day, open follow-ups) stored so far, as the advisor sees them.

    The demo data holds a year of contacts, so the contacts are counted by the statistics
    (one request) rather than by paging through the list; the open follow-ups are few.
    """
    total = expect_json(advisor.get("/advisory/statistics", params=wide_range()), 200)["total"]
    open_follow_ups = expect_json(advisor.get("/follow-ups", params={"status": "open", "limit": 200}), 200)["items"]
    assert len(open_follow_ups) < 200, "200 open follow-ups or more: this count would miss new ones"
    return total, len(open_follow_ups)


def follow_up_ids(api: Api, **params) -> set[str]:
    return {item["id"] for item in expect_json(api.get("/follow-ups", params={"limit": 200, **params}), 200)["items"]}


# --- who may ----------------------------------------------------------------------------------


def test_without_a_token_every_advisory_operation_is_401_problem_json(lindring: LindringServer):
    some_id = str(uuid.uuid4())
    for method, path, params, body in [
        ("POST", "/contacts", None, contact_body(cph(2025, 5, 5, 10))),
        ("GET", "/contacts", None, None),
        ("GET", f"/contacts/{some_id}", None, None),
        ("GET", "/follow-ups", None, None),
        ("POST", f"/follow-ups/{some_id}/done", None, None),
        ("POST", f"/follow-ups/{some_id}/cancel", None, {"note": "Indlagt"}),
        ("POST", f"/contacts/{some_id}/addenda", None, {"text": "Ringede tilbage"}),
        ("GET", "/advisory/statistics", {"from": "2025-03-01", "to": "2025-03-31"}, None),
        ("GET", "/calendar/working-hours", {"at": "2026-12-24T10:00:00+01:00"}, None),
    ]:
        response = requests.request(method, lindring.url("/api/v1" + path), params=params, json=body,
                                    timeout=TIMEOUT, allow_redirects=False)
        expect_problem(response, 401)


@pytest.mark.parametrize("username", [KEY_WORKER, NURSE, FINANCE, ADMIN])
def test_only_advisors_document_or_list_contacts(lindring: LindringServer, advisor: Api, username: str):
    # given someone who is not on the advisory line
    api = Api(lindring, username)
    try:
        before = stored_counts(advisor)
        # when they post a valid contact or list contacts, then 403 problem+json
        expect_problem(api.post("/contacts", contact_body(cph(2025, 5, 5, 10))), 403)
        expect_problem(api.get("/contacts", params={"from": "2025-01-01", "to": "2025-12-31"}), 403)
        # and reading one is decided contact by contact for clinicians (the follow-up's unit, the
        # patient's treating units: issue 18), so an unknown one is 404 to them; others are refused
        expect_problem(api.get(f"/contacts/{uuid.uuid4()}"), 404 if username in (KEY_WORKER, NURSE) else 403)
        # and nothing was stored
        assert stored_counts(advisor) == before
    finally:
        api.close()


def test_statistics_are_for_advisors_finance_and_administrators_not_clinicians(
    advisor: Api, finance: Api, admin: Api, key_worker: Api, nurse: Api
):
    params = {"from": "2025-03-01", "to": "2025-03-31"}
    for api in (advisor, finance, admin):
        expect_json(api.get("/advisory/statistics", params=params), 200)
    for api in (key_worker, nurse):
        expect_problem(api.get("/advisory/statistics", params=params), 403)


# --- creating a contact ------------------------------------------------------------------------


def test_contact_with_every_field_is_201_and_reads_back(advisor: Api, units: Units, planned_patient: dict):
    # given a contact with every field filled in
    start = cph(2025, 5, 6, 21, 5, 0)  # Tuesday evening: outside working hours
    body = {
        "startedAt": iso(start),
        "endedAt": iso(start + timedelta(minutes=17, seconds=30)),
        "channel": "video",
        "direction": "callback",
        "callerRole": "homeCareNurse",
        "callerName": "Sygeplejerske Hansen",
        "callerPhone": "+45 12 34 56 78",
        "callerUnitId": units.home_care,
        "patientId": planned_patient["id"],
        "reasons": ["dyspnoea", "anxiety"],
        "situation": "Åndenød siden i aftes",
        "background": "Lungecancer, palliativ fase",
        "assessment": "Angst forværrer åndenød",
        "recommendation": "Morfin efter plan, ring igen ved forværring",
        "triage": "urgent",
        "actions": ["anticipatoryMedication", "contactedHomeCare"],
        "outcome": "resolved",
        "stayedAtHome": True,
    }

    # when the advisor saves it
    created = create(advisor, body)

    # then every field comes back, with the derived ones
    for key in ("channel", "direction", "callerRole", "callerName", "callerUnitId", "patientId", "reasons", "situation",
                "background", "assessment", "recommendation", "triage", "actions", "outcome", "stayedAtHome"):
        assert created[key] == body[key], f"{key}: sent {body[key]!r}, got {created[key]!r}"
    assert created["callerPhone"], pretty(created)
    assert created["callerPhone"].replace(" ", "").endswith("12345678"), pretty(created)
    assert same_instant(created["startedAt"], start) and same_instant(created["endedAt"], start + timedelta(minutes=17.5))
    assert created["durationMinutes"] == pytest.approx(17.5, abs=0.01)
    assert created["outsideWorkingHours"] is True and created["holiday"] is None
    assert created["followUps"] == []
    uuid.UUID(created["id"])

    # and it reads back the same, and is listed on its day
    assert expect_json(advisor.get(f"/contacts/{created['id']}"), 200) == created
    listed = all_contacts(advisor, **{"from": "2025-05-06", "to": "2025-05-06"})
    assert [item["id"] for item in listed] == [created["id"]], pretty(listed)
    item = listed[0]
    assert item["triage"] == "urgent" and item["callerRole"] == "homeCareNurse" and item["outsideWorkingHours"] is True
    assert item["durationMinutes"] == pytest.approx(17.5, abs=0.01)


def test_contact_defaults_channel_direction_and_ends_when_saved(advisor: Api):
    # given a call that began ten minutes ago, sent without endedAt, channel or direction
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
    before = datetime.now(UTC) - timedelta(seconds=2)
    created = create(advisor, contact_body(start, minutes=None))
    after = datetime.now(UTC) + timedelta(seconds=2)

    # then it is a phone call, incoming, that ended when it was saved
    assert created["channel"] == "phone" and created["direction"] == "incoming", pretty(created)
    ended = instant(created["endedAt"])
    assert before <= ended <= after, f"endedAt {created['endedAt']} is not the time of saving ({before} … {after})"
    assert 9.9 <= created["durationMinutes"] <= 10.2, pretty(created)

    # and the list without from/to (the last 30 days up to today) shows it
    listed = expect_json(advisor.get("/contacts", params={"limit": 200}), 200)["items"]
    assert created["id"] in [item["id"] for item in listed], pretty(listed[:3])


def test_contact_documented_days_later_without_end_is_not_given_a_made_up_end(advisor: Api):
    # given a call documented two days after it began, without endedAt
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    before = stored_counts(advisor)
    response = advisor.post("/contacts", contact_body(start, minutes=None))

    # then either the call ended when it was saved (the documented default), or the server
    # asks for endedAt; not a 24-hour call that nobody entered
    if response.status_code == 201:
        created = response.json()
        ended = instant(created["endedAt"])
        assert abs((ended - datetime.now(UTC)).total_seconds()) < 60, (
            f"startedAt {iso(start)} without endedAt was saved with endedAt {created['endedAt']} "
            f"(durationMinutes {created['durationMinutes']}); the contract says endedAt defaults to the time of saving"
        )
    else:
        problem = expect_problem(response, 422)
        assert "endedAt" in {f for f, _ in problem_fields(problem)}, pretty(problem)
        assert stored_counts(advisor) == before


def test_contact_starting_a_few_minutes_ahead_is_accepted(advisor: Api):
    # clocks differ a little: a start up to 5 minutes ahead is not "in the future"
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=3)
    created = create(advisor, contact_body(start, minutes=None))
    assert same_instant(created["startedAt"], start)
    assert instant(created["endedAt"]) >= start, f"a call cannot end before it began: {pretty(created)}"


def test_contact_on_christmas_eve_is_outside_working_hours_with_the_holiday(advisor: Api):
    start = cph(2025, 12, 24, 10)
    created = create(advisor, contact_body(start))
    assert created["outsideWorkingHours"] is True, pretty(created)
    assert created["holiday"], f"Christmas Eve without a holiday name: {pretty(created)}"
    calendar = expect_json(advisor.get("/calendar/working-hours", params={"at": iso(start)}), 200)
    assert calendar == {"outsideWorkingHours": True, "holiday": created["holiday"]}

    # and a Monday morning in November is inside, without a holiday
    weekday = create(advisor, contact_body(cph(2025, 11, 3, 9)))
    assert weekday["outsideWorkingHours"] is False and weekday["holiday"] is None, pretty(weekday)


# --- refusing a contact -------------------------------------------------------------------------

BASE = contact_body(cph(2025, 5, 7, 10))


def _without(key: str) -> dict:
    return {k: v for k, v in BASE.items() if k != key}


INVALID_CONTACTS = {
    "startedAt missing": (_without("startedAt"), ("startedAt", "required")),
    "startedAt without offset": (BASE | {"startedAt": "2025-05-07T10:00:00"}, ("startedAt", "invalidFormat")),
    "startedAt a date": (BASE | {"startedAt": "2025-05-07"}, ("startedAt", "invalidFormat")),
    "startedAt nonsense": (BASE | {"startedAt": "i går"}, ("startedAt", "invalidFormat")),
    "startedAt an hour ahead": (None, ("startedAt", "inFuture")),  # built at run time
    "endedAt before startedAt": (BASE | {"endedAt": iso(cph(2025, 5, 7, 9, 59))}, ("endedAt", "beforeStart")),
    "endedAt nonsense": (BASE | {"endedAt": "snart"}, ("endedAt", "invalidFormat")),
    "callerRole missing": (_without("callerRole"), ("callerRole", "required")),
    "callerRole unknown": (BASE | {"callerRole": "doctor"}, ("callerRole", "invalidChoice")),
    "channel unknown": (BASE | {"channel": "fax"}, ("channel", "invalidChoice")),
    "direction unknown": (BASE | {"direction": "outgoing"}, ("direction", "invalidChoice")),
    "reasons missing": (_without("reasons"), ("reasons", "required")),
    "reasons empty": (BASE | {"reasons": []}, ("reasons", "required")),
    "reason unknown": (BASE | {"reasons": ["pain", "itching"]}, ("reasons", "invalidChoice")),
    "triage missing": (_without("triage"), ("triage", "required")),
    "triage unknown": (BASE | {"triage": "soon"}, ("triage", "invalidChoice")),
    "action unknown": (BASE | {"actions": ["adviceOnly", "teleport"]}, ("actions", "invalidChoice")),
    "outcome missing": (_without("outcome"), ("outcome", "required")),
    "outcome unknown": (BASE | {"outcome": "maybe"}, ("outcome", "invalidChoice")),
    "patientId not a UUID": (BASE | {"patientId": "patient-1"}, ("patientId", "invalidFormat")),
    "callerUnitId unknown": (BASE | {"callerUnitId": str(uuid.uuid4())}, ("callerUnitId", None)),
    "needsFollowUp without followUp": (BASE | {"outcome": "needsFollowUp"}, ("followUp.text", "required")),
    "followUp without a unit or a patient": (BASE | {"followUp": {"text": "Ring i morgen"}}, ("followUp.unitId", "required")),
    "followUp unit unknown": (BASE | {"followUp": {"text": "Ring", "unitId": str(uuid.uuid4())}}, ("followUp.unitId", None)),
    "followUp dueAt nonsense": (BASE | {"followUp": {"text": "Ring", "unitId": "HOME_CARE", "dueAt": "i morgen"}},
                                ("followUp.dueAt", "invalidFormat")),
}


def _field_matches(actual: str | None, expected: str) -> bool:
    """`reasons` also matches `reasons[1]` (an error on one element of a list)."""
    return actual == expected or (actual or "").startswith(expected + "[") or (actual or "").startswith(expected + ".")


@pytest.mark.parametrize("case", list(INVALID_CONTACTS))
def test_invalid_contact_is_422_naming_the_field_and_stores_nothing(advisor: Api, units: Units, case: str):
    body, (field_name, code) = INVALID_CONTACTS[case]
    if body is None:
        body = contact_body(datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1), minutes=None)
    if body.get("followUp", {}).get("unitId") == "HOME_CARE":
        body = body | {"followUp": body["followUp"] | {"unitId": units.home_care}}
    before = stored_counts(advisor)

    problem = expect_problem(advisor.post("/contacts", body), 422)

    errors = problem_fields(problem)
    matching = [(f, c) for f, c in errors if _field_matches(f, field_name) and (code is None or c == code)]
    assert matching, f"{case}: expected error ({field_name}, {code or 'any code'}); got {pretty(problem)}"
    assert stored_counts(advisor) == before, f"{case}: a refused contact changed what is stored"


def test_invalid_contact_names_every_bad_field_at_once(advisor: Api):
    body = {"startedAt": "nu", "callerRole": "doctor", "reasons": [], "triage": "soon", "outcome": "maybe", "channel": "fax"}
    problem = expect_problem(advisor.post("/contacts", body), 422)
    fields = {f for f, _ in problem_fields(problem)}
    assert {"startedAt", "callerRole", "reasons", "triage", "outcome", "channel"} <= fields, pretty(problem)


def test_followup_for_a_patient_without_a_plan_needs_a_unit(advisor: Api, planless_patient: dict):
    before = stored_counts(advisor)
    body = contact_body(cph(2025, 5, 8, 10), patientId=planless_patient["id"], outcome="needsFollowUp",
                        triage="routine", followUp={"text": "Ring til egen læge"})
    problem = expect_problem(advisor.post("/contacts", body), 422)
    assert ("followUp.unitId", "required") in problem_fields(problem), pretty(problem)
    assert stored_counts(advisor) == before


@pytest.fixture(scope="module")
def declined_patient(db: Db):
    """A demo patient who has not consented to cross-sector sharing."""
    found = db.patients("p.sharing_consent <> ?", ("given",))
    assert found, "the demo data has no patient without consent to sharing"
    return found[0]


def test_advisor_may_not_read_a_patient_who_declined_sharing(advisor: Api, declined_patient):
    # the premise of the next test: the advisory line sees consenting patients only
    response = advisor.get(f"/patients/{declined_patient.id}")
    expect_problem(response, 403)
    assert declined_patient.name not in response.text


def test_contact_about_a_patient_who_declined_sharing_does_not_reveal_the_patient(advisor: Api, declined_patient):
    before = stored_counts(advisor)
    response = advisor.post("/contacts", contact_body(cph(2025, 5, 8, 12), patientId=declined_patient.id))
    if response.status_code == 201:
        contact = response.json()
        read = advisor.get(f"/contacts/{contact['id']}")
        listed = advisor.get("/contacts", params={"from": "2025-05-08", "to": "2025-05-08", "patientId": declined_patient.id})
        for answer in (response, read, listed):
            assert declined_patient.name not in answer.text, (
                f"the advisor, refused GET /patients/{declined_patient.id} (no consent to sharing), learns the "
                f"patient's name from {describe(answer)}"
            )
    else:
        expect_problem(response, 403)
        assert stored_counts(advisor) == before


def test_contact_about_an_unknown_patient_is_404_and_stores_nothing(advisor: Api):
    before = stored_counts(advisor)
    expect_problem(advisor.post("/contacts", contact_body(cph(2025, 5, 8, 11), patientId=str(uuid.uuid4()))), 404)
    assert stored_counts(advisor) == before


@pytest.mark.parametrize("payload", ["{not json", "[]", '"text"', ""])
def test_unreadable_body_is_a_4xx_problem_and_stores_nothing(advisor: Api, payload: str):
    before = stored_counts(advisor)
    response = advisor.request("POST", "/contacts", data=payload.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code in (400, 415, 422), describe(response)
    expect_problem(response, response.status_code)
    assert stored_counts(advisor) == before


# --- the follow-up's defaults ---------------------------------------------------------------------


def test_followup_unit_defaults_to_the_plans_key_worker(advisor: Api, units: Units, planned_patient: dict):
    # given a patient whose plan names HJ-101 as key worker
    start = cph(2025, 1, 20, 14)  # Monday
    body = contact_body(start, patientId=planned_patient["id"], triage="routine", outcome="needsFollowUp",
                        followUp={"text": "Hjemmeplejen ser til patienten i morgen"})

    # when a follow-up is saved without a unit
    created = create(advisor, body)

    # then it goes to the key worker's unit, due the next working day at 10:00
    assert len(created["followUps"]) == 1, pretty(created)
    follow_up = created["followUps"][0]
    assert follow_up["unitId"] == units.home_care, pretty(follow_up)
    assert follow_up["status"] == "open" and follow_up["closedAt"] is None, pretty(follow_up)
    assert follow_up["contactId"] == created["id"] and follow_up["patientId"] == planned_patient["id"]
    assert follow_up["text"] == "Hjemmeplejen ser til patienten i morgen"
    assert same_instant(follow_up["dueAt"], cph(2025, 1, 21, 10)), pretty(follow_up)

    # and an explicit unit and due time win over the defaults
    due = cph(2025, 1, 25, 12, 30)
    explicit = create(advisor, body | {"followUp": {"text": "Palliativt team", "unitId": units.key, "dueAt": iso(due)}})
    assert explicit["followUps"][0]["unitId"] == units.key
    assert same_instant(explicit["followUps"][0]["dueAt"], due), pretty(explicit["followUps"][0])


DUE_CASES = {
    # routine / information: the next Danish working day at 10:00 Copenhagen time
    "routine on a Friday: Monday": ("routine", cph(2025, 1, 10, 14), cph(2025, 1, 13, 10)),
    "routine on a Saturday night: Monday": ("routine", cph(2025, 1, 11, 3), cph(2025, 1, 13, 10)),
    "routine early on a Monday: Tuesday": ("routine", cph(2025, 1, 13, 7), cph(2025, 1, 14, 10)),
    "information before Easter: Tuesday after": ("information", cph(2025, 4, 16, 11), cph(2025, 4, 22, 10)),
    "routine before Christmas: 29 December": ("routine", cph(2025, 12, 23, 12), cph(2025, 12, 29, 10)),
    "routine on the Friday before DST ends: Monday 10:00 CET": ("routine", cph(2025, 10, 24, 15), cph(2025, 10, 27, 10)),
    # urgent: the end of the current shift (day 08-16, evening 16-24, night 00-08)
    "urgent in the day shift: 16:00": ("urgent", cph(2025, 1, 14, 10), cph(2025, 1, 14, 16)),
    "urgent at 08:00: day shift": ("urgent", cph(2025, 1, 14, 8), cph(2025, 1, 14, 16)),
    "urgent at 16:00: evening shift": ("urgent", cph(2025, 1, 14, 16), cph(2025, 1, 15, 0)),
    "urgent at 23:59: midnight": ("urgent", cph(2025, 1, 14, 23, 59), cph(2025, 1, 15, 0)),
    "urgent at midnight: night shift": ("urgent", cph(2025, 1, 15, 0), cph(2025, 1, 15, 8)),
    "urgent in the night: 08:00": ("urgent", cph(2025, 1, 15, 3), cph(2025, 1, 15, 8)),
    "urgent in the night DST begins: 08:00 CEST": ("urgent", cph(2026, 3, 29, 1, 30), cph(2026, 3, 29, 8)),
    "urgent in the night DST ends: 08:00 CET": ("urgent", datetime(2025, 10, 25, 23, 30, tzinfo=UTC), cph(2025, 10, 26, 8)),
    # acute: one hour after the start (real time, also across a clock change)
    "acute: start + 1 h": ("acute", cph(2025, 1, 14, 23, 30), cph(2025, 1, 15, 0, 30)),
    "acute across DST begins": ("acute", cph(2026, 3, 29, 1, 30), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
}


@pytest.mark.parametrize("case", list(DUE_CASES))
def test_followup_due_time_defaults_by_triage(advisor: Api, units: Units, case: str):
    triage, start, expected = DUE_CASES[case]
    body = contact_body(start, minutes=5, triage=triage, outcome="needsFollowUp",
                        followUp={"text": f"Opfølgning: {case}", "unitId": units.advisory})
    created = create(advisor, body)
    assert len(created["followUps"]) == 1, pretty(created)
    due = instant(created["followUps"][0]["dueAt"])
    assert due == expected, (
        f"{case}: started {start.astimezone(CPH)} ({start.astimezone(UTC)}), due {due.astimezone(CPH)}, "
        f"expected {expected.astimezone(CPH)}"
    )
    assert created["followUps"][0]["triage"] == triage


def test_callback_scheduled_needs_a_followup_too(advisor: Api):
    problem = expect_problem(
        advisor.post("/contacts", contact_body(cph(2025, 5, 9, 10), actions=["callbackScheduled"])), 422
    )
    assert any(f and f.startswith("followUp") for f, _ in problem_fields(problem)), pretty(problem)


# --- Idempotency-Key -------------------------------------------------------------------------------


def test_retry_with_the_same_idempotency_key_returns_the_first_contact(advisor: Api, units: Units):
    key = f"e2e-{uuid.uuid4()}"
    body = contact_body(cph(2025, 5, 12, 9), triage="routine", outcome="needsFollowUp",
                        followUp={"text": "Ring igen", "unitId": units.advisory})
    before = stored_counts(advisor)

    first = create(advisor, body, headers={"Idempotency-Key": key})
    # a true replay (same key, same body, its members in another order) answers 200 with the first contact
    retry = expect_json(advisor.post("/contacts", dict(reversed(list(body.items()))), headers={"Idempotency-Key": key}), 200)
    # the same key with another body is another request: 422 (IETF Idempotency-Key draft), nothing stored
    changed = expect_problem(advisor.post("/contacts", body | {"callerRole": "gp", "reasons": ["other"]}, headers={"Idempotency-Key": key}), 422)

    assert retry == first, "the retry answered another contact than the first"
    assert ("Idempotency-Key", "alreadyTaken") in problem_fields(changed), pretty(changed)
    assert advisor.get(f"/contacts/{first['id']}").json()["callerRole"] == "relative", "a retry with another body changed the stored contact"
    assert stored_counts(advisor) == (before[0] + 1, before[1] + 1), "a retry created something new"

    # and another key creates another contact
    other = create(advisor, body, headers={"Idempotency-Key": f"e2e-{uuid.uuid4()}"})
    assert other["id"] != first["id"]
    assert stored_counts(advisor) == (before[0] + 2, before[1] + 2)


def test_idempotency_key_of_a_refused_request_is_not_used_up(advisor: Api):
    key = f"e2e-{uuid.uuid4()}"
    before = stored_counts(advisor)
    expect_problem(advisor.post("/contacts", contact_body(cph(2025, 5, 13, 9), triage="soon"), headers={"Idempotency-Key": key}), 422)
    assert stored_counts(advisor) == before
    created = create(advisor, contact_body(cph(2025, 5, 13, 9)), headers={"Idempotency-Key": key})
    assert created["triage"] == "information"
    assert stored_counts(advisor)[0] == before[0] + 1


def test_concurrent_retries_with_one_idempotency_key_create_one_contact(lindring: LindringServer, advisor: Api):
    key = f"e2e-{uuid.uuid4()}"
    body = contact_body(cph(2025, 5, 14, 9))
    before = stored_counts(advisor)
    responses: list[requests.Response | BaseException] = []
    barrier = threading.Barrier(6)

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            responses.append(requests.post(lindring.url("/api/v1/contacts"), json=body, timeout=TIMEOUT,
                                           headers={"Authorization": f"Bearer {advisor.token}", "Idempotency-Key": key}))
        except BaseException as error:  # noqa: BLE001 - reported below
            responses.append(error)

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    problems = [r if isinstance(r, BaseException) else describe(r) for r in responses
                if isinstance(r, BaseException) or r.status_code not in (200, 201)]
    assert not problems, f"concurrent retries with one Idempotency-Key: {problems}"
    statuses = sorted(r.status_code for r in responses)  # type: ignore[union-attr]
    assert statuses == [200] * 5 + [201], f"one 201 (created) and five 200 (replays): {statuses}"
    ids = {r.json()["id"] for r in responses}  # type: ignore[union-attr]
    assert len(ids) == 1, f"concurrent retries created {len(ids)} contacts: {ids}"
    assert stored_counts(advisor)[0] == before[0] + 1


def test_overlong_idempotency_key_is_refused(advisor: Api):
    before = stored_counts(advisor)
    response = advisor.post("/contacts", contact_body(cph(2025, 5, 15, 9)), headers={"Idempotency-Key": "k" * 201})
    assert response.status_code in (400, 422), describe(response)
    expect_problem(response, response.status_code)
    assert stored_counts(advisor) == before


# --- listing and reading contacts ---------------------------------------------------------------------


def test_list_is_by_copenhagen_day_newest_first_and_pages_through_ties(advisor: Api):
    # given contacts in February 2025, three of them starting at the same instant, and one
    # that starts on 31 January in UTC but on 1 February in Copenhagen
    tie = cph(2025, 2, 12, 10)
    starts = [datetime(2025, 1, 31, 23, 30, tzinfo=UTC), cph(2025, 2, 10, 9), cph(2025, 2, 11, 22), tie, tie, tie,
              cph(2025, 2, 14, 15), cph(2025, 2, 28, 23, 59)]
    created = [create(advisor, contact_body(start)) for start in starts]

    # then the month lists all of them, newest first
    february = all_contacts(advisor, **{"from": "2025-02-01", "to": "2025-02-28"})
    assert sorted(item["id"] for item in february) == sorted(c["id"] for c in created), pretty(february)
    started = [instant(item["startedAt"]) for item in february]
    assert started == sorted(started, reverse=True), f"not newest first: {[item['startedAt'] for item in february]}"

    # and the first of February in Copenhagen holds the one from "31 January" UTC, 31 January nothing
    first = all_contacts(advisor, **{"from": "2025-02-01", "to": "2025-02-01"})
    assert [item["id"] for item in first] == [created[0]["id"]], pretty(first)
    assert all_contacts(advisor, **{"from": "2025-01-31", "to": "2025-01-31"}) == []

    # and pages of 2 lead through every contact exactly once, ties included
    for limit in (1, 2, 3):
        seen: list[str] = []
        params: dict = {"from": "2025-02-01", "to": "2025-02-28", "limit": limit}
        for _ in range(20):
            page = expect_json(advisor.get("/contacts", params=params), 200)
            assert len(page["items"]) <= limit
            seen += [item["id"] for item in page["items"]]
            if not page["next"]:
                break
            params["cursor"] = page["next"]
        assert seen == [item["id"] for item in february], f"pages of {limit}: {seen} vs {[i['id'] for i in february]}"


def test_list_filters_by_patient(advisor: Api, planned_patient: dict):
    about = create(advisor, contact_body(cph(2025, 2, 20, 10), patientId=planned_patient["id"]))
    create(advisor, contact_body(cph(2025, 2, 20, 11)))
    found = all_contacts(advisor, **{"from": "2025-02-20", "to": "2025-02-20", "patientId": planned_patient["id"]})
    assert [item["id"] for item in found] == [about["id"]], pretty(found)
    assert found[0]["patientId"] == planned_patient["id"]
    everything = all_contacts(advisor, patientId=planned_patient["id"], **wide_range())
    assert everything and all(item["patientId"] == planned_patient["id"] for item in everything), pretty(everything)


@pytest.mark.parametrize(
    "params, field_name",
    [
        ({"from": "2025-02-10", "to": "2025-02-01"}, "to"),
        ({"from": "2025-02-30", "to": "2025-03-01"}, "from"),
        ({"from": "1.2.2025", "to": "2025-03-01"}, "from"),
        ({"from": "2025-02-01", "to": "2025-03-01", "patientId": "nobody"}, "patientId"),
    ],
)
def test_list_with_bad_parameters_is_422(advisor: Api, params: dict, field_name: str):
    problem = expect_problem(advisor.get("/contacts", params=params), 422)
    assert field_name in {f for f, _ in problem_fields(problem)}, pretty(problem)


def test_unknown_contact_is_404_problem_json(advisor: Api):
    expect_problem(advisor.get(f"/contacts/{uuid.uuid4()}"), 404)


# --- follow-ups ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def home_care_follow_up(advisor: Api, planned_patient: dict, units: Units) -> dict:
    """An open follow-up for HJ-101 (the key worker of the planned patient's plan)."""
    created = create(advisor, contact_body(cph(2025, 6, 2, 20), patientId=planned_patient["id"], triage="urgent",
                                           outcome="needsFollowUp", followUp={"text": "Tilse patienten i nat"}))
    follow_up = created["followUps"][0]
    assert follow_up["unitId"] == units.home_care, pretty(follow_up)
    return follow_up


def test_clinicians_see_their_own_units_follow_ups_only(
    advisor: Api, key_worker: Api, nurse: Api, units: Units, home_care_follow_up: dict
):
    fid = home_care_follow_up["id"]
    # (lists of all statuses put the demo data's year of closed follow-ups first, and a list
    # stops at 200 items, so the checks on busy units look at open follow-ups)
    # the home-care nurse sees her unit's follow-up, by default and by naming her unit
    assert fid in follow_up_ids(nurse)
    assert fid in follow_up_ids(nurse, unitId=units.home_care)
    assert fid in follow_up_ids(nurse, unitId=units.home_care, status="open")
    # a clinician of another unit does not, and may not ask for HJ-101's
    assert fid not in follow_up_ids(key_worker, status="open")
    expect_problem(key_worker.get("/follow-ups", params={"unitId": units.home_care}), 403)
    expect_problem(nurse.get("/follow-ups", params={"unitId": units.key}), 403)
    # the advisor sees every unit's by default, and any one unit's when asked
    assert fid in follow_up_ids(advisor, status="open")
    assert fid in follow_up_ids(advisor, unitId=units.home_care)
    assert fid not in follow_up_ids(advisor, unitId=units.key, status="open")
    # every listed follow-up of a clinician is her unit's
    items = expect_json(nurse.get("/follow-ups", params={"limit": 200}), 200)["items"]
    assert {item["unitId"] for item in items} == {units.home_care}, pretty(items)


def test_follow_up_done_by_its_unit_then_409(advisor: Api, key_worker: Api, nurse: Api, home_care_follow_up: dict):
    fid = home_care_follow_up["id"]
    # a clinician of another unit may not close it, and it stays open
    expect_problem(key_worker.request("POST", f"/follow-ups/{fid}/done"), 403)
    assert fid in follow_up_ids(advisor, status="open")

    # when the home-care nurse marks it done
    before = datetime.now(UTC) - timedelta(seconds=2)
    done = expect_json(nurse.request("POST", f"/follow-ups/{fid}/done"), 200)
    after = datetime.now(UTC) + timedelta(seconds=2)

    # then it is done, closed now, by her
    assert done["id"] == fid and done["status"] == "done", pretty(done)
    assert done["closedAt"] and before <= instant(done["closedAt"]) <= after, pretty(done)
    assert done["closedByName"], pretty(done)
    assert fid in follow_up_ids(nurse, status="done") and fid not in follow_up_ids(nurse, status="open")
    contact = expect_json(advisor.get(f"/contacts/{done['contactId']}"), 200)
    assert [f["status"] for f in contact["followUps"]] == ["done"], pretty(contact)

    # and a second time (by anyone) conflicts
    expect_problem(nurse.request("POST", f"/follow-ups/{fid}/done"), 409)
    expect_problem(advisor.request("POST", f"/follow-ups/{fid}/done"), 409)


def test_a_cancellation_says_why_and_a_done_follow_up_may_say_what_was_done(advisor: Api, nurse: Api, units: Units):
    # given two follow-ups for home care
    first, second = (create(advisor, contact_body(cph(2025, 6, 4, 21 + n), triage="routine", outcome="needsFollowUp",
                                                  followUp={"text": f"Tilse {n}", "unitId": units.home_care}))["followUps"][0]["id"]
                     for n in range(2))
    # when a cancellation comes without a reason, or with only white space, or too long
    for body in ({}, {"note": None}, {"note": "  \n "}):
        problem = expect_problem(nurse.request("POST", f"/follow-ups/{first}/cancel", json=body), 422)
        assert problem_fields(problem) == {("note", "required")}, pretty(problem)
    problem = expect_problem(nurse.request("POST", f"/follow-ups/{first}/cancel", json={"note": "x" * 501}), 422)
    assert problem_fields(problem) == {("note", "tooLong")}, pretty(problem)
    expect_problem(nurse.request("POST", f"/follow-ups/{first}/cancel", data="note=Indlagt",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)
    assert first in follow_up_ids(nurse, status="open"), "a refused cancellation closed the follow-up"
    # then with a reason it is cancelled, the reason kept (trimmed) with who and when
    cancelled = expect_json(nurse.request("POST", f"/follow-ups/{first}/cancel", json={"note": " Indlagt på hospice. "}), 200)
    assert (cancelled["status"], cancelled["closedNote"]) == ("cancelled", "Indlagt på hospice."), pretty(cancelled)
    assert cancelled["closedByName"] and cancelled["closedAt"], pretty(cancelled)
    # and "done" takes a note too, which the contact shows
    done = expect_json(nurse.request("POST", f"/follow-ups/{second}/done", json={"note": "Tilset, alt vel."}), 200)
    assert done["closedNote"] == "Tilset, alt vel.", pretty(done)
    contact = expect_json(advisor.get(f"/contacts/{done['contactId']}"), 200)
    assert [f["closedNote"] for f in contact["followUps"]] == ["Tilset, alt vel."], pretty(contact)


def test_an_addendum_is_kept_beneath_the_contact_signed(advisor: Api, key_worker: Api, units: Units):
    created = create(advisor, contact_body(cph(2025, 6, 5, 2)))
    # when the advisor adds two addenda, and an empty one
    problem = expect_problem(advisor.post(f"/contacts/{created['id']}/addenda", {"text": " "}), 422)
    assert problem_fields(problem) == {("text", "required")}, pretty(problem)
    first = advisor.post(f"/contacts/{created['id']}/addenda", {"text": "Datteren ringede tilbage."})
    added = expect_json(first, 201)
    assert first.headers.get("Location") == f"/api/v1/contacts/{created['id']}", first.headers
    expect_json(advisor.post(f"/contacts/{created['id']}/addenda", {"text": "Egen læge orienteret."}), 201)
    # then the contact lists them oldest first, each with its author's name and unit; the contact is unchanged
    contact = expect_json(advisor.get(f"/contacts/{created['id']}"), 200)
    assert [a["text"] for a in contact["addenda"]] == ["Datteren ringede tilbage.", "Egen læge orienteret."], pretty(contact)
    assert contact["addenda"][0] == added and added["author"]["name"] == contact["createdByName"], pretty(contact)
    assert added["author"]["unit"], pretty(added)
    assert {k: v for k, v in contact.items() if k != "addenda"} == {k: v for k, v in created.items() if k != "addenda"}
    # and a clinician who may not read the contact may not add to it
    expect_problem(key_worker.post(f"/contacts/{created['id']}/addenda", {"text": "x"}), 403)
    expect_problem(advisor.post(f"/contacts/{uuid.uuid4()}/addenda", {"text": "x"}), 404)


def test_advisor_may_close_any_units_follow_up(advisor: Api, units: Units):
    created = create(advisor, contact_body(cph(2025, 6, 3, 10), triage="routine", outcome="needsFollowUp",
                                           followUp={"text": "Palliativt team ringer", "unitId": units.key}))
    done = expect_json(advisor.request("POST", f"/follow-ups/{created['followUps'][0]['id']}/done"), 200)
    assert done["status"] == "done" and done["unitId"] == units.key


def test_unknown_follow_up_is_404(advisor: Api, nurse: Api):
    expect_problem(advisor.request("POST", f"/follow-ups/{uuid.uuid4()}/done"), 404)
    expect_problem(nurse.request("POST", f"/follow-ups/{uuid.uuid4()}/done"), 404)


@pytest.mark.parametrize("params, field_name", [({"status": "finished"}, "status"), ({"unitId": "HJ-101"}, "unitId")])
def test_follow_ups_with_bad_parameters_is_422(advisor: Api, params: dict, field_name: str):
    problem = expect_problem(advisor.get("/follow-ups", params=params), 422)
    assert field_name in {f for f, _ in problem_fields(problem)}, pretty(problem)


def test_follow_ups_page_does_not_silently_drop_items(advisor: Api, units: Units):
    for hour in (9, 10, 11):
        create(advisor, contact_body(cph(2025, 6, 4, hour), triage="routine", outcome="needsFollowUp",
                                     followUp={"text": f"Side {hour}", "unitId": units.advisory}))
    everything = expect_json(advisor.get("/follow-ups", params={"unitId": units.advisory, "limit": 200}), 200)["items"]
    assert len(everything) >= 3
    page = expect_json(advisor.get("/follow-ups", params={"unitId": units.advisory, "limit": 1}), 200)
    assert len(page["items"]) == 1
    assert page["next"], (
        f"GET /follow-ups?limit=1 answered 1 of {len(everything)} follow-ups with next={page['next']!r}"
    )
    walked = list(page["items"])
    while page["next"]:
        page = expect_json(advisor.get("/follow-ups", params={"unitId": units.advisory, "limit": 1, "cursor": page["next"]}), 200)
        walked += page["items"]
    assert [f["id"] for f in walked] == [f["id"] for f in everything]


# --- statistics ------------------------------------------------------------------------------------------


@dataclass
class Spec:
    start: datetime
    seconds: int
    caller: str = "relative"
    reasons: tuple[str, ...] = ("pain",)
    triage: str = "information"
    actions: tuple[str, ...] = ()
    outcome: str = "resolved"
    channel: str = "phone"
    home: bool = True
    follow_up: str | None = None  # None, "onTime" (done before due), "late" (done after due), "open"
    created: dict = field(default_factory=dict)


def statistics_specs() -> list[Spec]:
    """Contacts from 28 Feb (UTC) to 31 Mar 2025 (UTC): all but the last are March in Copenhagen."""
    return [
        # Saturday 1 March 00:30 CET is still 28 February in UTC
        Spec(datetime(2025, 2, 28, 23, 30, tzinfo=UTC), 7 * 60, caller="patient", reasons=("pain", "anxiety"), triage="urgent",
             actions=("adviceOnly",), home=True),
        Spec(cph(2025, 3, 3, 8, 0), 12 * 60, caller="homeCareNurse", reasons=("medication",), triage="routine",
             actions=("anticipatoryMedication", "contactedGP"), outcome="needsFollowUp", follow_up="onTime"),
        Spec(cph(2025, 3, 3, 15, 59), 210, caller="gp", reasons=("dyspnoea",), channel="video", home=False),
        Spec(cph(2025, 3, 3, 16, 0), 20 * 60, caller="relative", reasons=("dying", "relativeStrain", "existential"),
             triage="acute", actions=("contactedOutOfHoursDoctor", "emergency112"), outcome="escalated", home=False),
        Spec(cph(2025, 3, 4, 7, 59), 5 * 60, caller="nursingHomeStaff", reasons=("nausea",), triage="routine",
             outcome="needsFollowUp", follow_up="late"),
        Spec(cph(2025, 3, 5, 12, 0), 30 * 60, caller="hospitalNurse", reasons=("equipment", "practical"), channel="video",
             actions=("adviceOnly",)),
        Spec(cph(2025, 3, 10, 9, 0), 0, caller="anonymous", reasons=("other",), home=True),
        Spec(cph(2025, 3, 14, 23, 10), 15 * 60, caller="outOfHoursDoctor", reasons=("delirium", "pain"), triage="urgent",
             channel="secureMessage", actions=("admissionAdvised",), outcome="escalated", home=False, follow_up="open"),
        # the night the clocks go forward: 01:30 CET, then 03:30 CEST (02:xx does not exist)
        Spec(datetime(2025, 3, 30, 0, 30, tzinfo=UTC), 9 * 60, caller="palliativeNurse", reasons=("bleeding",), triage="acute",
             actions=("hospiceSuggested", "referredPalliativeTeam"), outcome="needsFollowUp", follow_up="onTime"),
        Spec(datetime(2025, 3, 30, 1, 30, tzinfo=UTC), 11 * 60, caller="otherProfessional", reasons=("deathOccurred", "bereavement"),
             triage="information", actions=("callbackScheduled",), outcome="needsFollowUp", follow_up="late"),
        Spec(cph(2025, 3, 31, 23, 30), 25 * 60, caller="relative", reasons=("fatigue", "constipation"), home=True,
             actions=("contactedHomeCare",)),
        # Tuesday 1 April 00:30 CEST is still 31 March in UTC: not March in Copenhagen
        Spec(datetime(2025, 3, 31, 22, 30, tzinfo=UTC), 100 * 60, caller="gp", reasons=("pain",), home=False),
    ]


FAR_FUTURE_DUE = datetime(2030, 1, 1, 10, tzinfo=UTC)


@pytest.fixture(scope="module")
def statistics_contacts(advisor: Api, units: Units) -> list[Spec]:
    # given nothing on these days yet
    assert all_contacts(advisor, **{"from": "2025-03-01", "to": "2025-04-01"}) == [], "March 2025 is not empty"
    specs = statistics_specs()
    for spec in specs:
        body = contact_body(spec.start, minutes=None, endedAt=iso(spec.start + timedelta(seconds=spec.seconds)),
                            callerRole=spec.caller, reasons=list(spec.reasons), triage=spec.triage, actions=list(spec.actions),
                            outcome=spec.outcome, channel=spec.channel, stayedAtHome=spec.home)
        if spec.follow_up:
            follow_up = {"text": f"Opfølgning ({spec.follow_up})", "unitId": units.advisory}
            if spec.follow_up == "onTime":
                follow_up["dueAt"] = iso(FAR_FUTURE_DUE)
            body["followUp"] = follow_up
        spec.created = create(advisor, body)
        if spec.follow_up in ("onTime", "late"):
            expect_json(advisor.request("POST", f"/follow-ups/{spec.created['followUps'][0]['id']}/done"), 200)
    return specs


def expected_statistics(specs: list[Spec], first: date, last: date, vocabulary: AdvisoryVocabulary) -> dict:
    chosen = [s for s in specs if first <= s.start.astimezone(CPH).date() <= last]
    if not chosen:
        return {"total": 0}
    weekday_hour = [[0] * 24 for _ in range(7)]
    per_day: Counter = Counter()
    for spec in chosen:
        local = spec.start.astimezone(CPH)
        weekday_hour[local.weekday()][local.hour] += 1
        per_day[local.date().isoformat()] += 1
    follow_ups = [s for s in chosen if s.follow_up]

    def every(values: list[str], counted) -> dict[str, int]:
        counts = Counter(counted)
        return {value: counts.get(value, 0) for value in values}

    return {
        "total": len(chosen),
        "outsideWorkingHoursShare": sum(outside_working_hours(s.start) for s in chosen) / len(chosen),
        "stayedAtHomeShare": sum(s.home for s in chosen) / len(chosen),
        "followUpsOnTimeShare": (sum(s.follow_up == "onTime" for s in follow_ups) / len(follow_ups)) if follow_ups else 0,
        "medianDurationMinutes": pystats.median(s.seconds for s in chosen) / 60,
        "byCallerRole": every(vocabulary.caller_roles, [s.caller for s in chosen]),
        "byReason": every(vocabulary.reasons, [r for s in chosen for r in s.reasons]),
        "byTriage": every(vocabulary.triages, [s.triage for s in chosen]),
        "byAction": every(vocabulary.actions, [a for s in chosen for a in s.actions]),
        "byOutcome": every(vocabulary.outcomes, [s.outcome for s in chosen]),
        "byChannel": every(vocabulary.channels, [s.channel for s in chosen]),
        "byWeekdayHour": weekday_hour,
        "perDay": dict(per_day),
    }


def assert_statistics(actual: dict, expected: dict, label: str) -> None:
    assert actual["total"] == expected["total"], f"{label}: total {actual['total']} != {expected['total']}\n{pretty(actual)}"
    for share in ("outsideWorkingHoursShare", "stayedAtHomeShare", "followUpsOnTimeShare"):
        assert 0 <= actual[share] <= 1, f"{label}: {share} {actual[share]} is not a share"
        assert actual[share] == pytest.approx(expected[share], abs=1e-4), f"{label}: {share} {actual[share]} != {expected[share]}"
    assert actual["medianDurationMinutes"] == pytest.approx(expected["medianDurationMinutes"], abs=0.01), (
        f"{label}: median {actual['medianDurationMinutes']} != {expected['medianDurationMinutes']}"
    )
    for key in ("byCallerRole", "byReason", "byTriage", "byAction", "byOutcome", "byChannel"):
        assert actual[key] == expected[key], f"{label}: {key}\n got      {actual[key]}\n expected {expected[key]}"
    grid = actual["byWeekdayHour"]
    assert len(grid) == 7 and all(len(row) == 24 for row in grid), f"{label}: byWeekdayHour is not 7×24: {grid}"
    differences = [(d, h, grid[d][h], expected["byWeekdayHour"][d][h]) for d in range(7) for h in range(24)
                   if grid[d][h] != expected["byWeekdayHour"][d][h]]
    assert not differences, f"{label}: byWeekdayHour cells (weekday 0=Monday, hour, got, expected): {differences}"
    per_day = {item["date"]: item["count"] for item in actual["perDay"]}
    assert len(per_day) == len(actual["perDay"]), f"{label}: a day twice in perDay: {actual['perDay']}"
    assert {d: c for d, c in per_day.items() if c} == expected["perDay"], f"{label}: perDay {actual['perDay']}"
    dates = [item["date"] for item in actual["perDay"]]
    assert dates == sorted(dates), f"{label}: perDay is not in date order: {dates}"


def test_statistics_of_march_are_exact(advisor: Api, statistics_contacts: list[Spec], vocabulary: AdvisoryVocabulary):
    actual = expect_json(advisor.get("/advisory/statistics", params={"from": "2025-03-01", "to": "2025-03-31"}), 200)
    expected = expected_statistics(statistics_contacts, date(2025, 3, 1), date(2025, 3, 31), vocabulary)
    assert expected["total"] == 11  # the test's own arithmetic
    assert_statistics(actual, expected, "March 2025")
    assert all("2025-03-01" <= item["date"] <= "2025-03-31" for item in actual["perDay"]), actual["perDay"]


@pytest.mark.parametrize(
    "first, last",
    [("2025-03-30", "2025-03-30"), ("2025-03-01", "2025-03-01"), ("2025-03-03", "2025-03-05"), ("2025-03-31", "2025-04-01"),
     ("2025-04-01", "2025-04-01")],
)
def test_statistics_of_parts_of_march_are_exact(
    advisor: Api, statistics_contacts: list[Spec], vocabulary: AdvisoryVocabulary, first: str, last: str
):
    actual = expect_json(advisor.get("/advisory/statistics", params={"from": first, "to": last}), 200)
    expected = expected_statistics(statistics_contacts, date.fromisoformat(first), date.fromisoformat(last), vocabulary)
    assert expected["total"] > 0
    assert_statistics(actual, expected, f"{first}…{last}")


def test_statistics_are_the_same_for_finance_and_administrators(
    advisor: Api, finance: Api, admin: Api, statistics_contacts: list[Spec]
):
    params = {"from": "2025-03-01", "to": "2025-03-31"}
    seen = [expect_json(api.get("/advisory/statistics", params=params), 200) for api in (advisor, finance, admin)]
    assert seen[0] == seen[1] == seen[2]


def test_statistics_agree_with_the_contact_list_on_the_demo_data(advisor: Api, vocabulary: AdvisoryVocabulary):
    # given the demo data's contacts of a recent month (several hundred), as the list gives them
    today = datetime.now(CPH).date()
    params = {"from": (today - timedelta(days=60)).isoformat(), "to": (today - timedelta(days=30)).isoformat()}
    listed = all_contacts(advisor, **params)
    stats = expect_json(advisor.get("/advisory/statistics", params=params), 200)

    # then the statistics count the same contacts, by the same Copenhagen day and hour
    assert stats["total"] == len(listed), f"{params}: statistics count {stats['total']}, the list {len(listed)}"
    if not listed:
        return
    local = [instant(item["startedAt"]).astimezone(CPH) for item in listed]
    per_day = Counter(t.date().isoformat() for t in local)
    assert {i["date"]: i["count"] for i in stats["perDay"] if i["count"]} == dict(per_day)
    grid = [[0] * 24 for _ in range(7)]
    for t in local:
        grid[t.weekday()][t.hour] += 1
    assert stats["byWeekdayHour"] == grid, "byWeekdayHour differs from the listed contacts' Copenhagen weekday and hour"
    for key, values, of_item in (
        ("byCallerRole", vocabulary.caller_roles, lambda i: [i["callerRole"]]),
        ("byTriage", vocabulary.triages, lambda i: [i["triage"]]),
        ("byOutcome", vocabulary.outcomes, lambda i: [i["outcome"]]),
        ("byChannel", vocabulary.channels, lambda i: [i["channel"]]),
        ("byReason", vocabulary.reasons, lambda i: i["reasons"]),
    ):
        counts = Counter(v for item in listed for v in of_item(item))
        assert stats[key] == {v: counts.get(v, 0) for v in values}, f"{key}: {stats[key]} vs the list's {dict(counts)}"
    outside = sum(item["outsideWorkingHours"] for item in listed) / len(listed)
    assert stats["outsideWorkingHoursShare"] == pytest.approx(outside, abs=1e-4)
    assert stats["medianDurationMinutes"] == pytest.approx(pystats.median(i["durationMinutes"] for i in listed), abs=0.011)
    # and the list's outsideWorkingHours agrees with this test's own calendar where it knows the holidays
    known = [(item, t) for item, t in zip(listed, local) if t.year in (2025, 2026)]
    wrong = [(item["startedAt"], item["outsideWorkingHours"]) for item, t in known
             if item["outsideWorkingHours"] is not outside_working_hours(t)]
    assert not wrong, f"outsideWorkingHours differs from Mon–Fri 08–16 Copenhagen without holidays: {wrong[:10]}"


def test_statistics_of_empty_days(advisor: Api, vocabulary: AdvisoryVocabulary):
    actual = expect_json(advisor.get("/advisory/statistics", params={"from": "2024-07-01", "to": "2024-07-31"}), 200)
    assert actual["total"] == 0, pretty(actual)
    for share in ("outsideWorkingHoursShare", "stayedAtHomeShare", "followUpsOnTimeShare"):
        assert actual[share] in (0, None), f"{share} of no contacts: {actual[share]}"
    assert actual["medianDurationMinutes"] in (None, 0), pretty(actual)
    for key, values in (("byCallerRole", vocabulary.caller_roles), ("byReason", vocabulary.reasons),
                        ("byTriage", vocabulary.triages), ("byAction", vocabulary.actions),
                        ("byOutcome", vocabulary.outcomes), ("byChannel", vocabulary.channels)):
        assert actual[key] == {value: 0 for value in values}, f"{key}: {actual[key]}"
    assert actual["byWeekdayHour"] == [[0] * 24 for _ in range(7)]
    assert all(item["count"] == 0 for item in actual["perDay"]), actual["perDay"]


@pytest.mark.parametrize(
    "params, field_name",
    [
        ({"from": "2025-03-31", "to": "2025-03-01"}, "to"),
        ({"to": "2025-03-31"}, "from"),
        ({"from": "2025-03-01"}, "to"),
        ({"from": "2025-02-29", "to": "2025-03-31"}, "from"),
        ({"from": "2025-03-01", "to": "31-03-2025"}, "to"),
    ],
)
def test_statistics_with_bad_dates_is_422(advisor: Api, params: dict, field_name: str):
    problem = expect_problem(advisor.get("/advisory/statistics", params=params), 422)
    assert field_name in {f for f, _ in problem_fields(problem)}, pretty(problem)


# --- working hours ------------------------------------------------------------------------------------------

WORKING_HOURS_CASES = {
    # at: (outside working hours, holiday name contains (None: no holiday))
    "2026-12-24T10:00:00+01:00": (True, "jule"),  # Juleaftensdag, a Thursday
    "2026-12-24T08:59:59Z": (True, "jule"),  # the same day given in UTC
    "2026-11-23T09:00:00+01:00": (False, None),  # a Monday morning, CET
    "2026-11-23T08:00:00Z": (False, None),  # the same instant in UTC
    "2026-11-23T09:00:00-05:00": (False, None),  # 15:00 in Copenhagen
    "2026-11-23T10:00:00-05:00": (True, None),  # 16:00 in Copenhagen
    "2026-12-24T10:00:00.250+01:00": (True, "jule"),  # fractional seconds
    "2026-11-23T07:59:59+01:00": (True, None),  # before opening
    "2026-11-23T08:00:00+01:00": (False, None),  # opening
    "2026-11-27T15:59:59+01:00": (False, None),  # Friday, just before closing
    "2026-11-27T16:00:00+01:00": (True, None),  # Friday closing
    "2026-11-28T10:00:00+01:00": (True, None),  # Saturday
    "2027-03-26T10:00:00+01:00": (True, "langfredag"),  # Good Friday 2027
    "2027-03-25T10:00:00+01:00": (True, "skærtorsdag"),  # Maundy Thursday 2027
    "2027-03-29T10:00:00+02:00": (True, "påske"),  # Easter Monday 2027 (2. påskedag), CEST
    "2026-12-31T23:30:00Z": (True, "nytårsdag"),  # 00:30 on New Year's Day in Copenhagen
    "2026-12-31T12:00:00+01:00": (True, "nytårsaften"),  # New Year's Eve
    "2024-04-26T10:00:00+02:00": (False, None),  # Store bededag was abolished from 2024
    "2023-05-05T10:00:00+02:00": (True, "bededag"),  # but was a holiday in 2023
    # spring forward (29 March 2026): the Monday after, in CEST
    "2026-03-30T06:30:00Z": (False, None),  # 08:30 CEST (07:30 if CET were assumed)
    "2026-03-30T05:59:59Z": (True, None),  # 07:59:59 CEST
    "2026-03-30T14:30:00Z": (True, None),  # 16:30 CEST (15:30 if CET were assumed)
    "2026-03-27T14:30:00Z": (False, None),  # the Friday before: 15:30 CET
    # fall back (25 October 2026): the Monday after, in CET
    "2026-10-26T06:30:00Z": (True, None),  # 07:30 CET (08:30 if CEST were assumed)
    "2026-10-26T14:30:00Z": (False, None),  # 15:30 CET (16:30 if CEST were assumed)
    "2026-10-23T14:30:00Z": (True, None),  # the Friday before: 16:30 CEST
    "2026-10-25T02:30:00+01:00": (True, None),  # the repeated hour on the Sunday itself
}


@pytest.mark.parametrize("at", list(WORKING_HOURS_CASES))
def test_working_hours(advisor: Api, at: str):
    outside, holiday = WORKING_HOURS_CASES[at]
    answer = expect_json(advisor.get("/calendar/working-hours", params={"at": at}), 200)
    assert set(answer) == {"outsideWorkingHours", "holiday"}, pretty(answer)
    assert answer["outsideWorkingHours"] is outside, f"{at} ({instant(at).astimezone(CPH)}): {answer}"
    assert outside_working_hours(instant(at)) is outside  # this test's own calendar agrees
    if holiday is None:
        assert answer["holiday"] is None, f"{at}: {answer}"
    else:
        assert answer["holiday"] and holiday in answer["holiday"].lower(), f"{at}: holiday {answer['holiday']!r}, expected ~{holiday!r}"


@pytest.mark.parametrize("query", [{}, {"at": ""}, {"at": "2026-12-24"}, {"at": "2026-12-24T10:00:00"}, {"at": "juleaften"}])
def test_working_hours_needs_an_instant(advisor: Api, query: dict):
    problem = expect_problem(advisor.get("/calendar/working-hours", params=query), 422)
    assert "at" in {f for f, _ in problem_fields(problem)}, pretty(problem)


# --- schemathesis, as the advisor (last: it changes data) ------------------------------------------------------


def test_advisory_api_conforms_to_its_openapi_document_as_the_advisor(
    lindring: LindringServer, advisor: Api, units: Units, planned_patient: dict, planless_patient: dict
):
    # Real ids, so that the operations get past 404: contacts and follow-ups made above (some
    # follow-ups still open), the patients, the units; and past days, so that contacts are saved.
    own = [
        create(advisor, contact_body(cph(2025, 8, 4 + n, 9 + n), triage=triage, outcome="needsFollowUp",
                                     patientId=planned_patient["id"] if n % 2 else None,
                                     followUp={"text": f"Fuzz {n}"} | ({} if n % 2 else {"unitId": units.advisory})))
        for n, triage in enumerate(["acute", "urgent", "routine", "information", "routine", "urgent"])
    ]
    contact_ids = [c["id"] for c in own] + [str(uuid.uuid4())]
    open_ids = [c["followUps"][0]["id"] for c in own]
    done_ids = sorted(follow_up_ids(advisor, status="done"))[:2]
    # the recent starts may fall on yesterday's Copenhagen date (just after midnight)
    today = datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    recent_days = {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()}

    def saved() -> int:
        return len(all_contacts(advisor, **{"from": "2025-07-01", "to": "2025-07-31"})) + len(all_contacts(advisor, **recent_days))

    saved_before = saved()
    # one July day: a call documented long after it began must give its end, so every start has
    # an end within the same 24 hours to pair with
    # (schemathesis also sends an empty endedAt, which only a recent start may have)
    recent = [iso(datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=m)) for m in (10, 90)]
    starts = [iso(cph(2025, 7, 7, 3 + 4 * n)) for n in range(5)] + ["2025-07-07T12:00:00Z"] + recent
    ends = [iso(cph(2025, 7, 7, 23))]
    days = ["2025-03-01", "2025-03-31", "2025-07-01", "2025-07-31"]
    patients = [planned_patient["id"], planless_patient["id"]]
    unit_ids = [units.home_care, units.key, units.advisory]

    def values(items: list[str]) -> str:
        return "values = [" + ", ".join(toml_string(v) for v in items) + "]"

    config = "\n".join(
        [
            "[dictionaries.contact-ids]", values(contact_ids),
            "[dictionaries.follow-up-ids]", values(open_ids + done_ids + [str(uuid.uuid4())]),
            "[dictionaries.starts]", values(starts),
            "[dictionaries.ends]", values(ends),
            "[dictionaries.days]", values(days),
            "[dictionaries.patients]", values(patients),
            "[dictionaries.units]", values(unit_ids),
            "",
            "[[operations]]",
            'include-operation-id = "createContact"',
            "parameters = { "
            '"body.startedAt" = { dictionary = "starts", probability = 0.8 }, '
            '"body.endedAt" = { dictionary = "ends", probability = 0.9 }, '
            '"body.patientId" = { dictionary = "patients", probability = 0.6 }, '
            '"body.callerUnitId" = { dictionary = "units", probability = 0.8 }, '
            '"body.followUp.unitId" = { dictionary = "units", probability = 0.8 }, '
            '"body.followUp.dueAt" = { dictionary = "starts", probability = 0.5 } }',
            "",
            "[[operations]]",
            'include-operation-id = "listContacts"',
            "parameters = { "
            '"query.from" = { dictionary = "days", probability = 0.7 }, '
            '"query.to" = { dictionary = "days", probability = 0.7 }, '
            '"query.patientId" = { dictionary = "patients", probability = 0.5 } }',
            "",
            "[[operations]]",
            'include-operation-id = "getContact"',
            'parameters = { "path.id" = { dictionary = "contact-ids", probability = 0.8 } }',
            "",
            "[[operations]]",
            'include-operation-id = "listFollowUps"',
            'parameters = { "query.unitId" = { dictionary = "units", probability = 0.8 } }',
            "",
            "[[operations]]",
            'include-operation-id = "completeFollowUp"',
            'parameters = { "path.id" = { dictionary = "follow-up-ids", probability = 0.8 } }',
            "",
            "[[operations]]",
            'include-operation-id = "cancelFollowUp"',
            'parameters = { "path.id" = { dictionary = "follow-up-ids", probability = 0.8 } }',
            "",
            "[[operations]]",
            'include-operation-id = "addContactAddendum"',
            'parameters = { "path.id" = { dictionary = "contact-ids", probability = 0.8 } }',
            "",
            "[[operations]]",
            'include-operation-id = "getAdvisoryStatistics"',
            "parameters = { "
            '"query.from" = { dictionary = "days", probability = 0.7 }, '
            '"query.to" = { dictionary = "days", probability = 0.7 } }',
            "",
        ]
    )
    run_schemathesis(
        lindring,
        advisor.token,
        name="advisor",
        config_toml=config,
        max_examples=os.environ.get("LINDRING_SCHEMATHESIS_MAX_EXAMPLES", "50"),
        extra_args=("--include-path-regex", r"^/api/v1/(contacts|follow-ups|advisory/|calendar/)"),
    )
    # and the fuzzing got past validation: it saved contacts on the days it was given
    assert saved() > saved_before, "schemathesis saved no contact: POST /contacts was only ever refused"
