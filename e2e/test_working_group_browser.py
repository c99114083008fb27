"""The working group's indicators, register and MedCom messages in a real browser (issue 23):

- the chair (`arbejdsgruppe`) filters /indicators to København through the form, reads the 10-day
  indicator and place-of-death concordance with their standards (90,0 % and 77,8 %), finds the same
  figures in `GET /api/v1/indicators`, reads the chart, drills down and sees a count but no patient,
  and records a recommendation linked to the 10-day indicator in the register;
- the clinician (`klinik`) drills down on "Henviste, der modtages" and sees RH-PAL's patients by name;
- the clinician sends a MedCom care communication to a patient's GP from the patient page; the outbox
  item says the checks passed and its Bundle is valid FHIR R4 (fhir_support.validate_fhir) with the
  structure MedCom's CareCommunication asks for;
- a message to "Demolægerne Rønne", who has no SOR code or EAN number, is refused naming the practice
  (API and form) and nothing is stored;
- the chair reads /indicators on a 390-px phone without sideways scrolling.

Its own server (the `lindring` fixture). Screenshots: e2e/screenshots/working-group-*.png.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from browser_support import (
    assert_clean_page,
    cells,
    click_and_wait,
    describe_page,
    failed_shot,
    one,
    path_of,
    screenshot,
    set_date,
    sign_in,
    submit_and_wait,
    visible,
)
from conftest import LindringServer
from fhir_support import validate_fhir
from patients_support import KEY_UNIT, PHONE, Api, Db, describe, expect_json, expect_problem, user_api

CHAIR = "arbejdsgruppe"  # workingGroup: the working group's chair
CLINICIAN = "klinik"  # clinician on RH-PAL

DESKTOP = (1280, 900)

COPENHAGEN = ("101", "København")
TEN_DAYS = "firstContactWithin10Days"
REACHED = "referralsReached"
PLACE_OF_DEATH = "placeOfDeathConcordance"
STANDARDS = {TEN_DAYS: "90,0 %", PLACE_OF_DEATH: "77,8 %"}

UNCODED_PRACTICE = "DEMO-GP-5"  # Demolægerne Rønne: the demo's unit without SOR code and EAN number
UNCODED_PRACTICE_NAME = "Demolægerne Rønne"

CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"
SOR_SYSTEM = "urn:oid:1.2.208.176.1.1"
EAN_SYSTEM = "urn:oid:1.3.88"

# "55,4 % (31/56)" as a share cell shows it
SHARE = re.compile(r"^(\d{1,3},\d) % \((\d+)/(\d+)\)$")
HIDDEN = re.compile(r"(?:Der|Desuden) indgår (\d+) patient(?:er)?, som du ikke har adgang til at se\.")

chair_api = user_api(CHAIR)


# --- the pages ----------------------------------------------------------------------------------


def query_of(driver: WebDriver) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(driver.current_url).query).items()}


def danish(value: float | int) -> str:
    """A per cent as the pages show it: 55.4 -> "55,4"."""
    return f"{float(value):.1f}".replace(".", ",")


def share_of(text: str, where: str) -> tuple[str, int, int]:
    match = SHARE.match(text.strip())
    assert match, f"{where}: {text!r} is not a share like '50,0 % (1/2)'"
    return match.group(1), int(match.group(2)), int(match.group(3))


def indicator_row(driver: WebDriver, indicator: str) -> WebElement:
    return one(driver, f"tr#indicator-{indicator}", f"the row of {indicator}")


def submit_filter(driver: WebDriver) -> None:
    submit_and_wait(driver, one(driver, "form.filter-form[action='/indicators'] button[type=submit]", "the filter's button"))
    assert path_of(driver) == "/indicators", describe_page(driver)
    assert_clean_page(driver, f"/indicators?{urlsplit(driver.current_url).query}")


def hidden_count(driver: WebDriver) -> int:
    """The drill-down's count of the patients the viewer may not see (0 when it says none)."""
    match = HIDDEN.search(one(driver, "main", "main").text)
    return int(match.group(1)) if match else 0


def fill(driver: WebDriver, css: str, text: str) -> None:
    element = one(driver, css, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.clear()
    element.send_keys(text)


def patient_links(driver: WebDriver, scope: str = "main") -> list[tuple[str, str]]:
    """(patient id, name) of every link to a patient page in `scope`."""
    found = []
    for link in driver.find_elements(By.CSS_SELECTOR, f"{scope} a[href^='/patients/']"):
        match = re.fullmatch(r"/patients/([0-9A-Fa-f-]{36})", urlsplit(link.get_attribute("href")).path)
        if match:
            found.append((match.group(1).upper(), link.text.strip()))
    return found


def session_of(driver: WebDriver) -> requests.Session:
    """A requests session with the browser's cookies (the signed-in user's session)."""
    session = requests.Session()
    for cookie in driver.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    return session


def page_overflow(driver: WebDriver, width: int) -> dict:
    """The page's widths and the innermost elements, outside boxes that scroll or clip, that reach past
    `width` (the phone's: an emulated phone widens its layout viewport to the page, so
    window.innerWidth alone would hide the overflow)."""
    return driver.execute_script(
        "const w = arguments[0];"
        "const clipped = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)"
        "  if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };"
        "const wide = [...document.querySelectorAll('body *')].filter(e => {"
        "  const r = e.getBoundingClientRect(); return r.width > 0 && r.right + window.scrollX > w + 1 && !clipped(e); });"
        "const innermost = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));"
        "return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,"
        " wide: innermost.slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
        "   + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')"
        "   + ' right=' + Math.round(e.getBoundingClientRect().right + window.scrollX)"
        "   + ' in ' + (e.closest('section[id]') ? '#' + e.closest('section[id]').id : 'page'))};",
        width,
    )


# --- the chair: indicators, the API, the drill-down and the register --------------------------------


def test_the_chair_filters_to_copenhagen_drills_down_and_records_a_recommendation(
    lindring: LindringServer, browsers, chair_api: Api, db: Db
):
    driver = browsers(*DESKTOP)
    sign_in(driver, lindring, CHAIR)
    nav = [urlsplit(a.get_attribute("href")).path for a in driver.find_elements(By.CSS_SELECTOR, "#main-nav a")]
    assert "/indicators" in nav and "/working-group" in nav, f"the chair's menu: {nav}"
    click_and_wait(driver, one(driver, "#main-nav a[href='/indicators']", "the menu's link to the indicators"))
    assert_clean_page(driver, "/indicators")
    for family in ("family-dpd", "family-plans", "family-collaboration", "places-of-death"):
        one(driver, f"section#{family} table", f"the table of #{family}")

    # by municipality, then København: the group list follows the grouping once the form is sent
    Select(one(driver, "select#by", "the grouping")).select_by_value("municipality")
    submit_filter(driver)
    assert query_of(driver).get("by") == "municipality", driver.current_url
    groups = {o.get_attribute("value"): o.text.strip() for o in Select(one(driver, "select#group", "the group")).options}
    assert groups.get(COPENHAGEN[0]) == COPENHAGEN[1], f"the municipalities offered: {groups}"
    Select(driver.find_element(By.ID, "group")).select_by_value(COPENHAGEN[0])
    submit_filter(driver)
    query = query_of(driver)
    assert (query.get("by"), query.get("group")) == ("municipality", COPENHAGEN[0]), driver.current_url
    assert Select(driver.find_element(By.ID, "group")).first_selected_option.text.strip() == COPENHAGEN[1]
    period = {name: driver.find_element(By.ID, name).get_attribute("value") for name in ("from", "to")}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) for value in period.values()), period

    shown: dict[str, dict] = {}
    for indicator in (TEN_DAYS, PLACE_OF_DEATH):
        row = indicator_row(driver, indicator)
        row_cells = row.find_elements(By.CSS_SELECTOR, "td")
        assert len(row_cells) == 4, f"{indicator}: cells {cells(row)}"
        share, numerator, denominator = share_of(row.find_element(By.CSS_SELECTOR, "td.share strong").text, indicator)
        interval = row.find_element(By.CSS_SELECTOR, "td.share .ci").text
        assert row_cells[3].text.strip() == STANDARDS[indicator], f"{indicator}'s standard: {cells(row)}"
        shown[indicator] = {
            "name": row.find_element(By.CSS_SELECTOR, "th a").text.strip(),
            "share": share, "numerator": numerator, "denominator": denominator, "interval": interval,
            "cancer": row_cells[1].text.strip(), "nonCancer": row_cells[2].text.strip(),
            "drill": row.find_element(By.CSS_SELECTOR, "td.share a.drill").get_attribute("href"),
            "chart": row.find_element(By.CSS_SELECTOR, "th a").get_attribute("href"),
        }
    screenshot(driver, "working-group-indicators-copenhagen")

    # the same query through the API: the same figures
    response = chair_api.get(f"/indicators?from={period['from']}&to={period['to']}&by=municipality")
    rows = expect_json(response, 200)
    assert isinstance(rows, list), f"GET /api/v1/indicators answers a JSON array: {describe(response)}"
    for indicator, page in shown.items():
        found = [r for r in rows if r.get("indicator") == indicator and r.get("group") == COPENHAGEN[0]]
        assert len(found) == 1, f"{len(found)} API rows for {indicator} in group {COPENHAGEN[0]}"
        api = found[0]
        assert api["groupName"] == COPENHAGEN[1], api
        assert (api["numerator"], api["denominator"]) == (page["numerator"], page["denominator"]), (
            f"{indicator} in København: the page shows {page['numerator']}/{page['denominator']}, "
            f"the API {api['numerator']}/{api['denominator']}"
        )
        assert danish(api["share"]) == page["share"], (indicator, api["share"], page["share"])
        assert danish(api["standard"]) + " %" == STANDARDS[indicator], (indicator, api["standard"])
        assert f"{danish(api['confidenceLower'])}–{danish(api['confidenceUpper'])} %" in page["interval"], (api, page["interval"])
        for part in ("cancer", "nonCancer"):
            counts = api[part]
            if counts["denominator"]:
                assert page[part] == f"{danish(counts['share'])} % ({counts['numerator']}/{counts['denominator']})", (part, api, page)
            else:
                assert counts["share"] is None and page[part] == "–", (part, api, page)

    # the chart of the 10-day indicator: its periods add up to the row, the standard's line at 90 %
    ten_days = shown[TEN_DAYS]
    driver.get(ten_days["chart"])
    assert_clean_page(driver, "the 10-day indicator's chart")
    chart = visible(driver, "section#chart", "the chart")
    heading = chart.find_element(By.TAG_NAME, "h2").text
    assert ten_days["name"] in heading and COPENHAGEN[1] in heading, heading
    svg = chart.find_element(By.CSS_SELECTOR, "svg.chart.indicator")
    bars = svg.find_elements(By.CSS_SELECTOR, "rect.bar")
    periods = [cells(row) for row in chart.find_elements(By.CSS_SELECTOR, "table tbody tr")]
    assert bars and len(bars) == len(periods), f"{len(bars)} bars, periods {periods}"
    sums = [0, 0]
    for period_row in periods:
        if period_row[1] != "–":
            _, numerator, denominator = share_of(period_row[1], f"period {period_row[0]}")
            sums = [sums[0] + numerator, sums[1] + denominator]
    assert sums == [ten_days["numerator"], ten_days["denominator"]], f"the periods add up to {sums}: {periods}"
    axis = {t.text.strip(): float(t.get_attribute("y")) for t in svg.find_elements(By.CSS_SELECTOR, "text.axis") if t.text.strip().endswith(" %")}
    zero = next(float(l.get_attribute("y1")) for l in svg.find_elements(By.CSS_SELECTOR, "line.grid") if abs(float(l.get_attribute("y1")) + 4 - axis["0 %"]) < 0.01)
    full = next(float(l.get_attribute("y1")) for l in svg.find_elements(By.CSS_SELECTOR, "line.grid") if abs(float(l.get_attribute("y1")) + 4 - axis["100 %"]) < 0.01)
    standard = float(svg.find_element(By.CSS_SELECTOR, "line.standard").get_attribute("y1"))
    assert abs(standard - (zero + (full - zero) * 0.9)) < 0.6, f"the standard's line at y={standard}, 0 % at {zero}, 100 % at {full}"
    screenshot(driver, "working-group-indicator-chart")

    # the drill-down: the chair sees how many, never who
    driver.get(ten_days["drill"])
    assert_clean_page(driver, "the chair's drill-down")
    assert path_of(driver) == f"/indicators/{TEN_DAYS}/patients", describe_page(driver)
    assert query_of(driver).get("group") == COPENHAGEN[0], driver.current_url
    main = one(driver, "main", "main")
    assert ten_days["name"] in main.find_element(By.TAG_NAME, "h1").text
    assert not patient_links(driver), f"the chair is shown patients: {patient_links(driver)}"
    assert not main.find_elements(By.CSS_SELECTOR, "table tbody tr"), "the chair's drill-down has a table of patients"
    names = {patient.name for patient in db.patients("1 = 1", limit=100000)}
    named = sorted(name for name in names if name in main.text)
    assert not named, f"the chair's drill-down names patients: {named[:5]}"
    assert hidden_count(driver) == ten_days["denominator"], (
        f"the drill-down counts {hidden_count(driver)} patients the chair may not see, "
        f"the indicator's denominator is {ten_days['denominator']}: {main.text!r}"
    )
    screenshot(driver, "working-group-drill-down-chair")

    # a recommendation for the 10-day indicator, recorded through the register's form
    click_and_wait(driver, one(driver, "#main-nav a[href='/working-group']", "the menu's link to the register"))
    assert_clean_page(driver, "/working-group")
    click_and_wait(driver, one(driver, "a[href='/working-group/items/new?kind=recommendation']", "the link to a new recommendation"))
    assert_clean_page(driver, "the new recommendation")
    form = one(driver, "form#register-item-form", "the register's form")
    offered = [o.get_attribute("value") for o in Select(form.find_element(By.NAME, "indicator")).options]
    assert TEN_DAYS in offered and PLACE_OF_DEATH in offered, f"the indicators offered: {offered}"
    title = "Visitationen ringer senest to hverdage efter henvisningen"
    text = ("De palliative teams i København ringer til patienten senest to hverdage efter, at henvisningen er modtaget, "
            "så første kontakt kan ligge inden for 10 dage.")
    owner = "Palliativt Team, Rigshospitalet"
    due = date.today() + timedelta(days=91)
    fill(driver, "form#register-item-form [name=title]", title)
    fill(driver, "form#register-item-form [name=text]", text)
    fill(driver, "form#register-item-form [name=owner]", owner)
    set_date(driver, form.find_element(By.NAME, "dueDate"), due)
    Select(form.find_element(By.NAME, "status")).select_by_value("agreed")
    Select(form.find_element(By.NAME, "indicator")).select_by_value(TEN_DAYS)
    screenshot(driver, "working-group-recommendation-form")
    submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    match = re.fullmatch(r"/working-group/items/([0-9A-Fa-f-]{36})", path_of(driver))
    assert match, f"the saved recommendation: {describe_page(driver)}"
    item_id = match.group(1)
    assert_clean_page(driver, "the recommendation")
    assert one(driver, "main h1", "the heading").text.strip() == title
    facts = one(driver, "#item-facts", "the recommendation's facts").text
    assert owner in facts and due.strftime("%d.%m.%Y") in facts, facts
    assert one(driver, "#item-text", "the recommendation's text").text.strip() == text
    link = one(driver, "a#item-indicator", "the link to the indicator")
    assert link.text.strip() == ten_days["name"], link.text
    assert parse_qs(urlsplit(link.get_attribute("href")).query).get("indicator") == [TEN_DAYS], link.get_attribute("href")
    screenshot(driver, "working-group-recommendation")
    stored = expect_json(chair_api.get(f"/working-group/items/{item_id}"), 200)
    assert (stored["kind"], stored["indicator"], stored["status"], stored["dueDate"]) == (
        "recommendation", TEN_DAYS, "agreed", due.isoformat()), stored

    # the link leads to the indicator's chart
    click_and_wait(driver, link)
    assert path_of(driver) == "/indicators", describe_page(driver)
    assert_clean_page(driver, "the indicator from the recommendation")
    assert ten_days["name"] in visible(driver, "section#chart h2", "the chart's heading").text

    # and the register lists it among the open recommendations, with the indicator
    driver.get(lindring.url("/working-group"))
    listed = [row for row in driver.find_elements(By.CSS_SELECTOR, "#recommendation-list tbody tr")
              if row.find_elements(By.CSS_SELECTOR, f"a[href='/working-group/items/{item_id}']")]
    assert len(listed) == 1, f"the register lists the recommendation {len(listed)} times: {describe_page(driver)}"
    assert ten_days["name"] in listed[0].text, listed[0].text


# --- the clinician's drill-down -------------------------------------------------------------------


def test_the_clinician_drills_down_and_sees_her_units_patients_by_name(lindring: LindringServer, browsers, db: Db):
    driver = browsers(*DESKTOP)
    sign_in(driver, lindring, CLINICIAN)
    driver.get(lindring.url("/indicators"))
    assert_clean_page(driver, "the clinician's /indicators")
    row = indicator_row(driver, REACHED)
    _, numerator, denominator = share_of(row.find_element(By.CSS_SELECTOR, "td.share strong").text, REACHED)
    name = row.find_element(By.CSS_SELECTOR, "th a").text.strip()
    click_and_wait(driver, row.find_element(By.CSS_SELECTOR, "td.share a.drill"))
    assert path_of(driver) == f"/indicators/{REACHED}/patients", describe_page(driver)
    assert_clean_page(driver, "the clinician's drill-down")
    assert name in one(driver, "main h1", "the heading").text

    listed = patient_links(driver, "main table tbody")
    assert listed, f"the clinician's drill-down names none of her patients: {describe_page(driver)}"
    assert all(patient_name for _, patient_name in listed), f"links without a name: {listed}"
    readable = {
        patient.id.upper() for patient in db.patients(
            "ru.code = ? OR EXISTS (SELECT 1 FROM plan_care_team t JOIN units u ON u.id = t.unit_id "
            "WHERE t.patient_id = p.id AND u.code = ?)", (KEY_UNIT, KEY_UNIT), limit=100000)
    }
    foreign = [(pid, patient_name) for pid, patient_name in listed if pid not in readable]
    assert not foreign, f"the drill-down names patients outside {KEY_UNIT}'s care: {foreign[:5]}"
    met = [cells(tr)[-1] for tr in driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")]
    assert set(met) <= {"Ja", "Nej"} and met.count("Ja") <= numerator, met
    assert len(listed) + hidden_count(driver) == denominator, (
        f"{len(listed)} patients named and {hidden_count(driver)} counted, the indicator's denominator is {denominator}"
    )
    screenshot(driver, "working-group-drill-down-clinician")

    patient_id, patient_name = listed[0]
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f"main table a[href$='{patient_id}' i]"))
    assert path_of(driver).upper() == f"/PATIENTS/{patient_id}", describe_page(driver)
    assert_clean_page(driver, "the patient from the drill-down")
    assert patient_name in one(driver, "main h1", "the patient's name").text


# --- MedCom: a care communication from the patient page ------------------------------------------


def coded(unit: dict) -> bool:
    return bool(unit.get("sorCode") and unit.get("eanCode"))


@pytest.fixture(scope="module")
def units(admin: Api) -> dict[str, dict]:
    """The unit register by id."""
    found: dict[str, dict] = {}
    cursor = None
    for _ in range(20):
        body = expect_json(admin.get("/units", params={"limit": 100, **({"cursor": cursor} if cursor else {})}), 200)
        found.update({unit["id"].upper(): unit for unit in body["items"]})
        cursor = body.get("next")
        if not cursor:
            break
    return found


def test_a_nurse_sends_a_care_communication_to_the_gp_and_its_bundle_is_fhir_r4(
    lindring: LindringServer, browsers, key_worker: Api, units: dict[str, dict]
):
    driver = browsers(*DESKTOP)
    sign_in(driver, lindring, CLINICIAN)
    driver.get(lindring.url("/my-patients"))
    assert_clean_page(driver, "/my-patients")
    # one of her patients whose GP and home care can receive MedCom messages
    chosen = None
    for patient_id, _ in patient_links(driver, "#worklist-all")[:30]:
        patient = expect_json(key_worker.get(f"/patients/{patient_id}"), 200)
        plan = key_worker.get(f"/patients/{patient_id}/plan")
        if plan.status_code != 200 or patient.get("sharingConsent") != "given":
            continue
        home_care = [m["unitId"].upper() for m in plan.json().get("careTeam", []) if m.get("role") == "homeCare"]
        gp = (patient.get("gpUnitId") or "").upper()
        if gp in units and coded(units[gp]) and home_care and coded(units.get(home_care[0], {})):
            chosen = (patient, gp, home_care[0])
            break
    assert chosen, "none of klinik's first patients on /my-patients has a GP and home care with SOR and EAN codes"
    patient, gp, home_care = chosen
    before = expect_json(key_worker.get(f"/patients/{patient['id']}/care-communications"), 200)["items"]

    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f"#worklist-all a[href$='{patient['id']}' i]"))
    assert_clean_page(driver, "the patient page")
    messages = visible(driver, "section#messages", "the patient page's messages")
    click_and_wait(driver, messages.find_element(By.XPATH, ".//a[normalize-space(.)='Send korrespondancemeddelelse']"))
    assert path_of(driver).upper() == f"/PATIENTS/{patient['id'].upper()}/CARE-COMMUNICATIONS/NEW", describe_page(driver)
    assert_clean_page(driver, "the compose form")
    receiver = Select(one(driver, "select[name=receiverUnitId]", "the receiver"))
    offered = [o.get_attribute("value").upper() for o in receiver.options if o.get_attribute("value")]
    assert offered[:2] == [gp, home_care], (
        f"the receivers do not start with the patient's GP ({units[gp]['name']}) and home care "
        f"({units[home_care]['name']}): {[o.text for o in receiver.options[:4]]}"
    )
    receiver.select_by_value(next(o.get_attribute("value") for o in receiver.options if o.get_attribute("value").upper() == gp))
    text = ("Kære læge. Patienten har haft tiltagende smerter, og morfin s.c. er øget til 5 mg efter behov. "
            "Vil du se til patienten ved et sygebesøg i denne uge? Ring gerne til os.")
    fill(driver, "textarea[name=text]", text)
    screenshot(driver, "working-group-compose")
    submit_and_wait(driver, one(driver, "button[name=status][value=ready]", "the button 'Klar til afsendelse'"))

    match = re.fullmatch(r"/outbox/([0-9A-Fa-f-]{36})", path_of(driver))
    assert match, f"after sending: {describe_page(driver)}"
    outbox_id = match.group(1)
    assert_clean_page(driver, "the outbox item")
    main = one(driver, "main", "main")
    assert "Meddelelsen består alle kontroller" in main.text, describe_page(driver)
    assert units[gp]["name"] in main.text and patient["name"] in main.text, main.text[:500]
    assert one(driver, "main .message-text", "the message's text").text.strip() == text
    screenshot(driver, "working-group-outbox-item")
    bundle_link = one(driver, f"main a[href='/api/v1/outbox/{outbox_id}/bundle']", "the link to the Bundle")

    # the Bundle, with the browser's session
    response = session_of(driver).get(bundle_link.get_attribute("href"), timeout=15, allow_redirects=False)
    assert response.status_code == 200, describe(response)
    assert response.headers.get("Content-Type", "").split(";")[0].strip() == "application/fhir+json", describe(response)
    bundle = response.json()
    checked = validate_fhir(bundle)
    assert not checked.problems, f"{checked.validator} refuses the Bundle:\n" + "\n".join(checked.problems)
    print(f"the Bundle was validated by {checked.validator}")

    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "message", {k: bundle.get(k) for k in ("resourceType", "type")}
    entries = bundle["entry"]
    resources = [entry["resource"] for entry in entries]
    kinds = [resource["resourceType"] for resource in resources]
    header = resources[0]
    assert kinds[0] == "MessageHeader", kinds
    assert header["eventCoding"]["code"] == "care-communication-message", header["eventCoding"]
    patients = [r for r in resources if r["resourceType"] == "Patient"]
    assert len(patients) == 1, kinds
    assert [i for i in patients[0]["identifier"] if i.get("system") == CPR_SYSTEM] == [
        {"system": CPR_SYSTEM, "value": patient["cpr"].replace("-", "")}], patients[0]["identifier"]
    communications = [r for r in resources if r["resourceType"] == "Communication"]
    assert len(communications) == 1, kinds
    communication = communications[0]
    assert communication["status"] == "unknown", communication["status"]
    assert [c["code"] for category in communication["category"] for c in category["coding"]] == ["other"], communication["category"]
    assert communication["topic"]["text"] == "Palliation", communication.get("topic")
    assert [p.get("contentString") for p in communication["payload"]] == [text], communication["payload"]
    provenances = [r for r in resources if r["resourceType"] == "Provenance"]
    assert any(c["code"] == "new-message" for p in provenances for c in p["activity"]["coding"]), provenances
    untexted = [r["resourceType"] for r in resources if not (r.get("text") or {}).get("div", "").startswith("<div")]
    assert not untexted, f"resources without text.div: {untexted}"

    # every reference resolves to an entry's fullUrl
    full_urls = {entry["fullUrl"] for entry in entries}
    assert len(full_urls) == len(entries), "two entries share a fullUrl"

    def references(node, path: str):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "reference" and isinstance(value, str):
                    yield path, value
                else:
                    yield from references(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from references(value, f"{path}[{index}]")

    found = list(references(bundle, "Bundle"))
    assert found, "the Bundle holds no references"
    dangling = [(path, value) for path, value in found if value not in full_urls]
    assert not dangling, f"references to no entry: {dangling}"

    # the receiver is the GP, by SOR and EAN; the sender RH-PAL
    by_url = {entry["fullUrl"]: entry["resource"] for entry in entries}
    receiving = by_url[header["destination"][0]["receiver"]["reference"]]
    codes = {i["system"]: i["value"] for i in receiving["identifier"]}
    assert codes == {SOR_SYSTEM: units[gp]["sorCode"], EAN_SYSTEM: units[gp]["eanCode"]}, receiving
    sending = by_url[header["sender"]["reference"]]
    assert sending["name"] == next(u["name"] for u in units.values() if u["code"] == KEY_UNIT), sending

    # kept for the patient, and listed on her page
    after = expect_json(key_worker.get(f"/patients/{patient['id']}/care-communications"), 200)["items"]
    assert len(after) == len(before) + 1, after
    assert [m for m in after if m["id"].upper() == outbox_id.upper() and m["status"] == "ready"], after
    driver.get(lindring.url(f"/patients/{patient['id']}"))
    assert driver.find_elements(By.CSS_SELECTOR, f"section#messages a[href='/outbox/{outbox_id}' i]"), (
        f"the patient page does not list the message: {one(driver, 'section#messages', 'messages').text}"
    )


def test_a_message_to_a_practice_without_codes_is_refused_and_nothing_is_stored(
    lindring: LindringServer, browsers, key_worker: Api, units: dict[str, dict], db: Db
):
    practice = [unit for unit in units.values() if unit["code"] == UNCODED_PRACTICE]
    assert len(practice) == 1, f"no unit {UNCODED_PRACTICE} in the register"
    practice = practice[0]
    assert practice["name"] == UNCODED_PRACTICE_NAME and not coded(practice), practice
    patient = db.on_care_teams_of(KEY_UNIT)[0]
    path = f"/patients/{patient.id}/care-communications"
    before = expect_json(key_worker.get(path), 200)["items"]

    response = key_worker.post(path, {"receiverUnitId": practice["id"], "text": "Kære læge. Patienten er udskrevet i dag."})
    problem = expect_problem(response, 422)
    assert UNCODED_PRACTICE_NAME in problem.get("detail", ""), f"the refusal does not name the practice: {problem}"
    assert (problem.get("errors") or [{}])[0].get("field") == "receiverUnitId", problem
    assert expect_json(key_worker.get(path), 200)["items"] == before, "a refused message was stored"

    # the form says the same, in Danish, and keeps what was written
    driver = browsers(*DESKTOP)
    sign_in(driver, lindring, CLINICIAN)
    driver.get(lindring.url(f"/patients/{patient.id}/care-communications/new"))
    assert_clean_page(driver, "the compose form")
    Select(one(driver, "select[name=receiverUnitId]", "the receiver")).select_by_value(practice["id"])
    fill(driver, "textarea[name=text]", "Kære læge. Patienten er udskrevet i dag.")
    submit_and_wait(driver, one(driver, "button[name=status][value=ready]", "the button 'Klar til afsendelse'"))
    status = driver.execute_script("return performance.getEntriesByType('navigation')[0].responseStatus")
    assert status == 422, f"the form answered {status}: {describe_page(driver)}"
    alert = one(driver, "main [role=alert]", "the refusal").text
    assert UNCODED_PRACTICE_NAME in alert and "SOR" in alert and "EAN" in alert, alert
    assert one(driver, "textarea[name=text]", "the text").get_attribute("value") == "Kære læge. Patienten er udskrevet i dag."
    screenshot(driver, "working-group-compose-refused")
    assert expect_json(key_worker.get(path), 200)["items"] == before, "a message refused in the form was stored"


# --- the phone ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", f"?by=municipality&group={COPENHAGEN[0]}&indicator={PLACE_OF_DEATH}"],
                         ids=["default", "copenhagen"])
def test_the_chair_reads_the_indicators_on_a_phone_without_sideways_scrolling(lindring: LindringServer, browsers, query: str):
    phone = browsers(phone=True)
    sign_in(phone, lindring, CHAIR)
    phone.get(lindring.url("/indicators" + query))
    assert_clean_page(phone, "/indicators on a phone")
    one(phone, "section#family-dpd table", "the DPD indicators")
    one(phone, "section#chart svg.chart.indicator", "the chart")
    screenshot(phone, f"working-group-indicators-phone{'-copenhagen' if query else ''}")
    measured = page_overflow(phone, PHONE[0])
    if measured["innerWidth"] != PHONE[0] or measured["scrollWidth"] > measured["innerWidth"] + 1:
        failed_shot(phone, "indicators-phone-scroll")
        pytest.fail(
            f"/indicators{query} scrolls sideways on a {PHONE[0]}-px phone (scrollWidth {measured['scrollWidth']}, "
            f"innerWidth {measured['innerWidth']}); reaching past {PHONE[0]} px: {measured['wide']}"
        )
