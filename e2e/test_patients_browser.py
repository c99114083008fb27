"""The shared palliative plan in the browser: a home-care nurse finds a patient and
changes the plan, the key worker's unit sees the change in its inbox, a clinician of
another unit is refused and breaks the glass (which the auditor sees), two colleagues
save the same plan at once, and hostile text stays text.

One server for this module (the `lindring` fixture); the tests run in file order and
the inbox test reads the change the first test made. Demo patients are picked from the
server's SQLite database by their care team. Screenshots go to e2e/screenshots/patients-*.png.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import quote, urlsplit

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from browser_support import (
    click_and_wait,
    describe_page,
    error_page_status,
    one,
    path_of,
    screenshot,
    severe_console_entries,
    sign_in,
    untranslated_keys,
    visible,
)
from conftest import SCREENSHOT_DIR, LindringServer
from patients_support import (
    AUDITOR,
    HOME_CARE_UNIT,
    KEY_WORKER,
    NURSE,
    PHONE,
    Api,
    Db,
    DemoPatient,
    expect_json,
    fresh_cpr,
)

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_TEXT = "<img src=x onerror=alert(2)> \"quoted\" & 'single' </textarea><b>bold</b>"

# What one test leaves for a later one (the tests of this module run in file order).
STATE: dict[str, object] = {}


# --- fixtures ------------------------------------------------------------------------


# --- helpers -------------------------------------------------------------------------


def main_text(driver: WebDriver) -> str:
    mains = driver.find_elements(By.CSS_SELECTOR, "main")
    return mains[0].text if mains else driver.find_element(By.TAG_NAME, "body").text


def assert_clean_page(driver: WebDriver, where: str, allowed_console: str | None = None) -> None:
    """No alert dialog, no console error (except `allowed_console`), no catalog keys shown.

    Not browser_support's: this one also fails on a JavaScript alert (hostile text run as
    script) and does not look for an error page."""
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        pytest.fail(f"{where}: a JavaScript alert opened ({text!r}): text was run as script")
    except NoAlertPresentException:
        pass
    console = [
        entry
        for entry in severe_console_entries(driver)
        if not (allowed_console and re.search(allowed_console, entry))
    ]
    assert not console, f"{where}: console errors {console}"
    keys = untranslated_keys(driver)
    assert not keys, f"{where}: catalog keys shown instead of text: {keys}"


def field_value(driver: WebDriver, css: str) -> str:
    return one(driver, css, css).get_attribute("value") or ""


def set_text(driver: WebDriver, css: str, text: str) -> None:
    element = one(driver, css, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.clear()
    element.send_keys(text)


def choose(driver: WebDriver, css: str, value: str) -> None:
    element = one(driver, css, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    Select(element).select_by_value(value)


def other_place(current: str) -> str:
    return "hospice" if current != "hospice" else "home"


def save_plan(driver: WebDriver) -> None:
    click_and_wait(driver, one(driver, "main form .actions button[type=submit]", "save button"))


def open_plan_form(driver: WebDriver, server: LindringServer, patient: DemoPatient) -> None:
    driver.get(server.url(f"/patients/{patient.id}/plan/edit"))
    assert error_page_status(driver) is None, f"the plan form is an error page: {describe_page(driver)}"
    one(driver, "form input[type=hidden][name=baseVersion]", "hidden baseVersion")


def horizontal_overflow(driver: WebDriver) -> int:
    """How many CSS pixels the page is wider than the window (0 = no sideways scrolling)."""
    return int(
        driver.execute_script(
            "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - document.documentElement.clientWidth"
        )
    )


def full_page_screenshot(driver: WebDriver, name: str) -> None:
    """The whole page, not only the window (Chromium's DevTools capture)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (SCREENSHOT_DIR / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def search_in_browser(driver: WebDriver, server: LindringServer, term: str, patient: DemoPatient) -> list:
    """Types `term` into the patient search and returns the result links to `patient`."""
    driver.get(server.url("/patients"))
    search = one(driver, "input#q[name=q]", "search field")
    search.clear()
    search.send_keys(term)
    click_and_wait(driver, one(driver, "form[role=search] button[type=submit]", "search button"))
    links = [
        a
        for a in driver.find_elements(By.CSS_SELECTOR, "a[href^='/patients/']")
        if urlsplit(a.get_attribute("href") or "").path == f"/patients/{patient.id}"
    ]
    if not links:
        screenshot(driver, "patients-FAILED-search")
        pytest.fail(
            f"searching {term!r} did not list {patient.name} ({patient.id}); the search field now holds "
            f"{field_value(driver, 'input#q')!r}: {describe_page(driver)}"
        )
    return links


def nav_inbox_label(driver: WebDriver) -> str:
    links = driver.find_elements(By.CSS_SELECTOR, "nav#main-nav a[href='/inbox']")
    assert links, f"no inbox link in nav#main-nav: {describe_page(driver)}"
    return links[0].text.strip()


def unread_count(label: str) -> int:
    match = re.search(r"\((\d+)\)", label)
    return int(match.group(1)) if match else 0


# --- tests ---------------------------------------------------------------------------


def test_home_care_nurse_finds_patient_and_changes_the_plan(
    lindring: LindringServer, browsers, shared_patients: list[DemoPatient], db: Db
):
    patient = shared_patients[0]
    assert db.name_count(patient.name) == 1, f"no demo patient with a unique name among {shared_patients[:5]}"
    browser = browsers()

    # given the home-care nurse is signed in
    sign_in(browser, lindring, NURSE)
    who = browser.find_elements(By.CSS_SELECTOR, ".who")
    author = who[0].text.split("·")[0].strip() if who else ""

    # when she searches for part of the patient's surname (one word: searching for
    # several words has its own test below)
    term = patient.name.split()[-1][:-1].lower()  # "eksempelse" for "Egon Eksempelsen"
    links = search_in_browser(browser, lindring, term, patient)

    # then the patient is among the results, linked to the summary
    assert links[0].text.strip() == patient.name
    assert patient.cpr not in browser.page_source, "the result list shows the full CPR number"
    assert_clean_page(browser, "search results")
    screenshot(browser, "patients-search-results")

    # when she opens the summary
    click_and_wait(browser, links[0])
    assert path_of(browser) == f"/patients/{patient.id}", describe_page(browser)
    assert one(browser, "main h1", "h1").text.strip() == patient.name
    assert_clean_page(browser, "summary")
    screenshot(browser, "patients-summary-before-edit")

    # and the plan form through "Redigér plan"
    edit = one(browser, f"a[href='/patients/{patient.id}/plan/edit']", "Redigér plan link")
    click_and_wait(browser, edit)
    base_version = int(field_value(browser, "input[name=baseVersion]"))
    place = other_place(field_value(browser, "select[name=preferredPlaceOfDeath]"))
    matters = "At kunne se havet fra stuen – og at Æbleskiver-Åse kommer på besøg"
    choose(browser, "select[name=preferredPlaceOfDeath]", place)
    set_text(browser, "textarea[name=whatMattersMost]", matters)
    place_label = Select(one(browser, "select[name=preferredPlaceOfDeath]", "place select")).first_selected_option.text
    assert_clean_page(browser, "plan form")
    screenshot(browser, "patients-plan-form")
    full_page_screenshot(browser, "patients-plan-form-full")
    save_plan(browser)

    # then she is back on the summary with a notice and the new values
    assert path_of(browser) == f"/patients/{patient.id}", f"after saving: {describe_page(browser)}"
    notice = visible(browser, ".notice", "notice after saving")
    assert (notice.get_attribute("role") or "") == "status", ".notice after saving lacks role=status"
    text = main_text(browser)
    assert matters in text, f"the summary does not show the new 'what matters most': {text[:800]!r}"
    assert place_label in text, f"the summary does not show the new place of death {place_label!r}"
    assert_clean_page(browser, "summary after saving")
    screenshot(browser, "patients-summary")
    full_page_screenshot(browser, "patients-summary-full")

    # and the history lists the new version on top of the earlier ones
    click_and_wait(browser, one(browser, f"a[href='/patients/{patient.id}/plan/versions']", "versions link"))
    items = browser.find_elements(By.CSS_SELECTOR, "ol.versions > li")
    assert len(items) >= 2, f"the history lists {len(items)} versions: {describe_page(browser)}"
    newest = items[0].text
    assert f"{base_version + 1}" in newest, f"the newest version is not {base_version + 1}: {newest!r}"
    if author:
        assert author in newest, f"the newest version does not name {author!r}: {newest!r}"
    assert_clean_page(browser, "versions")
    screenshot(browser, "patients-versions")

    STATE["edited"] = {"patient": patient, "author": author, "place_label": place_label, "matters": matters}


@pytest.mark.parametrize("how", ["full name", "part of first and last name"])
def test_search_by_several_words_of_the_name(
    lindring: LindringServer, browsers, shared_patients: list[DemoPatient], how: str
):
    # A browser sends the search form's spaces as "+" (application/x-www-form-urlencoded).
    patient = shared_patients[0]
    term = patient.name if how == "full name" else patient.name[1:-2].lower()  # "gon eksempelse"
    browser = browsers()
    sign_in(browser, lindring, NURSE)
    links = search_in_browser(browser, lindring, term, patient)
    assert links[0].text.strip() == patient.name
    assert field_value(browser, "input#q") == term, "the search field does not show what was searched for"


def test_key_workers_unit_sees_the_change_in_its_inbox(lindring: LindringServer, browsers):
    edited = STATE.get("edited")
    if not edited:
        pytest.fail("needs the change made by test_home_care_nurse_finds_patient_and_changes_the_plan, which failed")
    patient: DemoPatient = edited["patient"]  # type: ignore[assignment]
    browser = browsers()

    # given the key worker's palliative team is on the patient's care team, when she signs in
    sign_in(browser, lindring, KEY_WORKER)

    # then the navigation shows unread inbox items
    label = nav_inbox_label(browser)
    count = unread_count(label)
    assert count >= 1, f"after a colleague changed a plan, {KEY_WORKER}'s nav shows {label!r}"

    # and the inbox shows the change: patient, author and changed fields
    click_and_wait(browser, one(browser, "nav#main-nav a[href='/inbox']", "inbox link"))
    items = [
        li
        for li in browser.find_elements(By.CSS_SELECTOR, "ul.inbox > li")
        if li.find_elements(By.CSS_SELECTOR, f"a[href='/patients/{patient.id}']")
    ]
    assert items, f"/inbox has no item for {patient.name}: {describe_page(browser)}"
    item = items[0]
    assert "unread" in (item.get_attribute("class") or "").split(), "the new inbox item is not marked unread"
    text = item.text
    if edited["author"]:
        assert edited["author"] in text, f"the inbox item does not name the author {edited['author']!r}: {text!r}"
    assert edited["place_label"] in text, f"the inbox item does not show the new place of death: {text!r}"
    assert_clean_page(browser, "inbox")
    screenshot(browser, "patients-inbox")

    # when she marks the patient's changes read (the inbox shows one entry per patient, with its
    # unread count), then the count goes down by that many and the item is no longer unread
    heading = item.find_element(By.CSS_SELECTOR, ".inbox-patient-heading").text
    match = re.search(r"(\d+) ulæste", heading)
    assert match, f"the patient's inbox entry does not say how many are unread: {heading!r}"
    unread_for_patient = int(match.group(1))
    buttons = item.find_elements(By.CSS_SELECTOR, ".inbox-patient-heading form button[type=submit]")
    assert buttons, f"the inbox item has no 'mark as read' button: {text!r}"
    click_and_wait(browser, buttons[0])
    after = unread_count(nav_inbox_label(browser))
    assert after == count - unread_for_patient, (
        f"after marking the patient's {unread_for_patient} changes read the nav count went from {count} to {after}"
    )
    still_unread = [
        li
        for li in browser.find_elements(By.CSS_SELECTOR, "ul.inbox > li.unread")
        if li.find_elements(By.CSS_SELECTOR, f"a[href='/patients/{patient.id}']")
        and edited["place_label"] in li.text
        and edited["author"] in li.text
    ]
    assert not still_unread, "the item marked as read is still shown as unread"


def test_other_unit_is_refused_breaks_the_glass_and_auditor_sees_the_reason(
    lindring: LindringServer, browsers, outside_patient: DemoPatient
):
    patient = outside_patient
    browser = browsers()
    sign_in(browser, lindring, NURSE)

    # when the nurse searches for the exact CPR number of a patient outside her unit's care (the
    # form sends it by POST, so the number stays out of the address and the history)
    browser.get(lindring.url("/patients"))
    search = one(browser, "input#q[name=q]", "search field")
    search.send_keys(patient.cpr_dashed)
    click_and_wait(browser, one(browser, "form[role=search] button[type=submit]", "search button"))
    assert patient.cpr_dashed not in browser.current_url and patient.cpr not in browser.current_url, browser.current_url
    warning = visible(browser, ".notice.warning", "warning that the patient exists but is not visible")
    glass_links = warning.find_elements(By.CSS_SELECTOR, f"a[href='/patients/{patient.id}/break-glass']")
    assert glass_links, f"the warning has no break-glass link: {warning.text!r}"
    assert patient.name not in browser.page_source, "the search shows the name of a patient the user may not see"
    assert not browser.find_elements(By.CSS_SELECTOR, f"table a[href='/patients/{patient.id}']"), (
        "the result table links a patient the user may not see"
    )
    assert_clean_page(browser, "search by CPR of a refused patient")
    screenshot(browser, "patients-search-refused")

    # when she opens the summary directly, then she is refused with a way to break the glass
    browser.get(lindring.url(f"/patients/{patient.id}"))
    refused = one(browser, "main.error-page", "error page")
    assert refused.get_attribute("data-status") == "403", f"expected a 403 page: {describe_page(browser)}"
    assert patient.name not in browser.page_source, "the 403 page shows the patient's name"
    assert patient.cpr not in browser.page_source and patient.cpr_dashed not in browser.page_source
    link = one(browser, f"main.error-page a[href='/patients/{patient.id}/break-glass']", "break-glass link")
    assert_clean_page(browser, "403 page", allowed_console=r"status of 403")
    screenshot(browser, "patients-refused-403")

    # when she breaks the glass with too short a reason, then the form says so and keeps it
    click_and_wait(browser, link)
    assert path_of(browser) == f"/patients/{patient.id}/break-glass", describe_page(browser)
    set_text(browser, "textarea[name=reason]", "kort")
    click_and_wait(browser, one(browser, "main form button[type=submit]", "break-glass button"))
    visible(browser, ".form-error", "error for a too short reason")
    assert field_value(browser, "textarea[name=reason]") == "kort", "the reason typed was not kept"
    assert_clean_page(browser, "break-glass form with error", allowed_console=r"status of 422")
    screenshot(browser, "patients-break-glass-error")

    # and with a real reason, then she reads the summary
    reason = "Akut tilkaldt om natten, patienten er bevidstløs – e2e"
    set_text(browser, "textarea[name=reason]", reason)
    click_and_wait(browser, one(browser, "main form button[type=submit]", "break-glass button"))
    assert path_of(browser) == f"/patients/{patient.id}", f"after breaking the glass: {describe_page(browser)}"
    assert error_page_status(browser) is None, describe_page(browser)
    assert one(browser, "main h1", "h1").text.strip() == patient.name
    assert_clean_page(browser, "summary after breaking the glass")
    screenshot(browser, "patients-after-break-glass")

    # then the auditor sees the reason among the break-glass accesses
    auditor = browsers()
    sign_in(auditor, lindring, AUDITOR)
    auditor.get(lindring.url("/audit/break-glass"))
    assert error_page_status(auditor) is None, describe_page(auditor)
    rows = [row for row in auditor.find_elements(By.CSS_SELECTOR, "li.grant") if reason in row.text]
    assert rows, f"/audit/break-glass does not show the reason {reason!r}: {describe_page(auditor)}"
    assert NURSE in rows[0].text, f"the break-glass row does not name {NURSE}: {rows[0].text!r}"
    assert_clean_page(auditor, "audit/break-glass")
    screenshot(auditor, "patients-audit-break-glass")

    # and the patient's access log shows her refused and her allowed look-ups
    auditor.get(lindring.url(f"/patients/{patient.id}/access-log"))
    assert error_page_status(auditor) is None, describe_page(auditor)
    mine = [row for row in auditor.find_elements(By.CSS_SELECTOR, "table tbody tr") if NURSE in row.text]
    denied = [row for row in mine if "denied" in (row.get_attribute("class") or "").split()]
    allowed = [row for row in mine if "denied" not in (row.get_attribute("class") or "").split()]
    assert denied, f"the access log shows no refused look-up by {NURSE}: {describe_page(auditor)}"
    assert allowed, f"the access log shows no look-up by {NURSE} after breaking the glass: {describe_page(auditor)}"
    assert_clean_page(auditor, "access log")
    screenshot(auditor, "patients-access-log")


def test_second_save_of_the_same_plan_shows_a_conflict_and_keeps_the_input(
    lindring: LindringServer, browsers, shared_patients: list[DemoPatient]
):
    patient = shared_patients[1]
    first = browsers()
    second = browsers()
    sign_in(first, lindring, KEY_WORKER)
    sign_in(second, lindring, NURSE)
    first_author = first.find_element(By.CSS_SELECTOR, ".who").text.split("·")[0].strip()

    # given both colleagues have the same plan form open
    open_plan_form(first, lindring, patient)
    open_plan_form(second, lindring, patient)
    base = field_value(second, "input[name=baseVersion]")
    assert field_value(first, "input[name=baseVersion]") == base
    original_place = field_value(first, "select[name=preferredPlaceOfDeath]")

    # and the second has typed her own text
    own_text = "Vil gerne have sin hund hos sig – skrevet af nattevagten"
    own_with = "Datteren Maja, telefonisk"
    set_text(second, "textarea[name=whatMattersMost]", own_text)
    set_text(second, "input[name=wishesDiscussedWith]", own_with)

    # when the first saves a change of the preferred place of death
    new_place = other_place(original_place)
    choose(first, "select[name=preferredPlaceOfDeath]", new_place)
    new_place_label = Select(one(first, "select[name=preferredPlaceOfDeath]", "place")).first_selected_option.text
    save_plan(first)
    assert path_of(first) == f"/patients/{patient.id}", f"the first save failed: {describe_page(first)}"
    visible(first, ".notice", "notice after the first save")

    # and then the second saves
    save_plan(second)

    # then the second gets the form back with a conflict box naming the colleague's change,
    # in view without scrolling
    conflict = visible(second, ".conflict", "conflict box")
    screenshot(second, "patients-conflict-as-loaded")
    top = second.execute_script("return arguments[0].getBoundingClientRect().top", conflict)
    height = second.execute_script("return window.innerHeight")
    assert 0 <= top < height, f"the conflict box is not in view when the form comes back (top {top}px of {height}px)"
    assert (conflict.get_attribute("role") or "") == "alert", ".conflict lacks role=alert"
    assert first_author in conflict.text, f"the conflict box does not name {first_author!r}: {conflict.text!r}"
    assert "dødssted" in conflict.text.lower() or new_place_label in conflict.text, (
        f"the conflict box does not show the colleague's change of place of death: {conflict.text!r}"
    )
    # and her own input is still in the form
    assert field_value(second, "textarea[name=whatMattersMost]") == own_text, "the typed text was lost"
    assert field_value(second, "input[name=wishesDiscussedWith]") == own_with, "the typed text was lost"
    assert int(field_value(second, "input[name=baseVersion]")) == int(base) + 1, (
        "after the conflict the form should be based on the colleague's version, so that saving again works"
    )
    assert_clean_page(second, "conflict form", allowed_console=r"status of 409")
    conflict_shot = second.execute_script("return arguments[0].getBoundingClientRect().top + window.scrollY", conflict)
    second.execute_script("window.scrollTo(0, arguments[0] - 20)", conflict_shot)
    screenshot(second, "patients-conflict")
    full_page_screenshot(second, "patients-conflict-full")

    # when she saves again, then her text is saved and the colleague's change is not undone
    save_plan(second)
    assert path_of(second) == f"/patients/{patient.id}", f"saving after the conflict failed: {describe_page(second)}"
    text = main_text(second)
    assert own_text in text, "the second save did not keep her text"
    assert new_place_label in text, (
        f"saving after the conflict undid the colleague's change of the preferred place of death "
        f"({new_place_label!r} is gone from the summary) although she never touched that field"
    )


def test_hostile_text_is_shown_as_text(lindring: LindringServer, browsers, db: Db):
    # given a patient whose name and plan text are HTML (registered through the API)
    api = Api(lindring, NURSE)
    try:
        created = expect_json(
            api.post(
                "/patients",
                {"cpr": fresh_cpr(db), "name": HOSTILE_NAME, "diagnosisGroup": "other", "sharingConsent": "given"},
            ),
            201,
        )
        home_care = db.unit_id(HOME_CARE_UNIT)
        expect_json(
            api.post(
                f"/patients/{created['id']}/plan",
                {"careTeam": [{"role": "keyWorker", "unitId": home_care}], "whatMattersMost": HOSTILE_TEXT},
            ),
            201,
        )
    finally:
        api.close()
    patient_id = created["id"]

    browser = browsers()
    sign_in(browser, lindring, NURSE)

    # when the nurse searches for it
    browser.get(lindring.url("/patients?q=script"))
    assert_clean_page(browser, "search results with a hostile name")
    links = [
        a
        for a in browser.find_elements(By.CSS_SELECTOR, "a[href^='/patients/']")
        if urlsplit(a.get_attribute("href") or "").path == f"/patients/{patient_id}"
    ]
    assert links, f"searching 'script' does not list the patient: {describe_page(browser)}"
    # then the name is shown as the text typed, not run or rendered
    assert links[0].text == HOSTILE_NAME, f"the result shows {links[0].text!r}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in browser.page_source
    assert not browser.find_elements(By.CSS_SELECTOR, "main script"), "a <script> element was injected into <main>"
    screenshot(browser, "patients-hostile-search")

    # and on the summary: heading, title and the plan's text
    click_and_wait(browser, links[0])
    assert_clean_page(browser, "summary of a hostile name")
    assert one(browser, "main h1", "h1").text == HOSTILE_NAME
    assert HOSTILE_NAME in browser.title, f"<title> is {browser.title!r}"
    assert HOSTILE_TEXT in main_text(browser), "the plan's text is not shown as typed"
    assert not browser.find_elements(By.CSS_SELECTOR, "main script, main img[src='x'], main b"), (
        "text from the database became markup on the summary"
    )
    screenshot(browser, "patients-hostile-summary")

    # and in the plan form the text sits unchanged in its textarea
    browser.get(lindring.url(f"/patients/{patient_id}/plan/edit"))
    assert_clean_page(browser, "plan form with hostile text")
    assert field_value(browser, "textarea[name=whatMattersMost]") == HOSTILE_TEXT
    assert not browser.find_elements(By.CSS_SELECTOR, "main b"), "text from the database became markup in the form"


def test_summary_plan_form_and_inbox_fit_a_phone(
    lindring: LindringServer, browsers, shared_patients: list[DemoPatient]
):
    patient = shared_patients[0]
    phone = browsers(*PHONE)
    phone.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 2, "mobile": True},
    )
    sign_in(phone, lindring, NURSE)
    problems = []
    for path, name in [
        (f"/patients/{patient.id}", "patients-summary-phone"),
        (f"/patients/{patient.id}/plan/edit", "patients-plan-form-phone"),
        ("/patients?q=" + quote(patient.name.split()[0]), "patients-search-phone"),
        ("/inbox", "patients-inbox-phone"),
    ]:
        phone.get(lindring.url(path))
        assert error_page_status(phone) is None, describe_page(phone)
        assert_clean_page(phone, f"{path} on a phone")
        screenshot(phone, name)
        overflow = horizontal_overflow(phone)
        if overflow > 0:
            problems.append(f"{path} is {overflow}px wider than a {PHONE[0]}px phone (sideways scrolling)")
    phone.get(lindring.url(f"/patients/{patient.id}"))
    full_page_screenshot(phone, "patients-summary-phone-full")
    team = phone.find_elements(By.CSS_SELECTOR, "main .table-wrap")
    if team:
        phone.execute_script("arguments[0].scrollIntoView({block: 'start'});", team[0])
        screenshot(phone, "patients-summary-phone-care-team")
    assert not problems, "\n".join(problems)
