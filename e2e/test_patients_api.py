"""Patients and the shared plan through the JSON API (/api/v1), with `requests`:
registration (201, 422, 409 for a taken CPR number), the plan's optimistic locking
(ETag "vN", If-Match: 428 without, 412 when stale), versions, the inbox, refusal of
another unit (403 problem+json) and search; then schemathesis with a clinician's token,
so that the patient operations are fuzzed with real patient ids and ETags.

Own module, own server (the `lindring` fixture). Fuzzing comes last: it changes data.
"""

from __future__ import annotations

import os

import pytest

from conftest import LindringServer
from patients_support import (
    HOME_CARE_UNIT,
    KEY_UNIT,
    KEY_WORKER,
    NURSE,
    Api,
    Db,
    DemoPatient,
    describe,
    expect_json,
    expect_problem,
    fresh_cpr,
    plan_input,
    pretty,
    problem_fields,
)
from schemathesis_run import run_schemathesis, toml_string


# --- fixtures ------------------------------------------------------------------------


def register(api: Api, db: Db, **overrides) -> dict:
    body = {"cpr": fresh_cpr(db), "name": "Testa Apisen", "diagnosisGroup": "cancer", "sharingConsent": "given"}
    body.update(overrides)
    return expect_json(api.post("/patients", body), 201)


def with_plan(api: Api, db: Db, patient_id: str, **fields) -> dict:
    body = {"careTeam": [{"role": "keyWorker", "unitId": db.unit_id(HOME_CARE_UNIT)}], **fields}
    return expect_json(api.post(f"/patients/{patient_id}/plan", body), 201)


# --- registration ----------------------------------------------------------------------


def test_register_patient_answers_201_with_location_and_reads_back(nurse: Api, db: Db):
    # when a clinician registers a patient
    cpr = fresh_cpr(db)
    response = nurse.post(
        "/patients", {"cpr": cpr, "name": "Ågot Æblesen", "diagnosisGroup": "lung", "sharingConsent": "given"}
    )

    # then it is created, with a Location, and her unit as the registering unit
    created = expect_json(response, 201)
    location = response.headers.get("Location", "")
    assert location.rstrip("/").endswith(f"/api/v1/patients/{created['id']}"), f"Location: {location!r}"
    assert created["name"] == "Ågot Æblesen"
    assert created["cpr"].replace("-", "") == cpr.replace("-", "")
    assert created["registeringUnitId"] == db.unit_id(HOME_CARE_UNIT)
    assert created["sharingConsent"] == "given"

    # and it reads back the same, and the exact CPR number finds it (masked in the list)
    assert expect_json(nurse.get(f"/patients/{created['id']}"), 200) == created
    found = expect_json(nurse.post("/patients/search", {"q": cpr}), 200)
    assert [item["id"] for item in found["items"]] == [created["id"]], pretty(found)
    assert found["items"][0]["cpr"] == f"{cpr[:6]}-XXXX", f"the list shows CPR {found['items'][0]['cpr']!r}"


def test_register_patient_with_bad_fields_is_422_naming_each_field(nurse: Api):
    response = nurse.post("/patients", {"cpr": "12", "name": "", "diagnosisGroup": "flu"})
    problem = expect_problem(response, 422)
    fields = {field for field, _ in problem_fields(problem)}
    assert {"cpr", "name", "diagnosisGroup"} <= fields, f"422 does not name every bad field: {pretty(problem)}"


def test_register_patient_with_impossible_birth_date_is_422(nurse: Api):
    problem = expect_problem(nurse.post("/patients", {"cpr": "320150-1234", "name": "X", "diagnosisGroup": "other"}), 422)
    assert ("cpr", "invalidFormat") in problem_fields(problem), pretty(problem)


@pytest.mark.parametrize("spelling", ["same", "without dash"])
def test_register_patient_with_taken_cpr_is_409(nurse: Api, db: Db, spelling: str):
    # given a registered patient
    first = register(nurse, db)
    cpr = first["cpr"] if spelling == "same" else first["cpr"].replace("-", "")

    # when another registration uses the same CPR number
    response = nurse.post("/patients", {"cpr": cpr, "name": "Dobbelt Registreret", "diagnosisGroup": "other"})

    # then it conflicts with the existing patient (409, as the units API does for a taken code)
    expect_problem(response, 409)


# --- the plan ------------------------------------------------------------------------


def test_plan_create_read_replace_with_etags_and_versions(nurse: Api, db: Db):
    patient = register(nurse, db)
    plan_path = f"/patients/{patient['id']}/plan"

    # a plan without a key worker is refused
    problem = expect_problem(nurse.post(plan_path, {"careTeam": []}), 422)
    assert ("careTeam", "keyWorkerMissing") in problem_fields(problem), pretty(problem)

    # when the plan is created, then 201 with ETag "v1"
    response = nurse.post(
        plan_path,
        {
            "careTeam": [{"role": "keyWorker", "unitId": db.unit_id(HOME_CARE_UNIT)}],
            "preferredPlaceOfDeath": "home",
            "whatMattersMost": "At være hjemme",
        },
    )
    created = expect_json(response, 201)
    assert response.headers.get("ETag") == '"v1"', f"ETag after creating: {response.headers.get('ETag')!r}"
    assert created["version"] == 1 and created["preferredPlaceOfDeath"] == "home"

    # and creating it again conflicts
    expect_problem(nurse.post(plan_path, {"careTeam": created["careTeam"]}), 409)

    # when read, then the same ETag
    read = nurse.get(plan_path)
    plan = expect_json(read, 200)
    etag = read.headers.get("ETag")
    assert etag == '"v1"', f"GET's ETag is {etag!r}"

    # a replacement without If-Match is 428, with the ETag 200 and "v2"
    changed = plan_input(plan) | {"whatMattersMost": "Ro og musik", "preferredPlaceOfDeath": "hospice"}
    expect_problem(nurse.put(plan_path, changed), 428)
    saved = nurse.put(plan_path, changed, headers={"If-Match": etag})
    body = expect_json(saved, 200)
    assert saved.headers.get("ETag") == '"v2"', f"ETag after saving: {saved.headers.get('ETag')!r}"
    assert body["version"] == 2 and body["whatMattersMost"] == "Ro og musik"

    # and the old ETag is now stale: 412, and nothing changes
    expect_problem(nurse.put(plan_path, plan_input(plan) | {"whatMattersMost": "Forældet"}, headers={"If-Match": etag}), 412)
    assert expect_json(nurse.get(plan_path), 200)["whatMattersMost"] == "Ro og musik"

    # the versions list both, newest first, with the changed fields
    versions = expect_json(nurse.get(f"{plan_path}/versions"), 200)
    numbers = [item["version"] for item in versions["items"]]
    assert numbers == [2, 1], f"versions: {numbers}"
    changed_fields = {change["field"] for change in versions["items"][0]["changes"]}
    assert {"whatMattersMost", "preferredPlaceOfDeath"} <= changed_fields, pretty(versions["items"][0])


def test_two_clinicians_saving_the_same_version_one_gets_412(
    nurse: Api, key_worker: Api, shared_patients: list[DemoPatient]
):
    patient = shared_patients[0]
    plan_path = f"/patients/{patient.id}/plan"
    # given both read the same version
    first, second = nurse.get(plan_path), key_worker.get(plan_path)
    plan = expect_json(first, 200)
    assert first.headers.get("ETag") == second.headers.get("ETag")
    etag = first.headers["ETag"]

    # when both save on that version, then only the first succeeds
    expect_json(nurse.put(plan_path, plan_input(plan) | {"whatMattersMost": "Først"}, headers={"If-Match": etag}), 200)
    expect_problem(key_worker.put(plan_path, plan_input(plan) | {"whatMattersMost": "Sidst"}, headers={"If-Match": etag}), 412)
    assert expect_json(key_worker.get(plan_path), 200)["whatMattersMost"] == "Først"


def test_change_by_home_care_reaches_key_workers_inbox(
    nurse: Api, key_worker: Api, shared_patients: list[DemoPatient]
):
    patient = shared_patients[1]
    plan_path = f"/patients/{patient.id}/plan"
    read = nurse.get(plan_path)
    plan = expect_json(read, 200)
    text = "Vil gerne høre radio om natten"
    saved = expect_json(
        nurse.put(plan_path, plan_input(plan) | {"whatMattersMost": text}, headers={"If-Match": read.headers["ETag"]}), 200
    )

    inbox = expect_json(key_worker.get("/inbox", params={"limit": 200}), 200)
    items = [item for item in inbox["items"] if item["patientId"] == patient.id and item["planVersion"] == saved["version"]]
    assert items, f"{KEY_WORKER}'s inbox has no item for {patient.name} v{saved['version']}: {pretty(inbox['items'][:3])}"
    item = items[0]
    assert item["read"] is False
    assert item["patientName"] == patient.name
    assert any(change["field"] == "whatMattersMost" for change in item["changes"]), pretty(item)


# --- refusal -------------------------------------------------------------------------


def test_another_units_patient_is_403_problem_json(nurse: Api, db: Db, outside_patient: DemoPatient):
    patient = outside_patient
    valid_plan = {"careTeam": [{"role": "keyWorker", "unitId": db.unit_id(HOME_CARE_UNIT)}], "whatMattersMost": "x"}
    for response in (
        nurse.get(f"/patients/{patient.id}"),
        nurse.get(f"/patients/{patient.id}/plan"),
        nurse.get(f"/patients/{patient.id}/plan/versions"),
        nurse.put(f"/patients/{patient.id}/plan", valid_plan, headers={"If-Match": '"v1"'}),
        nurse.post(f"/patients/{patient.id}/plan", valid_plan),
    ):
        problem = expect_problem(response, 403)
        assert patient.name not in response.text and patient.cpr not in response.text, describe(response)
        assert problem.get("detail"), f"403 without detail: {pretty(problem)}"
    # and the exact CPR number finds nothing through the API (searched for in the body: in the
    # address, where proxies log it, a CPR number is refused)
    found = expect_json(nurse.post("/patients/search", {"q": patient.cpr_dashed}), 200)
    assert found["items"] == [], pretty(found)
    expect_problem(nurse.get("/patients", params={"q": patient.cpr_dashed}), 422)


@pytest.mark.parametrize(
    "case",
    ["PUT with an invalid plan", "PUT without If-Match", "POST with an invalid plan"],
)
def test_another_units_patient_is_refused_before_the_request_is_checked(
    nurse: Api, db: Db, outside_patient: DemoPatient, case: str
):
    # A caller without access learns nothing about the plan from validation or
    # precondition errors, and every refused write is in the audit log.
    patient = outside_patient
    before = len(db.audit_entries(patient.id))
    path = f"/patients/{patient.id}/plan"
    if case == "PUT with an invalid plan":
        response = nurse.put(path, {"careTeam": []}, headers={"If-Match": '"v1"'})
    elif case == "PUT without If-Match":
        response = nurse.put(path, {"careTeam": [{"role": "keyWorker", "unitId": db.unit_id(HOME_CARE_UNIT)}]})
    else:
        response = nurse.post(path, {"careTeam": []})
    expect_problem(response, 403)
    after = db.audit_entries(patient.id)[before:]
    assert any(entry["username"] == NURSE and entry["outcome"] == "denied" for entry in after), (
        f"the refused write left no denied audit entry: {after}"
    )


# --- search --------------------------------------------------------------------------


def test_search_by_name_with_a_space(nurse: Api, shared_patients: list[DemoPatient]):
    # `requests` (like browsers' GET forms) sends the space as "+" in the query string
    patient = shared_patients[0]
    response = nurse.get("/patients", params={"q": patient.name})
    assert "+" in response.request.url, response.request.url
    found = expect_json(response, 200)
    assert patient.id in [item["id"] for item in found["items"]], (
        f"q={patient.name!r} sent as {response.request.url.split('?')[1]!r} found {pretty(found)}"
    )


def test_search_by_name_with_percent_encoded_space(nurse: Api, shared_patients: list[DemoPatient]):
    patient = shared_patients[0]
    found = expect_json(nurse.get("/patients?q=" + patient.name.replace(" ", "%20")), 200)
    assert patient.id in [item["id"] for item in found["items"]], pretty(found)


def test_search_pages_through_all_matches(nurse: Api):
    # given a name part with more matches than one page
    everything = expect_json(nurse.get("/patients", params={"q": "sen", "limit": 200}), 200)
    total = len(everything["items"])
    assert total > 5, f"q=sen finds only {total} patients"

    # when reading pages of 5, then `next` leads through all of them once
    seen: list[str] = []
    cursor = None
    for _ in range(total):
        params = {"q": "sen", "limit": 5} | ({"cursor": cursor} if cursor else {})
        page = expect_json(nurse.get("/patients", params=params), 200)
        assert len(page["items"]) <= 5
        seen += [item["id"] for item in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    assert len(seen) == total and len(set(seen)) == total, (
        f"paging by 5 gave {len(seen)} items ({len(set(seen))} distinct) of {total}; "
        f"the first page answered next={expect_json(nurse.get('/patients', params={'q': 'sen', 'limit': 5}), 200)['next']!r}"
    )


def test_inbox_pages_through_all_items(nurse: Api):
    everything = expect_json(nurse.get("/inbox", params={"limit": 200}), 200)
    total = len(everything["items"])
    assert total > 2, f"{NURSE}'s inbox has only {total} items"
    first = expect_json(nurse.get("/inbox", params={"limit": 2}), 200)
    assert len(first["items"]) == 2
    assert first["next"], f"a 2-item page of {total} inbox items answers next={first['next']!r}"


# --- schemathesis, as a clinician (last: it changes data) --------------------------------


def test_api_conforms_to_its_openapi_document_as_a_clinician(
    lindring: LindringServer, nurse: Api, db: Db, shared_patients: list[DemoPatient], outside_patient: DemoPatient
):
    # Real ids and ETags, so that the patient operations get past 404: patients on the
    # nurse's care team, one she registered, and one she may not see.
    own = register(nurse, db, name="Fuzz Fuzzesen")
    with_plan(nurse, db, own["id"])
    ids = [p.id for p in shared_patients[:3]] + [own["id"], outside_patient.id]
    etags = sorted({f'"v{n}"' for n in range(1, 6)})
    queries = [shared_patients[0].name.split()[0], "sen", shared_patients[0].cpr_dashed, outside_patient.cpr_dashed]
    config = "\n".join(
        [
            "[dictionaries.patient-ids]",
            f"values = [{', '.join(toml_string(v) for v in ids)}]",
            "[dictionaries.etags]",
            f"values = [{', '.join(toml_string(v) for v in etags)}]",
            "[dictionaries.queries]",
            f"values = [{', '.join(toml_string(v) for v in queries)}]",
            "[dictionaries.key-worker]",
            'values = ["keyWorker"]',
            "[dictionaries.units]",
            f"values = [{toml_string(db.unit_id(HOME_CARE_UNIT))}, {toml_string(db.unit_id(KEY_UNIT))}]",
            "",
            "[[operations]]",
            'include-path-regex = "^/api/v1/patients/"',
            "parameters = { "
            '"path.id" = { dictionary = "patient-ids", probability = 0.8 }, '
            '"header.If-Match" = { dictionary = "etags", probability = 0.7 }, '
            '"body.careTeam[*].role" = { dictionary = "key-worker", probability = 0.8 }, '
            '"body.careTeam[*].unitId" = { dictionary = "units", probability = 0.9 } }',
            "",
            "[[operations]]",
            'include-operation-id = "searchPatients"',
            'parameters = { "query.q" = { dictionary = "queries", probability = 0.6 } }',
            "",
        ]
    )
    run_schemathesis(
        lindring,
        nurse.token,
        name="clinician",
        config_toml=config,
        max_examples=os.environ.get("LINDRING_SCHEMATHESIS_MAX_EXAMPLES", "50"),
    )
