"""The 24/7 palliative advisory line in a real browser, as its users meet it:

- the night call: the advisor `raadgiver` opens the board, presses "n", documents a relative's
  call about breathlessness with the keyboard only (Tab, Space, arrows, typing; Enter looks the
  patient up by CPR number, Ctrl+Enter saves), sees the plan's essentials while on the phone,
  and leaves a routine follow-up that defaults to the key worker's unit on the next Danish
  working day at 10:00; the key worker's team (`klinik`, RH-PAL) finds it in its inbox and
  marks it done;
- a second advisor's board updates itself (server-sent events) when a colleague saves;
- a form with missing required fields comes back (422) with an error summary, keeps everything
  typed, and stores nothing; Enter in a field never saves;
- opening the plan from a contact is audited with the contact as purpose;
- a plan change proposed from a contact becomes a plan version "via rådgivningslinjen";
- the rota's no-nurse warning and assigning a nurse, the printable handover, and the statistics
  page with its CSV download for the finance user.

It also checks three things that were bugs once: a refused contact form opens at its error
summary, the printed handover shows the status of open follow-ups, and the server stops on
SIGTERM while a board is open (a second server of its own shows that).

One server for this module (the `lindring` fixture). Demo patients are picked from the server's
SQLite database (read-only) and confirmed through the API as the key worker `klinik`.
Screenshots go to e2e/screenshots/advisory-*.png.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import (
    CPH,
    WAIT_SECONDS,
    assert_clean_page,
    click,
    click_and_wait,
    ctrl_enter,
    describe_page,
    error_page_status,
    follow_up_rows,
    install_event_source_probe,
    mark_document,
    one,
    path_of,
    screenshot,
    severe_console_entries,
    shown,
    sign_in,
    untranslated_keys,
    visible,
    wait_for_next_document,
)
from conftest import SHUTDOWN_GRACE_SECONDS, LindringServer, _start_server
from patients_support import ADVISOR, FINANCE, KEY_UNIT, KEY_WORKER, Api, expect_json, sqlite_path

KEY_UNIT_NAME = "Palliativt Team, Rigshospitalet"

UUID_PATH = re.compile(r"^/advisory/contacts/([0-9A-Fa-f-]{36})$")
RESUSCITATION_LABELS = {"doNotAttempt": "Ingen genoplivning (DNR)", "attempt": "Genoplivning forsøges"}


# --- Danish working days (written here, not taken from the server) -------------------------


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own names
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def closed_days(year: int) -> set[date]:
    """Days the day service is closed besides weekends: public holidays, Constitution Day,
    Christmas Eve and New Year's Eve (as in test_advisory_api's table)."""
    easter = easter_sunday(year)
    moving = [-3, -2, 0, 1, 39, 49, 50] + ([26] if year <= 2023 else [])  # Store bededag until 2023
    fixed = [date(year, 1, 1), date(year, 6, 5), date(year, 12, 24), date(year, 12, 25), date(year, 12, 26), date(year, 12, 31)]
    return {easter + timedelta(days=offset) for offset in moving} | set(fixed)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in closed_days(day.year)


def next_working_day_at_ten(started: datetime) -> datetime:
    day = started.astimezone(CPH).date() + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=CPH)


# --- demo patients ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedPatient:
    id: str
    cpr: str  # DDMMYY-XXXX, as the API gives it to the key worker
    name: str
    plan: dict

    @property
    def resuscitation_label(self) -> str:
        return RESUSCITATION_LABELS[self.plan["resuscitation"]]


def key_worker_patient_ids(server: LindringServer) -> list[str]:
    """Consenting patients whose active plan names RH-PAL as key worker and has a resuscitation
    decision, unique names first (read-only SQL on the server's database)."""
    connection = sqlite3.connect(f"file:{sqlite_path(server)}?mode=ro", uri=True, timeout=10)
    try:
        rows = connection.execute(
            "SELECT p.id, (SELECT count(*) FROM patients q WHERE q.name = p.name) AS same_name "
            "FROM patients p JOIN plans pl ON pl.patient_id = p.id "
            "WHERE p.sharing_consent = 'given' AND pl.status = 'active' "
            "AND json_extract(pl.content, '$.resuscitation') IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM json_each(pl.content, '$.careTeam') m JOIN units u "
            "            ON u.id = json_extract(m.value, '$.unitId') "
            "            WHERE json_extract(m.value, '$.role') = 'keyWorker' AND u.code = ?) "
            "ORDER BY same_name > 1, p.cpr LIMIT 20",
            (KEY_UNIT,),
        ).fetchall()
    finally:
        connection.close()
    return [row[0] for row in rows]


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def patients(lindring: LindringServer, key_worker: Api, key_unit_id: str) -> list[PlannedPatient]:
    """Four consenting demo patients with RH-PAL as key worker, confirmed through the API."""
    found: list[PlannedPatient] = []
    for patient_id in key_worker_patient_ids(lindring):
        patient = expect_json(key_worker.get(f"/patients/{patient_id}"), 200)
        plan = expect_json(key_worker.get(f"/patients/{patient_id}/plan"), 200)
        key_workers = [m["unitId"] for m in plan["careTeam"] if m["role"] == "keyWorker"]
        if patient["sharingConsent"] == "given" and key_workers == [key_unit_id] and plan.get("resuscitation"):
            found.append(PlannedPatient(patient["id"], patient["cpr"], patient["name"], plan))
        if len(found) == 4:
            return found
    pytest.fail(f"the demo data has only {len(found)} consenting patients with {KEY_UNIT} as key worker; need 4")


# --- browser helpers --------------------------------------------------------------------------


def value_of(driver: WebDriver, css: str) -> str:
    return one(driver, css, css).get_attribute("value") or ""


def active(driver: WebDriver) -> WebElement:
    return driver.switch_to.active_element


def describe_element(element: WebElement) -> str:
    ident = element.get_attribute("id")
    if ident:
        return f"#{ident}"
    text = (element.text or "").strip().replace("\n", " ")[:40]
    return f"{element.tag_name}[name={element.get_attribute('name')}]{(' ' + repr(text)) if text else ''}"


def type_keys(driver: WebDriver, *keys: str) -> None:
    """Keys to whatever has the focus, as a person types them."""
    active(driver).send_keys(*keys)


def press_on_page(driver: WebDriver, *keys: str) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def tab_to(driver: WebDriver, wanted, what: str, max_tabs: int = 30) -> list[str]:
    """Presses Tab until the focused element is `wanted` (an id, or a predicate on the element).

    Returns the elements passed on the way, so a test can say how many Tabs it took.
    """
    matches = (lambda el: el.get_attribute("id") == wanted) if isinstance(wanted, str) else wanted
    path: list[str] = []
    for _ in range(max_tabs):
        type_keys(driver, Keys.TAB)
        element = active(driver)
        path.append(describe_element(element))
        if matches(element):
            return path
    screenshot(driver, f"advisory-FAILED-tab-to-{what}")
    pytest.fail(f"{max_tabs} presses of Tab did not reach {what}; the focus went {' → '.join(path)}")


def data_cells(row: WebElement) -> list[str]:
    """A table row's data cells (td, not th), as text."""
    return [td.text.strip() for td in row.find_elements(By.TAG_NAME, "td")]


def facts(driver: WebDriver) -> dict[str, str]:
    """The contact page's first fact list (dt → dd)."""
    dl = one(driver, "main dl.facts", "fact list")
    terms = [dt.text.strip() for dt in dl.find_elements(By.TAG_NAME, "dt")]
    values = [dd.text.strip() for dd in dl.find_elements(By.TAG_NAME, "dd")]
    return dict(zip(terms, values))


def sbar(driver: WebDriver) -> dict[str, str]:
    dl = one(driver, "main section.sbar dl", "SBAR section")
    return dict(zip([dt.text.strip() for dt in dl.find_elements(By.TAG_NAME, "dt")],
                    [dd.text for dd in dl.find_elements(By.TAG_NAME, "dd")]))


def open_board(driver: WebDriver, server: LindringServer) -> None:
    driver.get(server.url("/advisory"))


def contacts_on(api: Api, day: date) -> list[dict]:
    """Every contact the advisor's API lists for one Copenhagen day (following `next`)."""
    query: dict = {"from": day.isoformat(), "to": day.isoformat(), "limit": 200}
    items: list[dict] = []
    for _ in range(50):
        page = expect_json(api.get("/contacts", params=query), 200)
        items += page["items"]
        if not page.get("next"):
            return items
        query["cursor"] = page["next"]
    raise AssertionError("more than 50 pages of contacts on one day")


def today_cph() -> date:
    return datetime.now(CPH).date()


def create_contact(api: Api, patient: PlannedPatient, **fields) -> dict:
    start = datetime.now(CPH) - timedelta(minutes=15)
    body = {
        "startedAt": start.isoformat(),
        "endedAt": (start + timedelta(minutes=9)).isoformat(),
        "callerRole": "homeCareNurse",
        "patientId": patient.id,
        "reasons": ["pain"],
        "situation": "Hjemmesygeplejersken ringer om gennembrudssmerter (e2e).",
        "triage": "information",
        "outcome": "resolved",
    } | fields
    response = api.post("/contacts", body, headers={"Idempotency-Key": str(uuid.uuid4())})
    return expect_json(response, 201)


def audit_entries(api: Api, patient_id: str) -> list[dict]:
    query: dict = {"patientId": patient_id, "limit": 200}
    items: list[dict] = []
    for _ in range(20):
        page = expect_json(api.get("/audit", params=query), 200)
        items += page["items"]
        if not page.get("next"):
            return items
        query["cursor"] = page["next"]
    return items


# --- (1) the night call, with the keyboard only ------------------------------------------------


def test_night_call_about_breathlessness_keyboard_only_and_the_key_workers_team_follows_up(
    lindring: LindringServer, browsers, patients: list[PlannedPatient], advisor: Api
):
    patient = patients[0]
    follow_up_text = f"Ring til datteren om farens åndenød og vurdér ilt – e2e {uuid.uuid4().hex[:6]}"
    situation = "Datteren ringer kl. nat: far er meget forpustet.\nSidder op i sengen, taler i korte sætninger."
    background = "Kendt i palliativt team. Ingen genoplivning ifølge planen."
    assessment = "Ikke akut: rolig, ingen smerter, ingen feber."
    recommendation = "Morfin 2,5 mg s.c. efter planen, frisk luft og ro. Ring igen ved forværring."
    nurse = browsers()

    # given the advisor on the board
    sign_in(nurse, lindring, ADVISOR)
    open_board(nurse, lindring)
    assert_clean_page(nurse, "advisory board")
    on_duty = one(nurse, "aside.on-duty", "'På vagt nu' line")
    assert "På vagt nu" in on_duty.text, f"the on-duty line reads {on_duty.text!r}"
    new_contact = one(nurse, "a#new-contact", "new-contact button")
    assert (new_contact.get_attribute("accesskey") or "").lower() == "n", "a#new-contact has no accesskey n"
    WebDriverWait(nurse, WAIT_SECONDS).until(
        lambda d: d.find_element(By.ID, "board").get_attribute("data-live") == "true",
        "the board never subscribed to live updates (data-live)",
    )
    screenshot(nurse, "advisory-board")

    # when she presses "n" (the focus is on the page, not in a field)
    assert active(nurse).tag_name == "body", f"focus on the board is on {describe_element(active(nurse))}"
    mark_document(nurse)
    press_on_page(nurse, "n")
    wait_for_next_document(nurse, "pressing n on the board")

    # then the new-contact form opens with the focus on "who is calling" and the start time set
    assert path_of(nurse) == "/advisory/contacts/new", describe_page(nurse)
    assert_clean_page(nurse, "new contact form")
    focused = active(nurse)
    assert focused.get_attribute("id") == "callerRole", f"the form opens with the focus on {describe_element(focused)}"
    contact_id = value_of(nurse, "#contact-form input[type=hidden][name=contactId]")
    started_text = value_of(nurse, "input#startedAt")
    started = datetime.strptime(started_text, "%Y-%m-%dT%H:%M").replace(tzinfo=CPH)
    assert abs(datetime.now(CPH) - started) < timedelta(minutes=3), f"startedAt prefilled {started_text!r}, not now"

    # when she types who is calling, without touching the mouse
    type_keys(nurse, "pår")
    assert value_of(nurse, "select#callerRole") == "relative", "typing 'pår' in 'Hvem ringer' did not choose Pårørende"
    assert tab_to(nurse, "callerName", "caller's name") == ["#callerName"], "Tab from 'Hvem ringer' does not go to the name"
    type_keys(nurse, "Maja (datter)")
    tab_to(nurse, "callerPhone", "caller's phone", max_tabs=1)
    type_keys(nurse, "20 30 40 50")

    # and looks the patient up by CPR number with Enter
    path = tab_to(nurse, "patientQuery", "patient search", max_tabs=6)
    assert path == ["#callerUnitId", "#channel", "#direction", "#patientQuery"], f"Tab order to the patient search: {path}"
    type_keys(nurse, patient.cpr)
    mark_document(nurse)
    type_keys(nurse, Keys.ENTER)
    wait_for_next_document(nurse, "Enter in the patient search")
    assert path_of(nurse) == "/advisory/contacts/new", f"Enter in the search field left the form: {describe_page(nurse)}"
    results = nurse.find_elements(By.CSS_SELECTOR, "ul.patient-results button[name=selectPatient]")
    assert [b.get_attribute("value").upper() for b in results] == [patient.id.upper()], (
        f"searching {patient.cpr} found {[b.text for b in results]}, expected only {patient.name}"
    )
    assert patient.name in results[0].text
    assert value_of(nurse, "input#callerName") == "Maja (datter)", "the look-up lost the caller's name"
    assert value_of(nurse, "select#callerRole") == "relative", "the look-up lost the caller's role"
    assert value_of(nurse, "#contact-form input[name=contactId]") == contact_id, "the look-up changed the contact id"

    # and chooses the patient: the focus is already on the first result, so Enter chooses it
    focused = active(nurse)
    assert (focused.get_attribute("value") or "").upper() == patient.id.upper(), (
        f"after the look-up the focus is on {describe_element(focused)}, not on the result"
    )
    mark_document(nurse)
    type_keys(nurse, Keys.ENTER)
    wait_for_next_document(nurse, "choosing the patient")

    # then the plan's essentials are shown while she is on the phone
    chosen = visible(nurse, "#chosen-patient", "chosen patient")
    text = chosen.text
    assert patient.name in text and patient.cpr in text, f"the chosen patient reads {text[:200]!r}"
    key_card = one(nurse, "#chosen-patient .card.key", "key worker card").text
    assert KEY_UNIT_NAME in key_card, f"the key worker card does not name {KEY_UNIT_NAME}: {key_card!r}"
    assert patient.resuscitation_label in text, f"the resuscitation decision {patient.resuscitation_label!r} is not shown"
    for medication in patient.plan.get("medications") or []:
        assert medication["drug"] in text, f"the medication {medication['drug']} is not shown: {text[:600]!r}"
    for contingency in patient.plan.get("contingencies") or []:
        assert contingency["situation"] in text, f"the contingency {contingency['situation']!r} is not shown"
    open_plan = one(nurse, "a#open-plan", "open-plan link").get_attribute("href") or ""
    assert urlsplit(open_plan).path.upper() == f"/PATIENTS/{patient.id.upper()}", open_plan
    assert parse_qs(urlsplit(open_plan).query).get("contact") == [contact_id], f"#open-plan is {open_plan}"
    focused = active(nurse)
    assert focused.tag_name == "h3" and patient.name in focused.text, f"after choosing, the focus is on {describe_element(focused)}"
    assert_clean_page(nurse, "form with the chosen patient")
    screenshot(nurse, "advisory-form-patient")

    # when she ticks breathlessness (Space), writes SBAR (Enter in a text area is a new line, no save)
    tab_to(nurse, "reasons-dyspnoea", "reason dyspnoea")
    type_keys(nurse, Keys.SPACE)
    assert one(nurse, "#reasons-dyspnoea", "dyspnoea").is_selected(), "Space did not tick Åndenød"
    for field, text_typed in (("situation", situation), ("background", background), ("assessment", assessment),
                              ("recommendation", recommendation)):
        tab_to(nurse, field, field)
        type_keys(nurse, text_typed)
    assert path_of(nurse) == "/advisory/contacts/new" and value_of(nurse, "#situation") == situation, (
        "Enter in the situation text area did not stay a new line"
    )

    # and sets triage routine with the arrow keys, reading the guidance
    assert tab_to(nurse, "triage-acute", "triage", max_tabs=1) == ["#triage-acute"], "Tab after SBAR is not the triage"
    type_keys(nurse, Keys.ARROW_DOWN)
    type_keys(nurse, Keys.ARROW_DOWN)
    assert active(nurse).get_attribute("id") == "triage-routine" and active(nurse).is_selected(), (
        f"two arrow-downs in the triage chose {describe_element(active(nurse))}"
    )
    guidance = one(nurse, "#triage-routine-guidance", "routine guidance").text
    assert "hverdag" in guidance, f"the routine triage's guidance reads {guidance!r}"

    # and the outcome, whether the patient stayed at home, and what the day team should do
    tab_to(nurse, "outcome", "outcome", max_tabs=12)
    type_keys(nurse, "kræ")
    assert value_of(nurse, "select#outcome") == "needsFollowUp", "typing 'kræ' did not choose Kræver opfølgning"
    tab_to(nurse, "stayedAtHome", "stayed at home", max_tabs=1)
    type_keys(nurse, "ja")
    assert value_of(nurse, "select#stayedAtHome") == "true", "typing 'ja' did not choose Ja"
    tab_to(nurse, "followUp.text", "follow-up text", max_tabs=12)
    type_keys(nurse, follow_up_text)
    assert value_of(nurse, "select[name='followUp[unitId]']") == "", "the follow-up unit is not left to the default"
    assert value_of(nurse, "input[name='followUp[dueAt]']") == "", "the follow-up due time is not left to the default"

    # and saves with Ctrl+Enter
    mark_document(nurse)
    ctrl_enter(nurse)
    wait_for_next_document(nurse, "Ctrl+Enter on the form")

    # then the contact page shows what she documented
    match = UUID_PATH.match(path_of(nurse))
    assert match, f"after saving: {describe_page(nurse)}"
    assert match.group(1).upper() == contact_id.upper(), "the saved contact has another id than the form's"
    assert "notice=saved" in urlsplit(nurse.current_url).query
    visible(nurse, ".notice", "saved notice")
    assert_clean_page(nurse, "contact page")
    shown_facts = facts(nurse)
    assert shown_facts.get("Patient") == patient.name, shown_facts
    assert shown_facts.get("Hvem ringer", "").startswith("Pårørende") and "Maja (datter)" in shown_facts["Hvem ringer"], shown_facts
    assert "20 30 40 50" in shown_facts["Hvem ringer"], shown_facts
    assert shown_facts.get("Årsager") == "Åndenød", shown_facts
    assert shown_facts.get("Udfald") == "Kræver opfølgning", shown_facts
    assert shown_facts.get("Blev patienten hjemme?") == "Ja", shown_facts
    documented = sbar(nurse)
    assert list(documented.values()) == [situation, background, assessment, recommendation], documented
    triage_line = one(nurse, ".triage-line", "triage line").text
    assert triage_line.startswith("Rutine"), triage_line

    # and the follow-up goes to the key worker's palliative team, the next working day at 10:00
    expected_due = next_working_day_at_ten(started)
    rows = follow_up_rows(nurse, "main", follow_up_text)
    assert len(rows) == 1, f"the contact page lists {len(rows)} follow-ups with the text typed: {describe_page(nurse)}"
    due, triage, patient_name, unit, task, _buttons = data_cells(rows[0])
    assert due == shown(expected_due), (
        f"the routine follow-up is due {due!r}; expected the next working day at 10:00 after {started_text}: "
        f"{shown(expected_due)}"
    )
    assert (triage, patient_name, unit) == ("Rutine", patient.name, KEY_UNIT_NAME), data_cells(rows[0])
    assert follow_up_text in task
    buttons = [b.text for b in rows[0].find_elements(By.CSS_SELECTOR, "button")]
    assert buttons == ["Udført", "Annullér"], buttons
    screenshot(nurse, "advisory-contact")

    # when the key worker's team signs in the next morning, in its own browser
    team = browsers()
    sign_in(team, lindring, KEY_WORKER)
    team.get(lindring.url("/inbox"))
    assert_clean_page(team, "klinik's inbox")

    # then its inbox shows the follow-up with the patient's name
    section = visible(team, "#inbox-follow-ups", "follow-ups in the inbox")
    rows = follow_up_rows(team, "#inbox-follow-ups", follow_up_text)
    assert len(rows) == 1, f"#inbox-follow-ups does not show the follow-up: {section.text[:600]!r}"
    due, triage, patient_name, unit, _task, _buttons = data_cells(rows[0])
    assert (due, patient_name, unit) == (shown(expected_due), patient.name, KEY_UNIT_NAME), data_cells(rows[0])
    team.execute_script("arguments[0].scrollIntoView({block: 'center'});", rows[0])
    screenshot(team, "advisory-inbox-follow-up")

    # when she marks it done, then it leaves the open follow-ups
    done = [b for b in rows[0].find_elements(By.CSS_SELECTOR, "button[type=submit]") if b.text.strip() == "Udført"]
    assert done, f"the follow-up has no 'Udført' button: {rows[0].text!r}"
    click_and_wait(team, done[0])
    assert path_of(team) == "/inbox", f"after 'Udført': {describe_page(team)}"
    assert_clean_page(team, "inbox after marking done")
    assert not follow_up_rows(team, "#inbox-follow-ups", follow_up_text), "the follow-up marked done is still open in the inbox"
    team.get(lindring.url("/follow-ups?status=open"))
    assert not follow_up_rows(team, "main", follow_up_text), "the follow-up marked done is still under open follow-ups"

    # and it is listed as done, by her
    team.get(lindring.url("/follow-ups?status=done"))
    assert_clean_page(team, "done follow-ups")
    rows = follow_up_rows(team, "main", follow_up_text)
    assert len(rows) == 1, f"/follow-ups?status=done does not list the follow-up: {describe_page(team)}"
    who = one(team, ".who", "signed-in user").text.split("·")[0].strip()
    status = data_cells(rows[0])[-1]
    assert status.startswith("Udført") and who in status, f"the done follow-up's status reads {status!r} (expected Udført – {who})"

    # and the advisor's API agrees
    follow_ups = [f for f in expect_json(advisor.get(f"/contacts/{contact_id}"), 200).get("followUps", [])]
    assert [f.get("status") for f in follow_ups] == ["done"], f"the contact's follow-ups: {follow_ups}"


# --- (2) the board updates itself -------------------------------------------------------------


def test_second_advisors_board_updates_without_reload_when_a_colleague_saves(lindring: LindringServer, browsers):
    watcher = browsers()
    install_event_source_probe(watcher)
    sign_in(watcher, lindring, ADVISOR)
    open_board(watcher, lindring)
    assert_clean_page(watcher, "the watching board")
    board = one(watcher, "#board", "board")
    assert board.get_attribute("data-updated") is None, "the board says it was refreshed before anything happened"
    try:
        WebDriverWait(watcher, WAIT_SECONDS).until(
            lambda d: d.execute_script(
                "return document.getElementById('board').dataset.live === 'true'"
                " && (window.__lindringE2eSources || []).some(s => s.readyState === 1)"
            )
        )
    except TimeoutException:
        screenshot(watcher, "advisory-FAILED-board-not-live")
        pytest.fail(f"the board did not connect to {board.get_attribute('data-events')}: {describe_page(watcher)}")
    watcher.execute_script("window.__lindringE2eNotReloaded = true;")
    heading_before = watcher.find_elements(By.CSS_SELECTOR, "#board section.board-section h2")[-1].text

    # when a colleague documents a general question in her own browser (with the mouse)
    colleague = browsers()
    sign_in(colleague, lindring, ADVISOR)
    colleague.get(lindring.url("/advisory/contacts/new"))
    Select(one(colleague, "select#callerRole", "caller role")).select_by_value("otherProfessional")
    click(colleague, one(colleague, "#reasons-practical", "reason practical"))
    one(colleague, "#situation", "situation").send_keys("Spørgsmål om udlån af plejeseng (e2e)")
    click(colleague, one(colleague, "label[for=triage-information]", "triage information"))
    Select(one(colleague, "select#outcome", "outcome")).select_by_value("resolved")
    click_and_wait(colleague, one(colleague, "#save-contact", "save button"))
    match = UUID_PATH.match(path_of(colleague))
    assert match, f"the colleague's save failed: {describe_page(colleague)}"
    contact_id = match.group(1)

    # then the watching board shows it without a reload
    try:
        WebDriverWait(watcher, WAIT_SECONDS).until(
            lambda d: d.find_element(By.ID, "board").get_attribute("data-updated")
            and d.find_elements(By.CSS_SELECTOR, f"#board a[href='/advisory/contacts/{contact_id}']")
        )
    except TimeoutException:
        screenshot(watcher, "advisory-FAILED-board-not-updated")
        pytest.fail(
            f"the watching board did not show contact {contact_id} within {WAIT_SECONDS}s "
            f"(data-updated={one(watcher, '#board', 'board').get_attribute('data-updated')!r})"
        )
    assert watcher.execute_script("return window.__lindringE2eNotReloaded === true"), "the board reloaded the page"
    row = watcher.find_element(By.CSS_SELECTOR, f"#board a[href='/advisory/contacts/{contact_id}']").find_element(By.XPATH, "./ancestor::tr")
    assert "Anden fagperson" in row.text and "Praktisk" in row.text and "Information" in row.text, row.text
    heading_after = watcher.find_elements(By.CSS_SELECTOR, "#board section.board-section h2")[-1].text
    count = lambda heading: int(re.search(r"\((\d+)\)", heading).group(1))  # noqa: E731
    assert count(heading_after) == count(heading_before) + 1, f"{heading_before!r} → {heading_after!r}"
    assert_clean_page(watcher, "the updated board")
    watcher.execute_script("arguments[0].scrollIntoView({block: 'center'});", row)
    screenshot(watcher, "advisory-board-live-update")


# --- (3) validation ----------------------------------------------------------------------------


def test_missing_fields_come_back_with_errors_keeping_everything_typed_and_nothing_stored(
    lindring: LindringServer, browsers, patients: list[PlannedPatient], advisor: Api
):
    patient = patients[1]
    day = today_cph()
    before = len(contacts_on(advisor, day))
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)
    nurse.get(lindring.url("/advisory/contacts/new"))
    contact_id = value_of(nurse, "#contact-form input[name=contactId]")

    # given a form with a name, a patient, SBAR text and a follow-up, but no caller role,
    # reason, triage or outcome
    typed = {
        "callerName": "Jens (nabo) <b>&</b>",
        "situation": "Naboen ringer: hun er forvirret og uroplaget.\nVil ikke i seng.",
        "recommendation": "Midazolam efter planen; ring til vagtlægen ved fortsat uro.",
        "followUp[text]": "Se til patienten i formiddag",
    }
    for name, text in typed.items():
        one(nurse, f"[name='{name}']", name).send_keys(text)
    one(nurse, "#patientQuery", "patient search").send_keys(patient.cpr)
    click_and_wait(nurse, one(nurse, "#find-patient", "find patient button"))
    result = one(nurse, f"ul.patient-results button[value='{patient.id}']", "the search result")
    click_and_wait(nurse, result)
    visible(nurse, "#chosen-patient", "chosen patient")

    # when she saves (Ctrl+Enter in the recommendation)
    click(nurse, one(nurse, "#recommendation", "recommendation"))
    mark_document(nurse)
    ctrl_enter(nurse)
    wait_for_next_document(nurse, "saving an incomplete form")

    # then the form comes back (422) with an error summary naming the four missing fields
    # (whether it is in view and has the focus: test_refused_contact_form_opens_at_its_error_summary)
    assert path_of(nurse) == "/advisory/contacts/new", f"an incomplete contact was not refused: {describe_page(nurse)}"
    summary = one(nurse, "#contact-form .form-error", "error summary")
    assert (summary.get_attribute("role") or "") == "alert", ".form-error lacks role=alert"
    for label in ("Hvem ringer", "Årsager", "Hastegrad", "Udfald"):
        assert label in summary.get_attribute("textContent"), f"the error summary does not name {label!r}: {summary.text!r}"
    console = severe_console_entries(nurse)
    assert any("status of 422" in entry for entry in console), f"the refused form did not answer 422 (console: {console})"
    assert not [e for e in console if "status of 422" not in e], f"console errors {console}"
    assert not untranslated_keys(nurse)
    for field in ("callerRole", "outcome"):
        assert nurse.find_elements(By.CSS_SELECTOR, f".has-error #{field}, #{field}[aria-invalid=true]"), (
            f"{field} is not marked as an error"
        )
    assert "has-error" in (one(nurse, "#triage", "triage").get_attribute("class") or ""), "the triage is not marked"

    # and keeps everything typed, the patient and the contact id
    for name, text in typed.items():
        assert value_of(nurse, f"[name='{name}']") == text, f"{name} was not kept"
    assert patient.name in visible(nurse, "#chosen-patient", "chosen patient").text, "the chosen patient was lost"
    assert value_of(nurse, "#contact-form input[name=contactId]") == contact_id, "the contact id changed"
    assert not nurse.find_elements(By.CSS_SELECTOR, "main b"), "the typed name became markup"
    nurse.execute_script("window.scrollTo(0, 0)")
    screenshot(nurse, "advisory-validation")

    # and nothing was stored
    assert len(contacts_on(advisor, day)) == before, "the refused contact was stored"
    assert advisor.get(f"/contacts/{contact_id}").status_code == 404, "the refused contact can be fetched"

    # when she completes the form and presses Enter in the caller's name, then nothing is saved
    Select(one(nurse, "select#callerRole", "caller role")).select_by_value("otherProfessional")
    click(nurse, one(nurse, "#reasons-delirium", "reason delirium"))
    click(nurse, one(nurse, "label[for=triage-urgent]", "triage urgent"))
    Select(one(nurse, "select#outcome", "outcome")).select_by_value("needsFollowUp")
    click(nurse, one(nurse, "#callerName", "caller name"))
    mark_document(nurse)
    type_keys(nurse, Keys.END, Keys.ENTER)
    wait_for_next_document(nurse, "Enter in the caller's name")
    assert path_of(nurse) == "/advisory/contacts/new", f"Enter in a field saved the contact: {describe_page(nurse)}"
    assert len(contacts_on(advisor, day)) == before, "Enter in a text field stored the contact"
    assert value_of(nurse, "select#callerRole") == "otherProfessional" and one(nurse, "#reasons-delirium", "r").is_selected()
    assert one(nurse, "#triage-urgent", "triage").is_selected() and value_of(nurse, "select#outcome") == "needsFollowUp"

    # and Ctrl+Enter saves it once, under the id the form was opened with
    click(nurse, one(nurse, "#situation", "situation"))
    mark_document(nurse)
    ctrl_enter(nurse)
    wait_for_next_document(nurse, "saving the completed form")
    match = UUID_PATH.match(path_of(nurse))
    assert match and match.group(1).upper() == contact_id.upper(), f"after completing the form: {describe_page(nurse)}"
    after = contacts_on(advisor, day)
    assert len(after) == before + 1, f"{len(after) - before} contacts stored"
    assert_clean_page(nurse, "contact after correcting the form")


def test_refused_contact_form_opens_at_its_error_summary(lindring: LindringServer, browsers):
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)
    nurse.get(lindring.url("/advisory/contacts/new"))

    # when the nurse saves a form with only the situation filled in
    one(nurse, "#situation", "situation").send_keys("Ringer om uro – e2e")
    mark_document(nurse)
    ctrl_enter(nurse)
    wait_for_next_document(nurse, "saving an almost empty form")

    # then she sees the error summary at once, and it has the focus (screen readers read it)
    summary = one(nurse, "#contact-form .form-error", "error summary")
    top = nurse.execute_script("return arguments[0].getBoundingClientRect().top", summary)
    screenshot(nurse, "advisory-validation-as-opened")
    assert 0 <= top < nurse.execute_script("return window.innerHeight"), (
        f"the error summary is out of view when the refused form opens (top {top:.0f}px; URL {nurse.current_url})"
    )
    assert active(nurse) == summary, f"the focus is on {describe_element(active(nurse))}, not on the error summary"


# --- (4) and (5): the plan from a contact ----------------------------------------------------------


def test_opening_the_plan_from_a_contact_is_audited_with_the_contact_as_purpose(
    lindring: LindringServer, browsers, patients: list[PlannedPatient], advisor: Api, admin: Api
):
    patient = patients[2]
    contact = create_contact(advisor, patient)
    contact_id = contact["id"]
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)
    nurse.get(lindring.url(f"/advisory/contacts/{contact_id}"))
    assert_clean_page(nurse, "contact page")
    last_seen = max((e["sequence"] for e in audit_entries(admin, patient.id)), default=0)

    # when the advisor opens the whole plan from the contact
    links = [
        a for a in nurse.find_elements(By.CSS_SELECTOR, "main .heading-actions a")
        if urlsplit(a.get_attribute("href") or "").path.upper() == f"/PATIENTS/{patient.id.upper()}"
    ]
    assert links, f"the contact page has no link to the patient's plan: {describe_page(nurse)}"
    assert links[0].text.strip() == "Åbn hele planen", links[0].text
    click_and_wait(nurse, links[0])
    assert one(nurse, "main h1", "h1").text.strip() == patient.name, describe_page(nurse)
    assert_clean_page(nurse, "plan opened from a contact")

    # then the access is audited with the contact as purpose
    new = [e for e in audit_entries(admin, patient.id) if e["sequence"] > last_seen and e["username"] == ADVISOR]
    purposes = [e.get("purpose") or "" for e in new]
    with_contact = [e for e in new if f"contact:{contact_id}".lower() in (e.get("purpose") or "").lower()]
    assert with_contact, f"no audit entry of opening the plan names contact:{contact_id}; new entries: {new}"
    assert any(e["action"] == "patient.read" and e["outcome"] == "allowed" for e in with_contact), with_contact
    assert all(f"contact:{contact_id}".lower() in p.lower() for p in purposes if p), (
        f"an access from the contact page is audited without the contact: {purposes}"
    )


def test_plan_change_proposed_from_a_contact_becomes_a_version_via_the_advisory_line(
    lindring: LindringServer, browsers, patients: list[PlannedPatient], advisor: Api, key_worker: Api
):
    patient = patients[3]
    contact = create_contact(advisor, patient, reasons=["dyspnoea"], situation="Åndenød om natten; ilt ønskes (e2e).")
    contact_id = contact["id"]
    version_before = expect_json(key_worker.get(f"/patients/{patient.id}/plan"), 200)["version"]
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)
    author = one(nurse, ".who", "signed-in user").text.split("·")[0].strip()
    nurse.get(lindring.url(f"/advisory/contacts/{contact_id}"))

    # when she proposes a plan change from the contact
    click_and_wait(nurse, one(nurse, "a#propose-plan-change", "propose plan change link"))
    assert path_of(nurse).upper() == f"/PATIENTS/{patient.id.upper()}/PLAN/EDIT", describe_page(nurse)
    assert value_of(nurse, "main form input[type=hidden][name=contactId]").upper() == contact_id.upper(), (
        "the plan form does not carry the contact"
    )
    assert "rådgivningslinjen" in one(nurse, "main", "main").text, "the plan form does not say the change comes from a contact"
    assert_clean_page(nurse, "plan form from a contact")
    matters = "Ro om natten og ilt ved åndenød (forslag fra rådgivningen, e2e)"
    field = one(nurse, "textarea[name=whatMattersMost]", "what matters most")
    nurse.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
    field.clear()
    field.send_keys(matters)
    click_and_wait(nurse, one(nurse, "main form .actions button[type=submit]", "save plan button"))

    # then the nurse is back on the call, the plan has a new version, and the history says it came via the advisory line
    assert path_of(nurse).upper() == f"/ADVISORY/CONTACTS/{contact_id.upper()}", f"after saving the proposal: {describe_page(nurse)}"
    visible(nurse, ".notice", "saved notice")
    plan = expect_json(key_worker.get(f"/patients/{patient.id}/plan"), 200)
    assert plan["version"] == version_before + 1 and plan["whatMattersMost"] == matters, pretty_plan(plan)
    nurse.get(lindring.url(f"/patients/{patient.id}/plan/versions"))
    assert_clean_page(nurse, "plan history")
    newest = one(nurse, "ol.versions > li", "newest version")
    assert f"Version {version_before + 1}" in newest.text and author in newest.text, newest.text
    via = [a for a in newest.find_elements(By.TAG_NAME, "a") if a.text.strip() == "via rådgivningslinjen"]
    assert via, f"the newest version does not say 'via rådgivningslinjen': {newest.text!r}"
    assert urlsplit(via[0].get_attribute("href")).path.upper() == f"/ADVISORY/CONTACTS/{contact_id.upper()}", via[0].get_attribute("href")
    assert matters in newest.text
    screenshot(nurse, "advisory-plan-proposal-history")

    # and the key worker's team hears of it in its inbox
    inbox = expect_json(key_worker.get("/inbox"), 200)["items"]
    assert any((i["patientId"] or "").upper() == patient.id.upper() and i["planVersion"] == version_before + 1 for i in inbox), (
        f"{KEY_WORKER}'s inbox has no item for the proposed version: {inbox[:3]}"
    )


def pretty_plan(plan: dict) -> str:
    return f"version {plan.get('version')}, whatMattersMost {plan.get('whatMattersMost')!r}"


# --- (6) rota, handover, statistics ---------------------------------------------------------


def test_rota_warns_of_shifts_without_a_nurse_and_a_nurse_can_be_assigned(lindring: LindringServer, browsers):
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)
    nurse.get(lindring.url("/advisory/rota"))
    assert_clean_page(nurse, "rota")

    # given the warning lists the coming shifts without a nurse
    warning = visible(nurse, "#rota-warning", "no-nurse warning")
    assert (warning.get_attribute("role") or "") == "alert"
    uncovered = [li.text.strip() for li in warning.find_elements(By.CSS_SELECTOR, "li")]
    assert uncovered, f"the warning lists no shift: {warning.text!r}"
    screenshot(nurse, "advisory-rota")
    shift = uncovered[0]
    row = [r for r in nurse.find_elements(By.CSS_SELECTOR, "table.rota tbody tr") if r.find_element(By.TAG_NAME, "th").text.strip() == shift]
    assert row and "uncovered" in (row[0].get_attribute("class") or ""), f"the rota table does not mark {shift!r} as uncovered"

    # when she puts a nurse on that shift
    form = one(nurse, "form#rota-form", "rota form")
    Select(form.find_element(By.CSS_SELECTOR, "select[name=shift]")).select_by_visible_text(shift)
    people = Select(form.find_element(By.CSS_SELECTOR, "select[name=userId]"))
    nurses = [o.text for o in people.options if "(Sygeplejerske)" in o.text]
    assert nurses, f"no nurse to choose among {[o.text for o in people.options]}"
    people.select_by_visible_text(nurses[0])
    click_and_wait(nurse, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    # then the shift is covered and no longer in the warning
    assert path_of(nurse) == "/advisory/rota", describe_page(nurse)
    assert_clean_page(nurse, "rota after assigning")
    visible(nurse, ".notice", "saved notice")
    still = [li.text.strip() for li in nurse.find_elements(By.CSS_SELECTOR, "#rota-warning li")]
    assert shift not in still, f"{shift!r} is still in the warning after assigning {nurses[0]}"
    row = [r for r in nurse.find_elements(By.CSS_SELECTOR, "table.rota tbody tr") if r.find_element(By.TAG_NAME, "th").text.strip() == shift]
    assert row and nurses[0] in row[0].text, f"the rota row for {shift!r} does not show {nurses[0]}"
    assert "uncovered" not in (row[0].get_attribute("class") or ""), "the covered shift is still marked uncovered"
    screenshot(nurse, "advisory-rota-assigned")


def open_printable_handover(driver: WebDriver, server: LindringServer) -> None:
    driver.get(server.url("/advisory/handover"))
    assert_clean_page(driver, "handover")
    prints = [a for a in driver.find_elements(By.CSS_SELECTOR, "main .heading-actions a") if "print=1" in (a.get_attribute("href") or "")]
    assert prints, f"the handover has no print link: {describe_page(driver)}"
    click_and_wait(driver, prints[0])
    assert "printable" in (one(driver, "body", "body").get_attribute("class") or "").split(), "the print view is not body.printable"


def test_handover_print_view(lindring: LindringServer, browsers, advisor: Api):
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)
    open_printable_handover(nurse, lindring)
    assert_clean_page(nurse, "printable handover")
    assert not nurse.find_elements(By.CSS_SELECTOR, "aside.on-duty"), "the print view shows the on-duty line"
    assert one(nurse, "main h1", "h1").text.startswith("Vagtoverlevering: "), describe_page(nurse)
    open_count = len(expect_json(advisor.get("/follow-ups", params={"status": "open", "limit": 200}), 200)["items"])
    rows = nurse.find_elements(By.CSS_SELECTOR, "#open-follow-ups table.follow-ups tbody tr")
    assert len(rows) == open_count, f"the handover lists {len(rows)} open follow-ups, the API {open_count}"
    nurse.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for css in ("#main-nav", ".site-header", "main .button", "main form"):
            shown_elements = [e for e in nurse.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]
            assert not shown_elements, f"{css} is printed"
        screenshot(nurse, "advisory-handover-print")
    finally:
        nurse.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_printed_handover_shows_the_status_of_every_follow_up(lindring: LindringServer, browsers):
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)
    open_printable_handover(nurse, lindring)
    nurse.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    headers = [th.text.strip() for th in nurse.find_elements(By.CSS_SELECTOR, "table.follow-ups thead th")]
    assert headers and headers[-1] == "Status", headers
    rows = nurse.find_elements(By.CSS_SELECTOR, "table.follow-ups tbody tr")
    assert rows, "no open follow-ups to print"
    blank = [data_cells(row)[:3] for row in rows if not data_cells(row)[-1]]
    assert not blank, f"{len(blank)} of {len(rows)} printed follow-ups have an empty Status, e.g. {blank[0]}"


def test_statistics_page_and_csv_download_for_the_finance_user(lindring: LindringServer, browsers):
    finance = browsers()
    downloads = Path(tempfile.mkdtemp(prefix="lindring-e2e-csv-"))
    finance.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    sign_in(finance, lindring, FINANCE)

    # when the finance user follows the navigation to the statistics
    links = [a for a in finance.find_elements(By.CSS_SELECTOR, "nav#main-nav a") if urlsplit(a.get_attribute("href") or "").path == "/advisory/statistics"]
    assert links, f"{FINANCE}'s navigation has no link to /advisory/statistics"
    click_and_wait(finance, links[0])
    assert_clean_page(finance, "statistics")

    # then she sees the figures, the per-day chart and the heat map
    figures = finance.find_elements(By.CSS_SELECTOR, "ul.figures > li")
    assert len(figures) == 5, f"{len(figures)} figures: {[f.text for f in figures]}"
    total = int(figures[0].find_element(By.TAG_NAME, "strong").text)
    assert total > 0, "the demo year's last 30 days show no contacts"
    heatmap = one(finance, "svg.heatmap", "heat map")
    assert heatmap.get_attribute("role") == "img" and heatmap.get_attribute("aria-label"), "the heat map has no text alternative"
    assert len(heatmap.find_elements(By.CSS_SELECTOR, "rect")) == 7 * 24, "the heat map is not 7 × 24 cells"
    one(finance, "svg.per-day", "per-day chart")
    screenshot(finance, "advisory-statistics")

    # and the CSV link downloads the same figures as text/csv
    csv_link = one(finance, "a#statistics-csv", "CSV link")
    href = csv_link.get_attribute("href")
    content_type = finance.execute_script(
        "return fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.status + ' ' + r.headers.get('content-type'))", href
    )
    assert content_type.startswith("200 text/csv"), f"GET {href} answered {content_type}"
    csv_link.click()
    deadline = time.monotonic() + WAIT_SECONDS
    files: list[Path] = []
    while time.monotonic() < deadline:
        files = [f for f in downloads.glob("*.csv")]
        if files and not list(downloads.glob("*.crdownload")):
            break
        time.sleep(0.2)
    assert files, f"clicking {href} downloaded nothing into {downloads} ({list(downloads.iterdir())})"
    assert re.fullmatch(r"advisory-statistics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv", files[0].name), files[0].name
    # for a Danish spreadsheet: UTF-8 with BOM, ";" between fields, Danish headings
    raw = files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"the spreadsheet CSV has no byte order mark: {raw[:20]!r}"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Afsnit", "Emne", "Værdi"], rows[:2]
    assert ["Overblik", "Kontakter i alt", str(total)] in rows, f"the CSV's total differs from the page's {total}: {rows[:6]}"
    assert sum(1 for r in rows if r and r[0] == "Ugedag og time") == 7 * 24
    assert all("." not in r[2] for r in rows if r and r[0] == "Overblik"), f"decimal point in the Danish CSV: {rows[:8]}"
    # and beside it the export for systems, in the format it always had
    system_href = one(finance, "a#statistics-csv-system", "CSV link for systems").get_attribute("href")
    system_csv = finance.execute_script(
        "return fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text())", system_href
    )
    rows = list(csv.reader(io.StringIO(system_csv)))
    assert rows[0] == ["section", "key", "value"], rows[:2]
    assert ["summary", "total", str(total)] in rows, f"the system CSV's total differs from the page's {total}: {rows[:6]}"
    assert sum(1 for r in rows if r and r[0] == "weekdayHour") == 7 * 24
    for f in downloads.iterdir():
        f.unlink()
    downloads.rmdir()

    # and the advisory board itself stays closed to her
    finance.get(lindring.url("/advisory"))
    assert error_page_status(finance) == "403", f"{FINANCE} opened the advisory board: {describe_page(finance)}"
    severe_console_entries(finance)  # the 403 is logged; drained here


# --- shutdown with a board open ------------------------------------------------------------------


@pytest.mark.skipif(bool(os.environ.get("LINDRING_BASE_URL")), reason="starts a server of its own")
def test_server_stops_on_sigterm_while_a_board_is_open(browsers):
    # given a server of its own (stopping it must not disturb the other tests) with a board open
    server = _start_server("advisory-shutdown")
    try:
        nurse = browsers()
        install_event_source_probe(nurse)
        sign_in(nurse, server, ADVISOR)
        nurse.get(server.url("/advisory"))
        WebDriverWait(nurse, WAIT_SECONDS).until(
            lambda d: d.execute_script("return (window.__lindringE2eSources || []).some(s => s.readyState === 1)"),
            "the board did not connect to /advisory/events",
        )

        # when the operator stops the server (as systemd or a deployment does)
        server.proc.send_signal(signal.SIGTERM)

        # then it stops within the grace period, exiting 0
        try:
            code = server.proc.wait(timeout=SHUTDOWN_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"lindring serve was still running {SHUTDOWN_GRACE_SECONDS}s after SIGTERM with one board open")
        assert code == 0, f"lindring serve exited {code} on SIGTERM\n{server.log_tail()}"
    finally:
        if server.proc and server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait(timeout=10)
        if server.workdir is not None:
            shutil.rmtree(server.workdir, ignore_errors=True)
