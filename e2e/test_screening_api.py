"""Symptom screening (issue 5) through the JSON API (/api/v1), black-box, with `requests`:

- `POST /instruments/{id}/score` for ESAS-r, IPOS and EORTC QLQ-C15-PAL: the EORTC manual's
  vectors, then a few hundred seeded random answer sets (partly answered ones included)
  compared with an independent scorer written below from the instruments' rules;
- 422 problem+json naming each offending `answers.<item>` (out of range, not a whole number,
  unknown item), several at once;
- `GET /instruments` and `GET /instruments/{id}/questionnaire` (a FHIR R4 Questionnaire, checked
  with `fhir.resources` where it is installed, and always in CI);
- `POST`/`GET /patients/{id}/assessments`: 201 with the scores, newest first, the plan's access
  rules (403 for a user outside the care team, refused before the body is checked, audited),
  and a red result in the inbox of the plan's key-worker unit (amber and green: none);
- `POST /patients/{id}/self-report-links` and the link itself (`/r/{token}`): 201 with url and
  expiresAt 72 h ahead, a token of at least 128 bits, answers taken once without any session
  (JSON), 410 afterwards (also for a GET, with a kind page), 404 for an unknown token, only one
  of several simultaneous submissions stored, the assessment listed with respondent "patient".

Own module, own server (the `lindring` fixture). Every write goes to patients registered here,
so the demo patients' screenings are left alone.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from urllib.parse import urlsplit

import pytest
import requests

from conftest import LindringServer, openapi_enum
from patients_support import (
    HOME_CARE_UNIT,
    KEY_UNIT,
    NURSE,
    TIMEOUT,
    Api,
    Db,
    DemoPatient,
    describe,
    expect_json,
    expect_problem,
    fresh_cpr,
    pretty,
    problem_fields,
)

# The instruments this module scores itself (below) and runs its tests for. Test ids are fixed when
# pytest collects, before a server runs, so they are written out here; the instruments test checks
# they are exactly the ones the OpenAPI document lists (`AssessmentInput.instrument`).
INSTRUMENTS = ("esas-r", "ipos", "eortc-qlq-c15-pal")
UTC = timezone.utc


# --- an independent scorer, from the instruments' rules ----------------------------------------

ESAS_ITEMS = ["pain", "tiredness", "drowsiness", "nausea", "appetite", "shortnessOfBreath", "depression", "anxiety", "wellbeing"]
IPOS_PHYSICAL = ["pain", "shortnessOfBreath", "weakness", "nausea", "vomiting", "poorAppetite", "constipation", "mouth",
                 "drowsiness", "poorMobility"]
IPOS_EMOTIONAL = ["patientAnxiety", "familyAnxiety", "depression", "atPeace"]
IPOS_COMMUNICATION = ["sharedFeelings", "information", "practicalProblems"]
IPOS_ITEMS = IPOS_PHYSICAL + IPOS_EMOTIONAL + IPOS_COMMUNICATION
EORTC_ITEMS = [f"q{n}" for n in range(1, 16)]
EORTC_SCALES = ["QL", "PF2", "EF", "FA", "NV", "PA", "DY", "SL", "AP", "CO"]

# Scored items and their ranges; free-text items besides them.
RANGES: dict[str, dict[str, tuple[int, int]]] = {
    "esas-r": {item: (0, 10) for item in ESAS_ITEMS + ["other"]},
    "ipos": {item: (0, 4) for item in IPOS_ITEMS},
    "eortc-qlq-c15-pal": {**{f"q{n}": (1, 4) for n in range(1, 15)}, "q15": (1, 7)},
}
TEXT_ITEMS = {"esas-r": ["otherName"], "ipos": ["mainConcerns"], "eortc-qlq-c15-pal": []}
SCALES = {
    "esas-r": {"total", "physical", "emotional"},
    "ipos": {"total", "physical", "emotional", "communication"},
    "eortc-qlq-c15-pal": set(EORTC_SCALES),
}


def two_decimals(value: Fraction | float | None) -> float | None:
    """Rounds half up to two decimals, from an exact value (no binary-float ties)."""
    if value is None:
        return None
    exact = Fraction(value)
    return float((Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def total_of(items: list[str], answers: dict[str, int]) -> Fraction | None:
    """A sum scale: missing if any of its items is."""
    if any(item not in answers for item in items):
        return None
    return Fraction(sum(answers[item] for item in items))


def esas_severity(value: int) -> str:
    return "none" if value == 0 else "mild" if value <= 3 else "moderate" if value <= 6 else "severe"


def ipos_severity(value: int) -> str:
    return ["none", "mild", "moderate", "severe", "severe"][value]


def eortc_severity(item: str, value: int) -> str:
    # As LindringCore/Screening (EORTCQLQC15PAL.swift, SeverityThresholds.swift) has it: items 1-14
    # ("not at all" 1 ... "very much" 4) 2 mild, 3 moderate, 4 severe; overall quality of life
    # q15 (1 very poor ... 7 excellent) 4 mild, 3 moderate, 1-2 severe.
    if item == "q15":
        return "severe" if value <= 2 else "moderate" if value == 3 else "mild" if value == 4 else "none"
    return ["none", "mild", "moderate", "severe"][value - 1]


def eortc_standard(items: list[str], answers: dict[str, int], span: int) -> Fraction | None:
    """RS = mean of the answered items, scored if at least half are answered; S = (RS - 1) / span x 100."""
    answered = [answers[item] for item in items if item in answers]
    if not answered or 2 * len(answered) < len(items):
        return None
    raw = Fraction(sum(answered), len(answered))
    return (raw - 1) / span * 100


def eortc_scores(a: dict[str, int]) -> dict[str, Fraction | float | None]:
    scores: dict[str, Fraction | float | None] = {
        "QL": eortc_standard(["q15"], a, 6),
        "PA": eortc_standard(["q5", "q12"], a, 3),
        "DY": eortc_standard(["q4"], a, 3),
        "SL": eortc_standard(["q6"], a, 3),
        "AP": eortc_standard(["q8"], a, 3),
        "CO": eortc_standard(["q10"], a, 3),
    }
    # The C15-PAL addendum's shortened scales: missing if any item is.
    if all(q in a for q in ("q1", "q2", "q3")):
        s = 12 - a["q1"] - a["q2"] - a["q3"]
        scores["PF2"] = {6: 46.67, 7: 60.00, 8: 73.33, 9: 93.33}.get(s, Fraction(s * 100, 15))
    else:
        scores["PF2"] = None
    if "q13" in a and "q14" in a:
        scores["EF"] = [0, 16.67, 41.67, 50, 66.67, 83.33, 100][8 - a["q13"] - a["q14"]]
    else:
        scores["EF"] = None
    if "q7" in a and "q11" in a:
        s = a["q7"] + a["q11"] - 2
        if s == 3:
            scores["FA"] = 44.44 if a["q7"] > a["q11"] else 55.56
        else:
            scores["FA"] = {0: 0, 1: 22.22, 2: 33.33, 4: 66.67, 5: 88.89, 6: 100}[s]
    else:
        scores["FA"] = None
    scores["NV"] = [0, 16.67, 50, 100][a["q9"] - 1] if "q9" in a else None
    return scores


def reference_score(instrument: str, answers: dict) -> dict:
    """{"scores", "severity", "trafficLight"} as the rules say, for valid answers."""
    numbers = {k: v for k, v in answers.items() if k in RANGES[instrument]}
    if instrument == "esas-r":
        raw = {
            "total": total_of(ESAS_ITEMS, numbers),
            "physical": total_of(ESAS_ITEMS[:6], numbers),
            "emotional": total_of(["depression", "anxiety"], numbers),
        }
        severity = {item: esas_severity(value) for item, value in numbers.items()}  # `other` too
    elif instrument == "ipos":
        raw = {
            "total": total_of(IPOS_ITEMS, numbers),
            "physical": total_of(IPOS_PHYSICAL, numbers),
            "emotional": total_of(IPOS_EMOTIONAL, numbers),
            "communication": total_of(IPOS_COMMUNICATION, numbers),
        }
        severity = {item: ipos_severity(value) for item, value in numbers.items()}
    else:
        raw = eortc_scores(numbers)
        severity = {item: eortc_severity(item, value) for item, value in numbers.items()}
    worst = set(severity.values())
    light = "red" if "severe" in worst else "amber" if "moderate" in worst else "green"
    return {"scores": {name: two_decimals(value) for name, value in raw.items()}, "severity": severity, "trafficLight": light}


def score_mismatches(instrument: str, answers: dict, got: dict) -> list[str]:
    """How the server's score differs from the reference (empty when it agrees)."""
    want = reference_score(instrument, answers)
    problems: list[str] = []
    if set(got.get("scores", {})) != SCALES[instrument]:
        problems.append(f"scales {sorted(got.get('scores', {}))}, expected {sorted(SCALES[instrument])}")
    for name in SCALES[instrument]:
        expected, actual = want["scores"][name], got.get("scores", {}).get(name, "absent")
        if expected is None or actual is None or actual == "absent":
            if expected != actual:
                problems.append(f"{name}: {actual}, expected {expected}")
            continue
        if not isinstance(actual, (int, float)) or isinstance(actual, bool):
            problems.append(f"{name}: {actual!r} is not a number")
        elif abs(actual * 100 - round(actual * 100)) > 1e-6:
            problems.append(f"{name}: {actual} has more than two decimals")
        elif abs(actual - expected) > 0.005 + 1e-9:
            problems.append(f"{name}: {actual}, expected {expected}")
    if got.get("severity") != want["severity"]:
        diff = {k: (got.get("severity", {}).get(k), v) for k, v in want["severity"].items() if got.get("severity", {}).get(k) != v}
        extra = set(got.get("severity", {})) - set(want["severity"])
        problems.append(f"severity differs (item: (got, expected)) {diff}" + (f", unexpected items {sorted(extra)}" if extra else ""))
    if got.get("trafficLight") != want["trafficLight"]:
        problems.append(f"trafficLight {got.get('trafficLight')!r}, expected {want['trafficLight']!r}")
    return problems


# The highest answer that is not severe, by item (q15 is the other way round: 3 and up).
MODERATE_AT_MOST = {"esas-r": 6, "ipos": 2, "eortc-qlq-c15-pal": 3}


def random_answers(instrument: str, rng: random.Random) -> dict:
    """Full, partial, sparse and extreme answer sets, sometimes with the free-text item."""
    ranges = RANGES[instrument]
    kind = rng.random()
    if kind < 0.05:
        answers = {item: lo for item, (lo, _hi) in ranges.items()}
    elif kind < 0.10:
        answers = {item: hi for item, (_lo, hi) in ranges.items()}
    elif kind < 0.45:
        answers = {item: rng.randint(lo, hi) for item, (lo, hi) in ranges.items()}
    elif kind < 0.85:
        keep = rng.uniform(0.5, 0.95)
        answers = {item: rng.randint(lo, hi) for item, (lo, hi) in ranges.items() if rng.random() < keep}
    else:
        answers = {item: rng.randint(lo, hi) for item, (lo, hi) in rng.sample(sorted(ranges.items()), rng.randint(0, 3))}
    if rng.random() < 0.3:
        # no severe answer, so that amber and green lights are well represented
        answers = {item: max(value, 3) if item == "q15" else min(value, MODERATE_AT_MOST[instrument])
                   for item, value in answers.items()}
    if instrument == "esas-r" and "other" in answers and rng.random() < 0.3:
        del answers["other"]
    for text_item in TEXT_ITEMS[instrument]:
        if rng.random() < 0.3:
            answers[text_item] = rng.choice(["Kløe", "Svimmelhed om morgenen", "Bekymret for min mand", "Ondt i ryggen & benene"])
    return answers


# --- fixtures ------------------------------------------------------------------------------------


def register_with_plan(api: Api, db: Db, name: str, care_team: list[dict] | None) -> dict:
    """A consenting patient registered by `api`'s unit, with a plan when `care_team` is given."""
    body = {"cpr": fresh_cpr(db), "name": name, "diagnosisGroup": "cancer", "sharingConsent": "given"}
    patient = expect_json(api.post("/patients", body), 201)
    if care_team is not None:
        expect_json(api.post(f"/patients/{patient['id']}/plan", {"careTeam": care_team}), 201)
    return patient


def key_worker_team(db: Db) -> list[dict]:
    return [{"role": "keyWorker", "unitId": db.unit_id(KEY_UNIT)}, {"role": "homeCare", "unitId": db.unit_id(HOME_CARE_UNIT)}]


@pytest.fixture
def screened_patient(key_worker: Api, db: Db) -> dict:
    """A fresh patient of its own for each test: RH-PAL key worker, HJ-101 home care."""
    return register_with_plan(key_worker, db, "Screena Skalasen", key_worker_team(db))


def assessment_count(db: Db, patient_id: str) -> int:
    connection = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True, timeout=10)
    try:
        (count,) = connection.execute(
            "SELECT count(*) FROM assessments WHERE upper(patient_id) = upper(?)", (patient_id,)
        ).fetchone()
        return count
    finally:
        connection.close()


def screening_inbox_items(api: Api, patient_id: str) -> list[dict]:
    """`api`'s inbox items about screenings of the patient (newest first, first 200 items)."""
    items = expect_json(api.get("/inbox", params={"limit": 200}), 200)["items"]
    # withheld items (a patient the unit may not read) carry no patient id
    return [i for i in items if (i["patientId"] or "").upper() == patient_id.upper() and i.get("assessmentId")]


def record(api: Api, patient_id: str, instrument: str, answers: dict, respondent: str = "staff", **extra) -> dict:
    body = {"instrument": instrument, "respondent": respondent, "answers": answers, **extra}
    return expect_json(api.post(f"/patients/{patient_id}/assessments", body), 201)


def link_token(url: str) -> str:
    path = urlsplit(url).path
    match = re.fullmatch(r"/r/([^/]+)", path)
    assert match, f"self-report url {url!r} is not /r/<token>"
    return match.group(1)


def make_link(api: Api, patient_id: str, instrument: str = "esas-r") -> dict:
    return expect_json(api.post(f"/patients/{patient_id}/self-report-links", {"instrument": instrument}), 201)


def submit_json(url: str, answers: dict) -> requests.Response:
    """Posts answers to a self-report link like a patient's phone would: no session, no token."""
    return requests.post(url, json={"answers": answers}, timeout=TIMEOUT, allow_redirects=False)


def score(api: Api, instrument: str, answers: dict) -> requests.Response:
    return api.post(f"/instruments/{instrument}/score", {"answers": answers})


# --- who may -------------------------------------------------------------------------------------


def test_without_a_token_the_screening_operations_are_401(lindring: LindringServer, key_worker: Api, db: Db):
    patient = register_with_plan(key_worker, db, "Uden Adgangsen", key_worker_team(db))
    for method, path, body in [
        ("GET", "/instruments", None),
        ("GET", "/instruments/esas-r/questionnaire", None),
        ("POST", "/instruments/esas-r/score", {"answers": {"pain": 1}}),
        ("GET", f"/patients/{patient['id']}/assessments", None),
        ("POST", f"/patients/{patient['id']}/assessments", {"instrument": "esas-r", "respondent": "staff", "answers": {"pain": 1}}),
        ("POST", f"/patients/{patient['id']}/self-report-links", {"instrument": "esas-r"}),
    ]:
        response = requests.request(method, lindring.url("/api/v1" + path), json=body, timeout=TIMEOUT, allow_redirects=False)
        expect_problem(response, 401)
    assert assessment_count(db, patient["id"]) == 0


# --- scoring ---------------------------------------------------------------------------------------

EORTC_VECTORS = {
    "best answers": (
        [1] * 14 + [7],
        {"PF2": 93.33, "EF": 100, "QL": 100, "FA": 0, "NV": 0, "PA": 0, "DY": 0, "SL": 0, "AP": 0, "CO": 0},
    ),
    "worst answers": (
        [4] * 14 + [1],
        {"PF2": 0, "EF": 0, "QL": 0, "FA": 100, "NV": 100, "PA": 100, "DY": 100, "SL": 100, "AP": 100, "CO": 100},
    ),
    "mixed answers": (
        [2, 3, 2, 2, 3, 1, 3, 2, 2, 4, 2, 2, 2, 3, 4],
        {"PF2": 33.33, "EF": 50, "QL": 50, "FA": 44.44, "NV": 16.67, "PA": 50, "DY": 33.33, "SL": 0, "AP": 33.33, "CO": 100},
    ),
}


@pytest.mark.parametrize("case", list(EORTC_VECTORS))
def test_eortc_qlq_c15_pal_scores_the_manuals_vectors(key_worker: Api, case: str):
    values, expected = EORTC_VECTORS[case]
    answers = {f"q{n}": value for n, value in enumerate(values, start=1)}
    got = expect_json(score(key_worker, "eortc-qlq-c15-pal", answers), 200)
    assert set(got) == {"scores", "severity", "trafficLight"}, pretty(got)
    wrong = {name: (got["scores"].get(name), want) for name, want in expected.items()
             if got["scores"].get(name) is None or abs(got["scores"][name] - want) > 0.005 + 1e-9}
    assert not wrong, f"{case}: scale: (got, expected) {wrong}; answers {answers}"
    assert set(got["scores"]) == set(EORTC_SCALES), pretty(got)
    assert not score_mismatches("eortc-qlq-c15-pal", answers, got), score_mismatches("eortc-qlq-c15-pal", answers, got)


def test_eortc_fatigue_with_raw_sum_three_depends_on_which_item_is_higher(key_worker: Api):
    weak = expect_json(score(key_worker, "eortc-qlq-c15-pal", {"q7": 3, "q11": 2}), 200)["scores"]
    tired = expect_json(score(key_worker, "eortc-qlq-c15-pal", {"q7": 2, "q11": 3}), 200)["scores"]
    assert (weak["FA"], tired["FA"]) == (44.44, 55.56), f"FA for q7>q11 {weak['FA']}, for q7<q11 {tired['FA']}"


def test_esas_r_sums_the_nine_symptoms_and_never_other(key_worker: Api):
    answers = {"pain": 9, "tiredness": 5, "drowsiness": 2, "nausea": 0, "appetite": 4, "shortnessOfBreath": 3,
               "depression": 1, "anxiety": 6, "wellbeing": 5, "other": 10, "otherName": "Kløe"}
    got = expect_json(score(key_worker, "esas-r", answers), 200)
    assert got["scores"] == {"total": 35, "physical": 23, "emotional": 7}, pretty(got)
    assert got["severity"]["pain"] == "severe" and got["severity"]["nausea"] == "none" and got["trafficLight"] == "red", pretty(got)
    assert "otherName" not in got["severity"], pretty(got)
    # one symptom unanswered: the total and its group cannot be scored; the other group can
    partial = expect_json(score(key_worker, "esas-r", {k: v for k, v in answers.items() if k != "nausea"}), 200)
    assert partial["scores"] == {"total": None, "physical": None, "emotional": 7}, pretty(partial)


def test_ipos_sums_each_subscale_and_bands_the_items(key_worker: Api):
    answers = {item: 1 for item in IPOS_ITEMS} | {"pain": 2, "atPeace": 0, "information": 0, "mainConcerns": "At kunne sove"}
    got = expect_json(score(key_worker, "ipos", answers), 200)
    assert got["scores"] == {"total": 16, "physical": 11, "emotional": 3, "communication": 2}, pretty(got)
    assert got["severity"]["pain"] == "moderate" and got["severity"]["weakness"] == "mild" and got["trafficLight"] == "amber", pretty(got)
    assert expect_json(score(key_worker, "ipos", answers | {"vomiting": 3}), 200)["trafficLight"] == "red"
    assert expect_json(score(key_worker, "ipos", {"pain": 0, "weakness": 1}), 200)["trafficLight"] == "green"


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_nothing_answered_scores_nothing_and_is_green(key_worker: Api, instrument: str):
    got = expect_json(score(key_worker, instrument, {}), 200)
    assert got == {"scores": {name: None for name in SCALES[instrument]}, "severity": {}, "trafficLight": "green"}, pretty(got)


RANDOM_SETS_PER_INSTRUMENT = 120


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_random_answer_sets_score_as_the_reference(key_worker: Api, instrument: str):
    rng = random.Random(f"lindring-screening-{instrument}-20251124")
    failures: list[str] = []
    partial = 0
    for n in range(RANDOM_SETS_PER_INSTRUMENT):
        answers = random_answers(instrument, rng)
        partial += len([k for k in answers if k in RANGES[instrument]]) < len(RANGES[instrument])
        response = score(key_worker, instrument, answers)
        if response.status_code != 200:
            failures.append(f"set {n} {json.dumps(answers)}: {describe(response)}")
            continue
        problems = score_mismatches(instrument, answers, response.json())
        if problems:
            failures.append(f"set {n} {json.dumps(answers, ensure_ascii=False)}: {'; '.join(problems)}")
    assert partial >= RANDOM_SETS_PER_INSTRUMENT // 3, f"only {partial} partly answered sets: the generator drifted"
    assert not failures, (
        f"{len(failures)} of {RANDOM_SETS_PER_INSTRUMENT} {instrument} answer sets score differently from the reference:\n"
        + "\n".join(failures[:8])
    )


# --- refusing answers ---------------------------------------------------------------------------

INVALID_ANSWERS = {
    "ESAS-r above 10": ("esas-r", {"pain": 11, "nausea": 2}, {"answers.pain": "outOfRange"}),
    "ESAS-r negative": ("esas-r", {"anxiety": -1}, {"answers.anxiety": "outOfRange"}),
    "ESAS-r other above 10": ("esas-r", {"other": 12, "otherName": "Kløe"}, {"answers.other": "outOfRange"}),
    "IPOS 5": ("ipos", {"pain": 5, "weakness": 4}, {"answers.pain": "outOfRange"}),
    "EORTC item 0": ("eortc-qlq-c15-pal", {"q1": 0}, {"answers.q1": "outOfRange"}),
    "EORTC item 5": ("eortc-qlq-c15-pal", {"q14": 5}, {"answers.q14": "outOfRange"}),
    "EORTC q15 8": ("eortc-qlq-c15-pal", {"q15": 8, "q14": 4}, {"answers.q15": "outOfRange"}),
    "a fraction": ("esas-r", {"pain": 2.5}, {"answers.pain": "notAnInteger"}),
    "a numeric string": ("ipos", {"nausea": "3"}, {"answers.nausea": "notAnInteger"}),
    "a boolean": ("eortc-qlq-c15-pal", {"q3": True}, {"answers.q3": "notAnInteger"}),
    "an object": ("esas-r", {"pain": {"value": 3}}, {"answers.pain": "notAnInteger"}),
    "unknown ESAS-r item": ("esas-r", {"itching": 3, "pain": 1}, {"answers.itching": "unknownItem"}),
    "IPOS item sent to EORTC": ("eortc-qlq-c15-pal", {"pain": 2}, {"answers.pain": "unknownItem"}),
    "EORTC item sent to IPOS": ("ipos", {"q1": 2}, {"answers.q1": "unknownItem"}),
}


@pytest.mark.parametrize("case", list(INVALID_ANSWERS))
def test_invalid_answer_is_422_naming_the_item(key_worker: Api, case: str):
    instrument, answers, expected = INVALID_ANSWERS[case]
    problem = expect_problem(score(key_worker, instrument, answers), 422)
    errors = problem_fields(problem)
    named = {field for field, _ in errors}
    assert named == set(expected), f"{case}: 422 names {sorted(named)}, expected exactly {sorted(expected)}: {pretty(problem)}"
    for field, code in expected.items():
        assert (field, code) in errors, f"{case}: expected ({field}, {code}): {pretty(problem)}"


def test_every_bad_answer_is_named_at_once(key_worker: Api):
    answers = {"pain": 11, "tiredness": 2.5, "drowsiness": "3", "nausea": True, "itching": 4, "anxiety": 5, "depression": -2}
    problem = expect_problem(score(key_worker, "esas-r", answers), 422)
    assert problem_fields(problem) >= {
        ("answers.pain", "outOfRange"), ("answers.tiredness", "notAnInteger"), ("answers.drowsiness", "notAnInteger"),
        ("answers.nausea", "notAnInteger"), ("answers.itching", "unknownItem"), ("answers.depression", "outOfRange"),
    }, pretty(problem)
    assert "answers.anxiety" not in {f for f, _ in problem_fields(problem)}, f"a valid answer is named: {pretty(problem)}"


def test_unknown_instrument_is_404(key_worker: Api):
    expect_problem(score(key_worker, "phq-9", {"q1": 1}), 404)
    expect_problem(key_worker.get("/instruments/phq-9/questionnaire"), 404)


# --- the instruments and their FHIR questionnaires ---------------------------------------------


def test_instruments_list_names_every_item_with_its_range(key_worker: Api, openapi: dict):
    documented = openapi_enum(openapi, "AssessmentInput", "instrument")
    assert sorted(documented) == sorted(INSTRUMENTS), f"the OpenAPI document lists the instruments {documented}"
    listed = expect_json(key_worker.get("/instruments"), 200)
    by_id = {item["id"]: item for item in listed["items"]}
    assert sorted(by_id) == sorted(INSTRUMENTS), pretty(listed)
    for instrument in INSTRUMENTS:
        items = {item["id"]: (item["min"], item["max"]) for item in by_id[instrument]["items"]}
        assert items == RANGES[instrument], f"{instrument}: {items}"
        assert by_id[instrument]["textItems"] == TEXT_ITEMS[instrument], pretty(by_id[instrument])
    # in the instruments' own order
    assert [i["id"] for i in by_id["esas-r"]["items"]] == ESAS_ITEMS + ["other"]
    assert [i["id"] for i in by_id["ipos"]["items"]] == IPOS_ITEMS
    assert [i["id"] for i in by_id["eortc-qlq-c15-pal"]["items"]] == EORTC_ITEMS


def fhir_questionnaire_model():
    """fhir.resources' Questionnaire model (R4B: the package's R4-line models; Questionnaire is
    unchanged from R4), or None where the package is missing and this is not CI."""
    try:
        from fhir.resources.R4B.questionnaire import Questionnaire
    except ImportError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"fhir.resources is not installed in CI ({error}); .ci/run must install it")
        return None
    return Questionnaire


# Value sets of FHIR R4 that the models do not enforce.
FHIR_STATUS = {"draft", "active", "retired", "unknown"}
FHIR_ITEM_TYPES = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text", "url",
                   "choice", "open-choice", "attachment", "reference", "quantity"}
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"


def english_translation(element: dict | None) -> str | None:
    for extension in (element or {}).get("extension", []):
        if extension.get("url") == TRANSLATION:
            parts = {e["url"]: e for e in extension.get("extension", [])}
            if parts.get("lang", {}).get("valueCode") == "en":
                return parts.get("content", {}).get("valueString")
    return None


@pytest.mark.parametrize("instrument", INSTRUMENTS)
def test_questionnaire_is_a_fhir_r4_questionnaire(key_worker: Api, instrument: str):
    response = key_worker.get(f"/instruments/{instrument}/questionnaire")
    assert response.status_code == 200, describe(response)
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    assert content_type == "application/fhir+json", describe(response)
    body = response.json()

    # the structure, by fhir.resources' model (extra or mistyped members are refused)
    model = fhir_questionnaire_model()
    if model is not None:
        parsed = model.model_validate(body) if hasattr(model, "model_validate") else model.parse_obj(body)
        assert parsed.id == instrument and len(parsed.item) == len(body["item"])

    # and what the model does not check
    assert body["resourceType"] == "Questionnaire" and body["id"] == instrument, pretty(body)
    assert body["status"] in FHIR_STATUS, body["status"]
    assert re.fullmatch(r"[A-Z]([A-Za-z0-9_]){0,254}", body.get("name", "")), f"name {body.get('name')!r} breaks FHIR's que-0"
    assert body.get("language") == "da" and body.get("title"), pretty(body)
    assert english_translation(body.get("_title")), f"no English title: {pretty(body.get('_title'))}"
    link_ids = [item["linkId"] for item in body["item"]]
    assert len(link_ids) == len(set(link_ids)), f"duplicate linkIds {link_ids}"
    assert link_ids == list(RANGES[instrument]) + TEXT_ITEMS[instrument], link_ids
    for item in body["item"]:
        assert item["type"] in FHIR_ITEM_TYPES, f"{item['linkId']}: type {item['type']!r}"
        assert item.get("text"), f"{item['linkId']} has no text"
        assert english_translation(item.get("_text")), f"{item['linkId']} has no English text"
        if item["linkId"] in RANGES[instrument]:
            assert item["type"] == "integer", item
            bounds = {e["url"].rsplit("/", 1)[-1]: e.get("valueInteger") for e in item.get("extension", [])}
            assert (bounds.get("minValue"), bounds.get("maxValue")) == RANGES[instrument][item["linkId"]], (
                f"{item['linkId']}: min/max extensions {bounds}"
            )
        else:
            assert item["type"] in ("text", "string"), item


# --- assessments -----------------------------------------------------------------------------------


def test_assessment_is_201_with_its_scores_and_listed_newest_first(key_worker: Api, nurse: Api, screened_patient: dict):
    patient_id = screened_patient["id"]
    earlier = (datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0)
    answers = {"pain": 4, "tiredness": 3, "drowsiness": 1, "nausea": 0, "appetite": 2, "shortnessOfBreath": 1,
               "depression": 2, "anxiety": 3, "wellbeing": 3}

    # when the home-care nurse records one taken three days ago, and the key worker one now
    first = record(nurse, patient_id, "esas-r", answers, respondent="relative", at=earlier.isoformat())
    eortc = {f"q{n}": v for n, v in enumerate([2, 3, 2, 2, 3, 1, 3, 2, 2, 4, 2, 2, 2, 3, 4], start=1)}
    second = record(key_worker, patient_id, "eortc-qlq-c15-pal", eortc)

    # then each comes back scored as the reference scores it
    for created, instrument, sent, respondent in ((first, "esas-r", answers, "relative"), (second, "eortc-qlq-c15-pal", eortc, "staff")):
        assert created["instrument"] == instrument and created["respondent"] == respondent, pretty(created)
        assert created["patientId"].upper() == patient_id.upper() and created["answers"] == sent, pretty(created)
        assert not score_mismatches(instrument, sent, created), score_mismatches(instrument, sent, created)
    assert first["trafficLight"] == "amber" and first["scores"]["total"] == 19, pretty(first)
    assert datetime.fromisoformat(first["at"].replace("Z", "+00:00")) == earlier, f"at {first['at']}, sent {earlier.isoformat()}"
    assert first["recordedByName"] and second["recordedByName"], pretty(first)

    # and the list has both, newest first, for everyone on the care team
    for api in (key_worker, nurse):
        listed = expect_json(api.get(f"/patients/{patient_id}/assessments"), 200)
        assert [a["id"] for a in listed["items"]] == [second["id"], first["id"]], pretty(listed)
        assert listed["items"][1] == first, f"the listed assessment differs from the created one: {pretty(listed['items'][1])}"


@pytest.mark.parametrize(
    "case, body, fields",
    [
        ("bad answers", {"instrument": "esas-r", "respondent": "staff", "answers": {"pain": 11, "nausea": 2.5, "itch": 1}},
         {"answers.pain", "answers.nausea", "answers.itch"}),
        ("unknown instrument and respondent", {"instrument": "phq-9", "respondent": "neighbour", "answers": {"pain": 1}},
         {"instrument", "respondent"}),
        ("nothing", {}, {"instrument", "respondent", "answers"}),
        ("in the future", {"instrument": "ipos", "respondent": "patient", "answers": {"pain": 1}, "at": "2099-01-01T10:00:00+01:00"},
         {"at"}),
    ],
)
def test_invalid_assessment_is_422_naming_the_fields_and_stores_nothing(
    key_worker: Api, db: Db, screened_patient: dict, case: str, body: dict, fields: set[str]
):
    problem = expect_problem(key_worker.post(f"/patients/{screened_patient['id']}/assessments", body), 422)
    named = {field for field, _ in problem_fields(problem)}
    assert fields <= named, f"{case}: expected {sorted(fields)} named, got {pretty(problem)}"
    assert assessment_count(db, screened_patient["id"]) == 0, f"{case}: a refused assessment was stored"


def test_a_red_result_goes_to_the_key_worker_units_inbox_amber_and_green_do_not(
    key_worker: Api, nurse: Api, screened_patient: dict
):
    patient_id = screened_patient["id"]
    # given amber and green results recorded by the home-care nurse
    amber = record(nurse, patient_id, "ipos", {"pain": 2, "weakness": 1})
    green = record(nurse, patient_id, "esas-r", {"pain": 1, "nausea": 0})
    assert (amber["trafficLight"], green["trafficLight"]) == ("amber", "green")
    assert screening_inbox_items(key_worker, patient_id) == [], "an amber or green result reached the key worker's inbox"

    # when she records a red one
    red = record(nurse, patient_id, "eortc-qlq-c15-pal", {"q5": 4, "q15": 5})
    assert red["trafficLight"] == "red", pretty(red)

    # then the key worker's unit (RH-PAL) has exactly one inbox item, for the red result, unread
    items = screening_inbox_items(key_worker, patient_id)
    assert [i["assessmentId"].upper() for i in items] == [red["id"].upper()], pretty(items)
    assert items[0]["read"] is False and items[0]["patientName"] == screened_patient["name"], pretty(items[0])
    # and home care (not the key worker) has none
    assert screening_inbox_items(nurse, patient_id) == [], f"{NURSE}'s unit is not the key worker but got the red result"


def test_a_red_result_for_a_patient_without_a_plan_is_stored(key_worker: Api, db: Db):
    patient = register_with_plan(key_worker, db, "Planløs Rødsen", care_team=None)
    red = record(key_worker, patient["id"], "esas-r", {"shortnessOfBreath": 8})
    assert red["trafficLight"] == "red"
    assert screening_inbox_items(key_worker, patient["id"]) == []


def test_another_units_patient_is_403_before_the_body_is_checked_and_audited(
    nurse: Api, db: Db, outside_patient: DemoPatient
):
    # as the plan API: a user outside the care team is refused (403 problem+json), learns nothing,
    # and every refusal is in the audit log
    patient = outside_patient
    before_audit = len(db.audit_entries(patient.id))
    before_count = assessment_count(db, patient.id)
    path = f"/patients/{patient.id}"
    for response in (
        nurse.get(f"{path}/assessments"),
        nurse.post(f"{path}/assessments", {"instrument": "esas-r", "respondent": "staff", "answers": {"pain": 9}}),
        nurse.post(f"{path}/assessments", {"instrument": "esas-r", "respondent": "staff", "answers": {"pain": 99}}),
        nurse.post(f"{path}/self-report-links", {"instrument": "esas-r"}),
        nurse.post(f"{path}/self-report-links", {"instrument": "nonsense"}),
        nurse.get(f"{path}/plan"),  # the plan API's answer, for comparison
    ):
        problem = expect_problem(response, 403)
        assert patient.name not in response.text and patient.cpr not in response.text, describe(response)
        assert problem.get("detail"), f"403 without detail: {pretty(problem)}"
    assert assessment_count(db, patient.id) == before_count, "a refused assessment was stored"
    denied = [e for e in db.audit_entries(patient.id)[before_audit:] if e["username"] == NURSE and e["outcome"] == "denied"]
    assert len(denied) >= 5, f"refused screening requests left {len(denied)} denied audit entries: {denied}"


def test_users_without_patient_data_rights_are_refused(finance: Api, screened_patient: dict, db: Db):
    path = f"/patients/{screened_patient['id']}"
    expect_problem(finance.get(f"{path}/assessments"), 403)
    expect_problem(finance.post(f"{path}/assessments", {"instrument": "esas-r", "respondent": "staff", "answers": {"pain": 1}}), 403)
    expect_problem(finance.post(f"{path}/self-report-links", {"instrument": "esas-r"}), 403)
    assert assessment_count(db, screened_patient["id"]) == 0


def test_unknown_patient_is_404(key_worker: Api):
    path = "/patients/00000000-0000-4000-8000-000000000000"
    expect_problem(key_worker.get(f"{path}/assessments"), 404)
    expect_problem(key_worker.post(f"{path}/assessments", {"instrument": "esas-r", "respondent": "staff", "answers": {"pain": 1}}), 404)
    expect_problem(key_worker.post(f"{path}/self-report-links", {"instrument": "esas-r"}), 404)


def test_reading_assessments_is_audited(nurse: Api, db: Db, screened_patient: dict):
    before = len(db.audit_entries(screened_patient["id"]))
    expect_json(nurse.get(f"/patients/{screened_patient['id']}/assessments"), 200)
    new = db.audit_entries(screened_patient["id"])[before:]
    assert any(e["username"] == NURSE and e["outcome"] == "allowed" for e in new), f"reading the screenings left no audit entry: {new}"


# --- self-report links -------------------------------------------------------------------------


def test_self_report_link_is_201_with_url_and_expiry_72_hours_ahead(lindring: LindringServer, key_worker: Api, screened_patient: dict):
    before = datetime.now(UTC)
    response = key_worker.post(f"/patients/{screened_patient['id']}/self-report-links", {"instrument": "ipos"})
    after = datetime.now(UTC)
    link = expect_json(response, 201)
    assert link["instrument"] == "ipos", pretty(link)

    # the url is on this server, /r/<token>
    url = urlsplit(link["url"])
    assert f"{url.scheme}://{url.netloc}" == lindring.base_url, f"url {link['url']!r} is not on {lindring.base_url}"
    token = link_token(link["url"])

    # the token is unguessable: URL-safe characters carrying at least 128 bits
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token), f"token {token!r} has characters outside base64url"
    bits = len(token) * 6 if not re.fullmatch(r"[0-9a-f]+", token) else len(token) * 4
    assert bits >= 128, f"token {token!r} carries at most {bits} bits"
    assert screened_patient["id"].lower() not in link["url"].lower(), "the url names the patient"
    other = make_link(key_worker, screened_patient["id"], "ipos")
    assert link_token(other["url"]) != token, "two links share a token"

    # and it expires 72 hours ahead
    expires = datetime.fromisoformat(link["expiresAt"].replace("Z", "+00:00"))
    assert before + timedelta(hours=72) - timedelta(seconds=5) <= expires <= after + timedelta(hours=72, seconds=5), (
        f"expiresAt {link['expiresAt']} is not 72 h after {before.isoformat()}"
    )


def test_self_report_link_refuses_a_bad_instrument_and_expiry(key_worker: Api, screened_patient: dict):
    path = f"/patients/{screened_patient['id']}/self-report-links"
    assert "instrument" in {f for f, _ in problem_fields(expect_problem(key_worker.post(path, {"instrument": "phq-9"}), 422))}
    assert "instrument" in {f for f, _ in problem_fields(expect_problem(key_worker.post(path, {}), 422))}
    problem = expect_problem(key_worker.post(path, {"instrument": "ipos", "expiresInHours": 0}), 422)
    assert "expiresInHours" in {f for f, _ in problem_fields(problem)}, pretty(problem)


def test_patient_answers_once_through_the_link_without_a_session(
    lindring: LindringServer, key_worker: Api, db: Db, screened_patient: dict
):
    patient_id = screened_patient["id"]
    link = make_link(key_worker, patient_id, "esas-r")
    answers = {"pain": 3, "tiredness": 6, "drowsiness": 2, "nausea": 1, "appetite": 5, "shortnessOfBreath": 0,
               "depression": 2, "anxiety": 4, "wellbeing": 4, "other": 2, "otherName": "Kløe"}

    # invalid answers are refused (422, naming the item) and leave the link usable
    problem = expect_problem(submit_json(link["url"], {"pain": 12}), 422)
    assert ("answers.pain", "outOfRange") in problem_fields(problem), pretty(problem)

    # when the patient sends the answers with no session and no token
    first = submit_json(link["url"], answers)
    assert first.status_code in (200, 201), f"the first submission: {describe(first)}"

    # then a second submission is 410 problem+json, and so is a GET (a kind page, in Danish)
    expect_problem(submit_json(link["url"], answers | {"pain": 0}), 410)
    page = requests.get(link["url"], timeout=TIMEOUT, allow_redirects=False)
    assert page.status_code == 410, describe(page)
    assert page.headers.get("Content-Type", "").startswith("text/html"), describe(page)
    text = re.sub(r"<[^>]+>", " ", page.text)
    assert "allerede" in text and "Tak" in text, f"the used link's page is not a kind message: {text.split()[:60]}"
    assert "error-page" not in page.text and screened_patient["name"] not in page.text, describe(page)
    english = requests.get(link["url"], params={"lang": "en"}, timeout=TIMEOUT)
    assert english.status_code == 410 and "already" in english.text, describe(english)

    # and the assessment is the patient's own, scored, listed first
    listed = expect_json(key_worker.get(f"/patients/{patient_id}/assessments"), 200)["items"]
    assert len(listed) == 1, f"{len(listed)} assessments after one self-report: {pretty(listed)}"
    stored = listed[0]
    assert stored["respondent"] == "patient" and stored["instrument"] == "esas-r", pretty(stored)
    assert stored["answers"] == answers, f"stored answers {stored['answers']}, sent {answers}"
    assert not score_mismatches("esas-r", answers, stored), score_mismatches("esas-r", answers, stored)
    taken = datetime.fromisoformat(stored["at"].replace("Z", "+00:00"))
    assert abs((taken - datetime.now(UTC)).total_seconds()) < 120, f"self-report taken at {stored['at']}"
    # an amber result: nothing in the inbox
    assert stored["trafficLight"] == "amber" and screening_inbox_items(key_worker, patient_id) == []
    # and the submission is audited against the patient
    assert any(e["action"] == "assessment.selfReport" for e in db.audit_entries(patient_id)), db.audit_entries(patient_id)[-3:]


def test_a_red_self_report_reaches_the_key_worker_units_inbox(key_worker: Api, screened_patient: dict):
    link = make_link(key_worker, screened_patient["id"], "ipos")
    response = submit_json(link["url"], {"pain": 4, "mainConcerns": "Smerterne om natten"})
    assert response.status_code in (200, 201), describe(response)
    stored = expect_json(key_worker.get(f"/patients/{screened_patient['id']}/assessments"), 200)["items"][0]
    assert stored["trafficLight"] == "red" and stored["respondent"] == "patient", pretty(stored)
    items = screening_inbox_items(key_worker, screened_patient["id"])
    assert [i["assessmentId"].upper() for i in items] == [stored["id"].upper()], pretty(items)


def test_unknown_token_is_404(lindring: LindringServer):
    url = lindring.url("/r/" + "A" * 43)
    expect_problem(submit_json(url, {"pain": 1}), 404)
    page = requests.get(url, timeout=TIMEOUT, allow_redirects=False)
    assert page.status_code == 404 and page.headers.get("Content-Type", "").startswith("text/html"), describe(page)


def test_simultaneous_submissions_store_one_assessment(key_worker: Api, db: Db, screened_patient: dict):
    link = make_link(key_worker, screened_patient["id"], "esas-r")
    barrier = threading.Barrier(4)
    statuses: list[int] = []
    lock = threading.Lock()

    def send(pain: int) -> None:
        barrier.wait()
        response = submit_json(link["url"], {"pain": pain})
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=send, args=(pain,)) for pain in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    successes = [s for s in statuses if s in (200, 201)]
    assert len(successes) == 1 and sorted(s for s in statuses if s not in (200, 201)) == [410, 410, 410], (
        f"four simultaneous submissions answered {sorted(statuses)}"
    )
    assert assessment_count(db, screened_patient["id"]) == 1, "more than one submission of a single-use link was stored"
