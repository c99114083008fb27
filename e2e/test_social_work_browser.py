"""The paediatric team's social work in a real browser (the issue's acceptance check):

- the social worker `socialraadgiver` (PABU) opens a family case for a child the team registered,
  adds a sibling, records a § 87 application submitted a few days ago and finds its processing
  deadline under "Kommende frister" on /social-work; she records a refusal sent by letter and is
  reminded of the appeal deadline. Every date shown is the API's (`processingDueOn`, `receivedOn`,
  `appealDueOn`), and the API's are the deadline rules' (computed here: working days Mon-Fri
  except the Danish holidays, 5 June, 24 and 31 December; a letter is received 6 working days
  after it is sent; the appeal deadline is 4 weeks later, moved to the next working day);
- bad input keeps what was typed: a sibling without an age and a decision dated before the
  submission come back as 422 with the error next to the field, and nothing is stored;
- a clinician of another unit (`klinik`, RH-PAL) opening the case gets the 403 page, and the
  auditor finds the refused `family.read` against the child in the audit log;
- at 390 px the case page does not scroll sideways, nor does /social-work, whose worklist shows each
  task's date, what to do and the child's link in view (each task is a card on a phone).

The demo has no PABU clinician and every demo child already has a case, so the module creates a
PABU doctor with `lindring create-user` and registers its children through the API with that
doctor's token. All dates are computed from today in Copenhagen, as the server computes them.

Its own server (the `lindring` fixture). Screenshots: e2e/screenshots/social-work-*.png.
"""

from __future__ import annotations

import random
import re
import subprocess
from datetime import date, datetime, timedelta
from functools import lru_cache

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from browser_support import (
    CPH,
    assert_clean_page,
    cells,
    click_and_wait,
    describe_page,
    error_page_status,
    failed_shot,
    one,
    path_of,
    screenshot,
    set_date,
    severe_console_entries,
    sign_in,
    visible,
)
from conftest import LindringServer, openapi_enum
from patients_support import AUDITOR, KEY_WORKER, PHONE, Api, Db, expect_json

TEAM = "PABU"  # Palliativt Team for Børn og Unge: the team that holds the family cases
SOCIAL_WORKER = "socialraadgiver"  # demo social worker of PABU
OTHER_UNITS_DOCTOR = KEY_WORKER  # `klinik`, a clinician of RH-PAL: not the child's unit
PABU_DOCTOR = "pabu.laege"  # made by this module: the demo has no PABU clinician to register children
PABU_DOCTOR_PASSWORD = "en lang og sikker sætning om børn"

# A municipality without a processing time of its own (the demo publishes some for 101, 147, 151
# and 157): its deadlines are the benefit catalogue's.
MUNICIPALITY = "159"  # Gladsaxe
LOST_EARNINGS = "bl87"  # Barnets lov § 87, tabt arbejdsfortjeneste
LOST_EARNINGS_NAME = "Tabt arbejdsfortjeneste"

PATH_OF_CASE = re.compile(r"^/social-work/families/([0-9A-Fa-f-]{36})$")


# --- the deadline rules, as the issue states them -----------------------------------------------


def easter_sunday(year: int) -> date:
    """The anonymous Gregorian algorithm (Meeus, Jones and Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=None)
def closed_days(year: int) -> frozenset[date]:
    """Public holidays (Great Prayer Day until 2023), Constitution Day, Christmas Eve, New Year's Eve."""
    easter = easter_sunday(year)
    days = {date(year, 1, 1), date(year, 6, 5), date(year, 12, 24), date(year, 12, 25), date(year, 12, 26), date(year, 12, 31)}
    days |= {easter + timedelta(days=n) for n in (-3, -2, 0, 1, 39, 49, 50)}
    if year <= 2023:
        days.add(easter + timedelta(days=26))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in closed_days(day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_after(start: date, count: int) -> date:
    day = start
    while count > 0:
        day += timedelta(days=1)
        count -= is_working_day(day)
    return day


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def deadline(start: date, amount: int, unit: str) -> date:
    """`amount` `unit`s from `start`, moved to the next working day."""
    counted = {
        "days": lambda: start + timedelta(days=amount),
        "weeks": lambda: start + timedelta(weeks=amount),
        "months": lambda: add_months(start, amount),
        "workingDays": lambda: working_days_after(start, amount),
    }[unit]()
    return next_working_day(counted)


def received_by_letter(sent: date) -> date:
    return working_days_after(sent, 6)


def appeal_due(received: date) -> date:
    return deadline(received, 4, "weeks")


def today() -> date:
    """Today in Copenhagen: the server's day."""
    return datetime.now(CPH).date()


def danish(day: date | str) -> str:
    """How the pages show a day: 07.12.2026."""
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%d.%m.%Y")


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def social_worker(lindring: LindringServer):
    api = Api(lindring, SOCIAL_WORKER)
    yield api
    api.close()


@pytest.fixture(scope="module")
def social_worker_id(social_worker: Api) -> str:
    return expect_json(social_worker.get("/me"), 200)["id"]


@pytest.fixture(scope="module")
def pabu_doctor(lindring: LindringServer):
    """A doctor of PABU, made with `lindring create-user`: a clinician may register patients, and
    a child the team registered is one it may open a case for."""
    result = subprocess.run(
        [str(lindring.binary), "create-user", "--username", PABU_DOCTOR, "--name", "Peter Børnelæge", "--role", "clinician",
         "--unit", TEAM, "--profession", "doctor", "--password-stdin"],
        env=lindring.env, input=PABU_DOCTOR_PASSWORD + "\n", capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"`lindring create-user` for {PABU_DOCTOR} exited {result.returncode}: {result.stderr}{result.stdout}"
    api = Api(lindring, PABU_DOCTOR)
    yield api
    api.close()


@pytest.fixture(scope="module")
def auditor(lindring: LindringServer):
    api = Api(lindring, AUDITOR)
    yield api
    api.close()


def child_cpr(db: Db, rng: random.Random) -> str:
    """A well-formed CPR number of a child born 7 years ago (serial 4xxx: born in the 2000s; the
    demo's children have 5000-8999, its adults 0-3xxx) that no patient has."""
    born = date(today().year - 7, 3, 15)
    for _ in range(200):
        cpr = f"{born:%d%m%y}-4{rng.randrange(1000):03d}"
        if not db.cpr_taken(cpr):
            return cpr
    raise AssertionError("found no free child CPR number in 200 tries")


def register_child(pabu_doctor: Api, db: Db, name: str) -> dict:
    """A child patient registered by PABU (through the API, as the team's doctor)."""
    body = {"cpr": child_cpr(db, random.Random()), "name": name, "diagnosisGroup": "neurological", "sharingConsent": "given"}
    return expect_json(pabu_doctor.post("/patients", body), 201)


@pytest.fixture(scope="module")
def family(social_worker: Api, social_worker_id: str, pabu_doctor: Api, db: Db) -> dict:
    """A case opened through the API for another child: a parent, the network, an application for
    § 86 awaiting its decision and a refused application for aids (the case page's every table)."""
    child = register_child(pabu_doctor, db, "Asta Arbejdslistesen")
    body = {
        "childPatientId": child["id"], "conditionGroup": "2", "municipalityCode": MUNICIPALITY, "keyWorkerId": social_worker_id,
        "parents": [{"name": "Line Arbejdslistesen", "relation": "parent", "phone": "21 22 23 24", "email": "line.a@example.com",
                     "address": "Søborg Hovedgade 101, 2860 Søborg", "livesWithChild": True, "holdsCustody": True}],
        "network": [{"role": "municipalCaseworker", "name": "Maria Kommunesen", "organisation": "Børn og Familie, Gladsaxe Kommune",
                     "phone": "70 80 90 10", "email": "maria.kommunesen@example.com"}],
    }
    case = expect_json(social_worker.post("/families", body), 201)
    awaiting = {"benefit": "bl86", "submittedOn": (today() - timedelta(days=10)).isoformat()}
    expect_json(social_worker.post(f"/families/{case['id']}/applications", awaiting), 201)
    decided = (today() - timedelta(days=3)).isoformat()
    refused = {"benefit": "bl90-aids", "submittedOn": (today() - timedelta(days=30)).isoformat(), "decidedOn": decided,
               "outcome": "refused", "sentVia": "letter", "sentOn": decided}
    expect_json(social_worker.post(f"/families/{case['id']}/applications", refused), 201)
    return expect_json(social_worker.get(f"/families/{case['id']}"), 200)


# --- helpers -------------------------------------------------------------------------------------


def control(driver: WebDriver, field: str) -> WebElement:
    """A form control by its id, which is its field path (`siblings[0].age`)."""
    return one(driver, f'[id="{field}"]', f"field {field}")


def type_into(driver: WebDriver, field: str, text: str) -> None:
    element = control(driver, field)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.clear()
    element.send_keys(text)


def choose(driver: WebDriver, field: str, value: str) -> None:
    element = control(driver, field)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    offered = [option.get_attribute("value") for option in element.find_elements(By.TAG_NAME, "option")]
    assert value in offered, f"{field} does not offer {value!r}; it offers {offered}"
    Select(element).select_by_value(value)


def value_of(driver: WebDriver, field: str) -> str:
    return control(driver, field).get_attribute("value") or ""


def response_status(driver: WebDriver) -> int:
    """The HTTP status of the document shown (Navigation Timing)."""
    return int(driver.execute_script("return performance.getEntriesByType('navigation')[0].responseStatus"))


def field_error(driver: WebDriver, field: str) -> str:
    """The error shown next to a field; the control points at it and is marked invalid."""
    errors = driver.find_elements(By.CSS_SELECTOR, f'[id="{field}-error"]')
    if not errors:
        failed_shot(driver, f"no-error-{field}")
        pytest.fail(f"no error next to {field}: {describe_page(driver)}")
    element = control(driver, field)
    assert element.get_attribute("aria-invalid") == "true", f"{field} is not marked aria-invalid"
    assert f"{field}-error" in (element.get_attribute("aria-describedby") or "").split(), (
        f"{field} is not described by its error (aria-describedby={element.get_attribute('aria-describedby')!r})"
    )
    return errors[0].text.strip()


def notice(driver: WebDriver) -> str:
    found = driver.find_elements(By.CSS_SELECTOR, "main .notice[role=status]")
    return found[0].text.strip() if found else ""


def case_id_of(driver: WebDriver) -> str:
    match = PATH_OF_CASE.match(path_of(driver))
    assert match, f"not on a family case's page: {describe_page(driver)}"
    return match.group(1)


def table_rows(driver: WebDriver, css: str) -> list[list[str]]:
    return [cells(row) for row in driver.find_elements(By.CSS_SELECTOR, f"{css} tbody tr")]


def application_rows(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, "#applications table.applications tbody tr")


def only_application_row(driver: WebDriver, benefit_name: str) -> WebElement:
    rows = [row for row in application_rows(driver) if cells(row)[0].startswith(benefit_name)]
    if len(rows) != 1:
        failed_shot(driver, "applications")
        pytest.fail(f"{len(rows)} applications for {benefit_name!r} in #applications: {describe_page(driver)}")
    return rows[0]


def upcoming_rows(driver: WebDriver) -> list[list[str]]:
    """The rows of the table right after the "Kommende frister" heading (none: a line says so)."""
    visible(driver, "h3#upcoming", "'Kommende frister' heading")
    following = driver.find_elements(By.XPATH, "//h3[@id='upcoming']/following-sibling::*[1]")
    assert following, f"nothing follows #upcoming: {describe_page(driver)}"
    return [cells(row) for row in following[0].find_elements(By.CSS_SELECTOR, "table.social-worklist tbody tr")]


def nav_social_work(driver: WebDriver) -> str:
    links = driver.find_elements(By.CSS_SELECTOR, "nav#main-nav a[href='/social-work']")
    assert links, f"no /social-work link in nav#main-nav: {describe_page(driver)}"
    return links[0].text.strip()


def expected_nav_label(own_tasks: int) -> str:
    return f"Socialrådgivning ({own_tasks})" if own_tasks else "Socialrådgivning"


def own_tasks(social_worker: Api) -> list[dict]:
    return expect_json(social_worker.get("/social-work/worklist", params={"mine": "true"}), 200)["items"]


def the_application(case: dict, benefit: str) -> dict:
    found = [a for a in case["applications"] if a["benefit"] == benefit]
    assert len(found) == 1, f"{len(found)} {benefit} applications in the case: {case['applications']}"
    return found[0]


def days_around(action) -> set[date]:
    """Runs `action` and returns the days in Copenhagen it ran on (two across midnight)."""
    before = today()
    action()
    return {before, today()}


# --- tests ---------------------------------------------------------------------------------------


def test_social_worker_opens_a_case_records_an_application_and_is_reminded_of_the_appeal(
    lindring: LindringServer, browsers, social_worker: Api, social_worker_id: str, pabu_doctor: Api, db: Db, openapi: dict
):
    assert "refused" in openapi_enum(openapi, "Application", "outcome")
    assert "letter" in openapi_enum(openapi, "Application", "sentVia")
    child = register_child(pabu_doctor, db, "Ellen Familiesagsen")
    driver = browsers()
    sign_in(driver, lindring, SOCIAL_WORKER)

    # the menu counts her own tasks (not the deadlines ahead)
    driver.get(lindring.url("/social-work"))
    assert_clean_page(driver, "/social-work")
    tasks_before = len(own_tasks(social_worker))
    assert nav_social_work(driver) == expected_nav_label(tasks_before), f"the API lists {tasks_before} own tasks"
    heading = one(driver, "#worklist h2", "worklist heading").text.strip()
    assert heading == f"Din arbejdsliste ({tasks_before})", heading

    # when she opens a new case for the child
    click_and_wait(driver, one(driver, "a#new-family", "'Ny familiesag' button"))
    assert path_of(driver) == "/social-work/families/new", describe_page(driver)
    assert_clean_page(driver, "new family case form")
    offered = [o for o in control(driver, "childPatientId").find_elements(By.TAG_NAME, "option")
               if (o.get_attribute("value") or "").upper() == child["id"].upper()]
    assert offered, f"the form does not offer the team's new child {child['name']}: {describe_page(driver)}"
    assert offered[0].text.startswith(f"{child['name']}, "), offered[0].text
    assert value_of(driver, "keyWorkerId").upper() == social_worker_id.upper(), "the key worker is not preset to her"
    choose(driver, "childPatientId", offered[0].get_attribute("value"))
    choose(driver, "conditionGroup", "3")
    choose(driver, "municipalityCode", MUNICIPALITY)
    type_into(driver, "parents[0].name", "Mette Familiesagsen")
    choose(driver, "parents[0].relation", "parent")
    type_into(driver, "parents[0].phone", "21 31 41 51")
    type_into(driver, "network[0].name", "Karin Lægesen")
    choose(driver, "network[0].role", "gp")
    screenshot(driver, "social-work-new-family")
    click_and_wait(driver, one(driver, "button#save-family", "'Opret familiesag' button"))

    # then the case's page opens and says so
    family_id = case_id_of(driver)
    assert_clean_page(driver, "the new case")
    assert notice(driver) == "Familiesagen er oprettet.", describe_page(driver)
    assert one(driver, "main h1", "heading").text.strip() == f"Familiesag: {child['name']}"
    assert [row[:2] for row in table_rows(driver, "#parents")] == [["Mette Familiesagsen", "Forælder"]], describe_page(driver)
    assert [row[:2] for row in table_rows(driver, "#network")] == [["Egen læge", "Karin Lægesen"]], describe_page(driver)
    assert "Ingen søskende registreret." in one(driver, "#siblings", "siblings").text

    # when she edits the family to add a sibling
    click_and_wait(driver, one(driver, "a#edit-family", "'Redigér familie' button"))
    assert path_of(driver) == f"/social-work/families/{family_id}/edit", describe_page(driver)
    assert value_of(driver, "parents[0].name") == "Mette Familiesagsen", "the edit form lost the parent"
    type_into(driver, "siblings[0].name", "Viggo")
    type_into(driver, "siblings[0].age", "11")
    days = days_around(lambda: click_and_wait(driver, one(driver, "button#save-family", "save button")))

    # then the case shows the sibling with his age as of today
    assert path_of(driver) == f"/social-work/families/{family_id}", describe_page(driver)
    assert notice(driver) == "Ændringerne er gemt.", describe_page(driver)
    siblings = table_rows(driver, "#siblings")
    assert len(siblings) == 1 and siblings[0][0] == "Viggo", siblings
    assert siblings[0][1] in {f"11 år (pr. {danish(d)})" for d in days}, siblings

    # when she records a § 87 application submitted four days ago
    click_and_wait(driver, one(driver, "a#new-application", "'Ny ansøgning' button"))
    assert path_of(driver) == f"/social-work/families/{family_id}/applications/new", describe_page(driver)
    assert_clean_page(driver, "new application form")
    submitted = today() - timedelta(days=4)
    choose(driver, "benefit", LOST_EARNINGS)
    set_date(driver, control(driver, "submittedOn"), submitted)
    click_and_wait(driver, one(driver, "button#save-application", "save application"))

    # then the case lists it with the processing deadline the API gives, which is the rules'
    assert path_of(driver) == f"/social-work/families/{family_id}", describe_page(driver)
    assert_clean_page(driver, "the case with the application")
    application = the_application(expect_json(social_worker.get(f"/families/{family_id}"), 200), LOST_EARNINGS)
    assert application["submittedOn"] == submitted.isoformat(), application
    catalogue = {b["code"]: b for b in expect_json(social_worker.get("/social-work/benefits"), 200)["items"]}
    processing = catalogue[LOST_EARNINGS]["processingDeadline"]
    assert application["processingDueOn"] == deadline(submitted, processing["amount"], processing["unit"]).isoformat(), (
        f"processingDueOn {application['processingDueOn']} for {LOST_EARNINGS} submitted {submitted} ({processing})"
    )
    row = cells(only_application_row(driver, LOST_EARNINGS_NAME))
    assert row[1:4] == [danish(submitted), danish(application["processingDueOn"]), "Afventer"], row
    assert only_application_row(driver, LOST_EARNINGS_NAME).find_element(By.TAG_NAME, "a").text.strip() == "Registrér afgørelse"

    # and /social-work lists the deadline ahead (not as a task: the menu's count is unchanged)
    driver.get(lindring.url("/social-work"))
    assert_clean_page(driver, "/social-work with the application")
    ahead = [r for r in upcoming_rows(driver) if child["name"] in r]
    assert ahead == [[danish(application["processingDueOn"]), "Afventer afgørelse – sagsbehandlingsfrist", child["name"], LOST_EARNINGS_NAME]], (
        f"'Kommende frister' for {child['name']}: {ahead}"
    )
    assert nav_social_work(driver) == expected_nav_label(len(own_tasks(social_worker)))
    screenshot(driver, "social-work-worklist")

    # when she follows it back to the case and records a refusal sent by letter today
    link = [a for a in driver.find_elements(By.XPATH, "//h3[@id='upcoming']/following-sibling::*[1]//a") if a.text.strip() == child["name"]]
    assert link, f"no link to {child['name']}'s case under 'Kommende frister'"
    click_and_wait(driver, link[0])
    assert path_of(driver) == f"/social-work/families/{family_id}", describe_page(driver)
    click_and_wait(driver, only_application_row(driver, LOST_EARNINGS_NAME).find_element(By.TAG_NAME, "a"))
    assert path_of(driver).lower() == f"/social-work/applications/{application['id']}/edit".lower(), describe_page(driver)
    assert_clean_page(driver, "application form")
    sent = today()
    set_date(driver, control(driver, "decidedOn"), sent)
    choose(driver, "outcome", "refused")
    choose(driver, "sentVia", "letter")
    set_date(driver, control(driver, "sentOn"), sent)
    click_and_wait(driver, one(driver, "button#save-application", "save application"))

    # then the case reminds her of the appeal deadline: the API's, which is the rules'
    assert path_of(driver) == f"/social-work/families/{family_id}", describe_page(driver)
    assert_clean_page(driver, "the case after the refusal")
    decided = the_application(expect_json(social_worker.get(f"/families/{family_id}"), 200), LOST_EARNINGS)
    assert (decided["outcome"], decided["sentVia"], decided["sentOn"]) == ("refused", "letter", sent.isoformat()), decided
    assert decided["receivedOn"] == received_by_letter(sent).isoformat(), f"a letter sent {sent} is received 6 working days later: {decided}"
    assert decided["appealDueOn"] == appeal_due(received_by_letter(sent)).isoformat(), f"4 weeks from receipt, on a working day: {decided}"
    reminder = visible(driver, "#appeal-reminder", "appeal reminder").text
    assert danish(decided["appealDueOn"]) in reminder and danish(decided["receivedOn"]) in reminder, reminder
    assert reminder.startswith("Husk klagefristen.") and LOST_EARNINGS_NAME in reminder and "afslag" in reminder, reminder
    row = cells(only_application_row(driver, LOST_EARNINGS_NAME))
    assert row[3] == f"Afslag {danish(sent)}, sendt {danish(sent)} med brev", row
    assert row[4] == f"{danish(decided['appealDueOn'])} (modtaget {danish(decided['receivedOn'])})", row
    timeline = one(driver, "#timeline", "timeline").text
    for event in ("Sagen oprettet", "Familien ændret", f"Ansøgning registreret: {LOST_EARNINGS_NAME}",
                  f"Afgørelse registreret: {LOST_EARNINGS_NAME}"):
        assert event in timeline, f"the timeline lacks {event!r}: {timeline!r}"
    screenshot(driver, "social-work-appeal-reminder")

    # and the appeal deadline, weeks away, is a deadline ahead, not a task
    driver.get(lindring.url("/social-work"))
    ahead = [r for r in upcoming_rows(driver) if child["name"] in r]
    assert ahead == [[danish(decided["appealDueOn"]), "Klagefrist", child["name"], LOST_EARNINGS_NAME]], ahead
    assert nav_social_work(driver) == expected_nav_label(len(own_tasks(social_worker)))


def test_bad_input_keeps_what_was_typed_and_stores_nothing(lindring: LindringServer, browsers, social_worker: Api, family: dict):
    driver = browsers()
    sign_in(driver, lindring, SOCIAL_WORKER)
    case_path = f"/social-work/families/{family['id']}"

    # when she adds a sibling without an age
    driver.get(lindring.url(case_path + "/edit"))
    assert_clean_page(driver, "edit family form")
    type_into(driver, "siblings[0].name", "Storm")
    click_and_wait(driver, one(driver, "button#save-family", "save button"))

    # then the form comes back (422) with the error next to the age and the name still typed
    assert response_status(driver) == 422, f"saving a sibling without an age answered {response_status(driver)}: {describe_page(driver)}"
    assert path_of(driver) == case_path + "/edit", describe_page(driver)
    assert field_error(driver, "siblings[0].age") == "skal udfyldes"
    assert value_of(driver, "siblings[0].name") == "Storm", "the sibling's name typed was lost"
    assert value_of(driver, "parents[0].name") == family["parents"][0]["name"], "the parent was lost from the form"
    summary = visible(driver, ".form-error", "error summary")
    assert summary.find_elements(By.CSS_SELECTOR, "a[href='#siblings[0].age']"), f"the summary does not link the age: {summary.text!r}"
    assert_clean_page(driver, "family form with an error", allowed_console=r"status of 422")
    screenshot(driver, "social-work-sibling-without-age")
    stored = expect_json(social_worker.get(f"/families/{family['id']}"), 200)
    assert (stored["siblings"], stored["version"]) == (family["siblings"], family["version"]), "the refused change was stored"

    # when she records a decision dated before the application was submitted
    driver.get(lindring.url(case_path))
    before = table_rows(driver, "#applications table.applications")
    application = the_application(family, "bl86")
    submitted = date.fromisoformat(application["submittedOn"])
    row = [r for r in application_rows(driver) if cells(r)[1] == danish(submitted)]
    assert len(row) == 1, f"no single application submitted {danish(submitted)}: {before}"
    click_and_wait(driver, row[0].find_element(By.TAG_NAME, "a"))
    too_early = submitted - timedelta(days=3)
    set_date(driver, control(driver, "decidedOn"), too_early)
    choose(driver, "outcome", "refused")
    choose(driver, "sentVia", "letter")
    set_date(driver, control(driver, "sentOn"), too_early)
    click_and_wait(driver, one(driver, "button#save-application", "save application"))

    # then the form comes back (422) with the error on the decision's date, keeping it
    assert response_status(driver) == 422, f"a decision before the submission answered {response_status(driver)}: {describe_page(driver)}"
    assert field_error(driver, "decidedOn") == "ligger før ansøgningen blev sendt"
    assert [e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, ".field-error")] == ["decidedOn-error"], (
        f"errors on other fields too: {describe_page(driver)}"
    )
    assert (value_of(driver, "decidedOn"), value_of(driver, "sentOn")) == (too_early.isoformat(), too_early.isoformat())
    assert Select(control(driver, "outcome")).first_selected_option.get_attribute("value") == "refused"
    assert Select(control(driver, "sentVia")).first_selected_option.get_attribute("value") == "letter"
    assert_clean_page(driver, "application form with an error", allowed_console=r"status of 422")
    screenshot(driver, "social-work-decision-before-submission")

    # and nothing was stored: the case's applications are as they were
    driver.get(lindring.url(case_path))
    assert table_rows(driver, "#applications table.applications") == before, "the applications table changed"
    assert the_application(expect_json(social_worker.get(f"/families/{family['id']}"), 200), "bl86") == application


def test_a_doctor_of_another_unit_is_refused_and_the_auditor_sees_it(
    lindring: LindringServer, browsers, family: dict, auditor: Api
):
    # when a clinician of another unit opens the case's address
    driver = browsers()
    sign_in(driver, lindring, OTHER_UNITS_DOCTOR)
    driver.get(lindring.url(f"/social-work/families/{family['id']}"))

    # then she gets the 403 page, which names nobody of the family
    assert error_page_status(driver) == "403", f"expected the 403 page: {describe_page(driver)}"
    assert response_status(driver) == 403
    source = driver.page_source
    for secret in (family["childName"], family["parents"][0]["name"], family["network"][0]["name"]):
        assert secret not in source, f"the 403 page shows {secret!r}"
    console = [e for e in severe_console_entries(driver) if "status of 403" not in e]
    assert not console, f"console errors on the 403 page: {console}"
    screenshot(driver, "social-work-refused-403")

    # and the auditor finds the refused look-up against the child in the audit log
    audit = browsers()
    sign_in(audit, lindring, AUDITOR)
    audit.get(lindring.url(f"/audit?patientId={family['childPatientId']}&action=family.read"))
    assert_clean_page(audit, "audit log of the child")
    denied = [row for row in audit.find_elements(By.CSS_SELECTOR, "table.audit-log tbody tr.denied")
              if OTHER_UNITS_DOCTOR in row.text and "family.read" in row.text]
    assert len(denied) == 1, f"{len(denied)} refused family.read rows by {OTHER_UNITS_DOCTOR}: {describe_page(audit)}"
    assert family["childName"] in denied[0].text, f"the row does not name the child: {denied[0].text!r}"
    screenshot(audit, "social-work-audit-denied")
    entries = expect_json(auditor.get("/audit", params={"patientId": family["childPatientId"], "action": "family.read"}), 200)["items"]
    refused = [e for e in entries if e["outcome"] == "denied" and e["username"] == OTHER_UNITS_DOCTOR]
    assert len(refused) == 1, f"the API's refused family.read entries by {OTHER_UNITS_DOCTOR}: {entries}"
    assert (refused[0]["entityType"], (refused[0]["entityId"] or "").upper()) == ("family", family["id"].upper()), refused[0]


def page_width(driver: WebDriver) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the document: the page scrolls sideways when the first is larger."""
    scroll, client = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return int(scroll), int(client)


def assert_no_sideways_scroll(driver: WebDriver, where: str) -> None:
    assert driver.execute_script("return window.innerWidth") == PHONE[0], f"{where}: the viewport is not {PHONE[0]} px wide"
    scroll, client = page_width(driver)
    if scroll > client:
        failed_shot(driver, f"scroll-{where}")
    assert scroll <= client, f"{where} scrolls sideways at {PHONE[0]} px: scrollWidth {scroll} > clientWidth {client}"


def test_the_case_page_does_not_scroll_sideways_on_a_phone(lindring: LindringServer, browsers, family: dict):
    desktop = browsers()
    sign_in(desktop, lindring, SOCIAL_WORKER)
    desktop.get(lindring.url(f"/social-work/families/{family['id']}"))
    assert_clean_page(desktop, "case page")
    screenshot(desktop, "social-work-case-desktop")

    phone = browsers(phone=True)
    sign_in(phone, lindring, SOCIAL_WORKER)
    phone.get(lindring.url(f"/social-work/families/{family['id']}"))
    assert_clean_page(phone, "case page on a phone")
    for section in ("#parents", "#network", "#applications"):
        one(phone, f"{section} table", f"{section} table")
    screenshot(phone, "social-work-case-phone")
    assert_no_sideways_scroll(phone, "the case page")


def test_the_worklist_is_usable_on_a_phone(lindring: LindringServer, browsers, family: dict):
    phone = browsers(phone=True)
    sign_in(phone, lindring, SOCIAL_WORKER)
    phone.get(lindring.url("/social-work"))
    assert_clean_page(phone, "/social-work on a phone")
    screenshot(phone, "social-work-worklist-phone")
    assert_no_sideways_scroll(phone, "/social-work")

    # every task shows when, what and whose without scrolling sideways
    rows = phone.find_elements(By.CSS_SELECTOR, "#worklist table.social-worklist tbody tr")
    assert any(family["childName"] in row.text for row in rows), f"{family['childName']} is not on the worklist: {describe_page(phone)}"
    _, client = page_width(phone)
    hidden = []
    for row in rows:
        for element in row.find_elements(By.CSS_SELECTOR, "td:nth-child(1), td:nth-child(2), td a"):
            right = phone.execute_script("return arguments[0].getBoundingClientRect().right", element)
            if right > client + 0.5:
                hidden.append(f"{element.text!r} ends at {right:.0f}px")
    assert not hidden, f"on a {client}px screen, {len(hidden)} of the worklist's dates, tasks and child links are off-screen: {hidden[:4]}"

    # and the child's link opens the case
    link = [a for a in phone.find_elements(By.CSS_SELECTOR, "#worklist table.social-worklist a") if a.text.strip() == family["childName"]][0]
    click_and_wait(phone, link)
    assert path_of(phone).lower() == f"/social-work/families/{family['id']}".lower(), describe_page(phone)
    assert_clean_page(phone, "case page reached from the worklist on a phone")
