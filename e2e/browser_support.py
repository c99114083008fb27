"""Selenium helpers the browser test modules share (no fixtures: those are in conftest.py and
patients_support.py).

A helper that saves a screenshot when something is missing names the file after the test module
that failed: test_screening_browser.py saves `screening-FAILED-<what>.png`, test_long_forms_browser.py
`long-forms-FAILED-<what>.png`, and so on.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SCREENSHOT_DIR, LindringServer
from patients_support import MIDDLE_NAME, PATIENT_NAME, PHONE, SURNAME, password_of

WAIT_SECONDS = 20

CPH = ZoneInfo("Europe/Copenhagen")

# A catalog key shown instead of its text, e.g. "[nav.units]" or "[login.error.invalid]".
UNTRANSLATED_KEY = re.compile(r"\[[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+\]")


# --- failure screenshots ------------------------------------------------------------------------


def screenshot(driver: WebDriver, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")
    driver.save_screenshot(str(SCREENSHOT_DIR / f"{safe}.png"))


def area() -> str:
    """The running test module's name for its screenshots: test_long_forms_browser.py -> long-forms."""
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    stem = Path(current.split("::", 1)[0]).stem if current else ""
    stem = re.sub(r"^test_", "", stem)
    stem = re.sub(r"_browser$", "", stem)
    return stem.replace("_", "-") or "e2e"


def failed_shot(driver: WebDriver, what: str) -> None:
    screenshot(driver, f"{area()}-FAILED-{what}")


# --- the page -----------------------------------------------------------------------------------


def path_of(driver: WebDriver) -> str:
    return urlsplit(driver.current_url).path


def severe_console_entries(driver: WebDriver) -> list[str]:
    """Drains the browser console log and returns the SEVERE entries."""
    return [
        f"{entry.get('source', '?')}: {entry.get('message', '')}"
        for entry in driver.get_log("browser")
        if entry.get("level") == "SEVERE"
    ]


def error_page_status(driver: WebDriver) -> str | None:
    pages = driver.find_elements(By.CSS_SELECTOR, ".error-page")
    if not pages:
        return None
    return pages[0].get_attribute("data-status") or "?"


def untranslated_keys(driver: WebDriver) -> list[str]:
    text = driver.find_element(By.TAG_NAME, "body").text
    return sorted(set(UNTRANSLATED_KEY.findall(text)))


def describe_page(driver: WebDriver) -> str:
    """A one-line account of the page, for failure messages."""
    status = error_page_status(driver)
    errors = [e.text.strip() for e in driver.find_elements(By.CSS_SELECTOR, ".form-error")]
    mains = driver.find_elements(By.CSS_SELECTOR, "main")
    text = re.sub(r"\s+", " ", mains[0].text if mains else driver.find_element(By.TAG_NAME, "body").text)[:300]
    return (
        f"{driver.current_url} (error page: {status or 'no'}; .form-error: {errors or 'none'}; "
        f"text: {text!r})"
    )


def assert_clean_page(driver: WebDriver, where: str, allowed_console: str | None = None) -> None:
    """Not an error page, no console error (except `allowed_console`), no catalog keys shown."""
    status = error_page_status(driver)
    assert status is None, f"{where}: error page {status}: {describe_page(driver)}"
    console = [e for e in severe_console_entries(driver) if not (allowed_console and re.search(allowed_console, e))]
    assert not console, f"{where}: console errors {console}"
    keys = untranslated_keys(driver)
    assert not keys, f"{where}: catalog keys shown instead of text: {keys}"


def one(driver: WebDriver, css: str, what: str) -> WebElement:
    found = driver.find_elements(By.CSS_SELECTOR, css)
    if not found:
        failed_shot(driver, what)
        pytest.fail(f"no {what} ({css}) on {describe_page(driver)}")
    return found[0]


def visible(driver: WebDriver, css: str, what: str, seconds: float = WAIT_SECONDS) -> WebElement:
    try:
        return WebDriverWait(driver, seconds).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))
    except TimeoutException:
        failed_shot(driver, what)
        pytest.fail(f"no visible {what} ({css}) on {describe_page(driver)}")


def text_of(driver: WebDriver, css: str = "main") -> str:
    return one(driver, css, css).text


def cells(row: WebElement) -> list[str]:
    """A table row's header and data cells, as text."""
    return [cell.text.strip() for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]


def follow_up_rows(driver: WebDriver, scope_css: str, text: str) -> list[WebElement]:
    return [row for row in driver.find_elements(By.CSS_SELECTOR, f"{scope_css} table.follow-ups tbody tr") if text in row.text]


def shown(moment: datetime) -> str:
    """How the pages show a time: 24.11.2026 10:00."""
    return moment.astimezone(CPH).strftime("%d.%m.%Y %H:%M")


# --- navigating ---------------------------------------------------------------------------------


def set_date(driver: WebDriver, element: WebElement, day: date) -> None:
    """Fills a date input as the date picker does (typing depends on the browser's locale)."""
    name = element.get_attribute("name") or element.get_attribute("id")
    assert element.get_attribute("type") == "date", f"{name} is not a date input"
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        element, day.isoformat(),
    )
    assert element.get_attribute("value") == day.isoformat(), f"{name} did not take {day.isoformat()}"


def submit_and_wait(driver: WebDriver, button) -> None:
    """Clicks a submit button and waits until the next document has loaded.

    The old document is marked with a window property, which the next one lacks. (Waiting
    for the old <html> to go stale races with chromedriver during navigation: it can answer
    "Node with given id does not belong to the document" instead of "stale element".)
    """
    driver.execute_script(
        "window.__lindringE2eOldPage = true; arguments[0].scrollIntoView({block: 'center'});", button
    )
    button.click()

    def next_document_loaded(d: WebDriver) -> bool:
        try:
            return bool(
                d.execute_script(
                    "return window.__lindringE2eOldPage !== true && document.readyState === 'complete'"
                )
            )
        except WebDriverException:
            return False  # in the middle of navigating

    WebDriverWait(driver, WAIT_SECONDS).until(next_document_loaded)


def click_and_wait(driver: WebDriver, element: WebElement) -> None:
    """Clicks a link or button that loads a new document and waits for it."""
    submit_and_wait(driver, element)


def click(driver: WebDriver, element: WebElement) -> None:
    """Clicks an element after scrolling it to the middle of the window (clear of the sticky save bar)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def mark_document(driver: WebDriver) -> None:
    driver.execute_script("window.__lindringE2eOldPage = true;")


def wait_for_next_document(driver: WebDriver, what: str) -> None:
    def loaded(d: WebDriver) -> bool:
        try:
            return bool(d.execute_script("return window.__lindringE2eOldPage !== true && document.readyState === 'complete'"))
        except WebDriverException:
            return False

    try:
        WebDriverWait(driver, WAIT_SECONDS).until(loaded)
    except TimeoutException:
        failed_shot(driver, what)
        pytest.fail(f"{what}: no new page loaded; still on {describe_page(driver)}")


def ctrl_enter(driver: WebDriver) -> None:
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()


def install_event_source_probe(driver: WebDriver) -> None:
    """Keeps a reference to every EventSource the pages open, to see when one is connected."""
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": (
            "(() => { const Original = window.EventSource; if (!Original) return;"
            " window.__lindringE2eSources = [];"
            " window.EventSource = class extends Original {"
            "   constructor(...args) { super(...args); window.__lindringE2eSources.push(this); } }; })();"
        )},
    )


# --- signing in ---------------------------------------------------------------------------------


def log_in(driver: WebDriver, server: LindringServer, username: str, password: str) -> None:
    driver.get(server.url("/login"))
    form = driver.find_element(By.CSS_SELECTOR, "form#login-form")
    assert (form.get_attribute("method") or "").lower() == "post"
    assert urlsplit(form.get_attribute("action") or "").path == "/login"
    assert form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=csrf]"), (
        "the login form has no hidden csrf field"
    )
    username_field = form.find_element(By.CSS_SELECTOR, "input#username[name=username]")
    password_field = form.find_element(By.CSS_SELECTOR, "input#password[name=password]")
    username_field.clear()
    username_field.send_keys(username)
    password_field.clear()
    password_field.send_keys(password)
    submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button#login-button[type=submit]"))


def sign_in(driver: WebDriver, server: LindringServer, username: str) -> None:
    """Signs a demo user in with the password the server printed; fails the test if it stays on /login."""
    log_in(driver, server, username, password_of(server, username))
    if path_of(driver) == "/login":
        failed_shot(driver, f"login-{username}")
        pytest.fail(f"{username} could not sign in: {describe_page(driver)}")


# --- phones and long forms ----------------------------------------------------------------------


def horizontal_overflow(driver: WebDriver) -> tuple[int, int] | None:
    """(scrollWidth, innerWidth) when the page scrolls sideways, else None."""
    scroll_width, inner_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    return (scroll_width, inner_width) if scroll_width > inner_width else None


def assert_phone_width(driver: WebDriver, where: str) -> None:
    width = driver.execute_script("return window.innerWidth")
    assert width == PHONE[0], f"{where}: the viewport is {width} px wide, not the phone's {PHONE[0]}"
    overflow = horizontal_overflow(driver)
    if overflow:
        failed_shot(driver, f"scroll-{where}")
        wide = driver.execute_script(
            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
            ".slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
        )
        pytest.fail(f"{where}: the page scrolls sideways at {PHONE[0]} px (scrollWidth {overflow[0]}); too wide: {wide}")


def assert_nothing_but_the_first_name(driver: WebDriver, where: str, cpr: str) -> None:
    """The page a patient opens from a self-report link names her by first name only (the
    `patient` fixture's patient), never by CPR number."""
    source = driver.page_source
    for secret in (SURNAME, MIDDLE_NAME, PATIENT_NAME, cpr, cpr.replace("-", ""), cpr[:6]):
        assert secret not in source, f"{where}: the patient's page shows {secret!r}"


DESKTOP_900 = (1366, 900)

# The focused element, whether it is wholly in the window and what is at its centre. Waits two
# frames first: the page may scroll the field into view after the focus moved.
FOCUS_PROBE = """
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => {
  const el = document.activeElement;
  if (!el || el === document.body) { done(null); return; }
  const r = el.getBoundingClientRect();
  const width = document.documentElement.clientWidth, height = document.documentElement.clientHeight;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const form = el.closest("form.long-form-probe");
  done({
    what: el.id ? "#" + el.id : el.tagName.toLowerCase() + (el.name ? "[name=" + el.name + "]" : "") + " " + (el.textContent || "").trim().slice(0, 30),
    name: form ? (el.name || el.id || null) : null,
    inside: r.top >= 0 && r.left >= 0 && r.bottom <= height + 0.5 && r.right <= width + 0.5 && r.width > 0 && r.height > 0,
    uncovered: hit !== null && (hit === el || el.contains(hit)),
    hit: hit ? (hit.id ? "#" + hit.id : hit.tagName.toLowerCase() + "." + hit.className) : null,
    rect: [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)],
    viewport: [width, height],
  });
}));
"""

# Every field of the form a keyboard user must reach (a radio group counts once, by its name).
FIELDS_OF_FORM = """
const form = arguments[0];
form.classList.add("long-form-probe");
const names = new Set();
for (const el of form.querySelectorAll("input, select, textarea, button, a[href]")) {
  if (el.type === "hidden" || el.disabled || el.closest("[hidden]")) continue;
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  names.add(el.name || el.id);
}
return [...names].filter(Boolean);
"""


def open_at(browsers, size: str) -> WebDriver:
    """A browser from the `browsers` fixture: "phone" (390 x 844, touch) or 1366 x 900."""
    if size == "phone":
        return browsers(phone=True)
    driver = browsers(*DESKTOP_900)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": DESKTOP_900[0], "height": DESKTOP_900[1], "deviceScaleFactor": 1, "mobile": False})
    return driver


def tab_through(driver: WebDriver, form_css: str, label: str) -> None:
    """Tabs from the top of the page through all of it; every focus stop must be visible."""
    form = one(driver, form_css, f"{label} form")
    wanted = set(driver.execute_script(FIELDS_OF_FORM, form))
    assert len(wanted) >= 5, f"{label}: the form has only {sorted(wanted)}"
    driver.execute_script("window.scrollTo(0, 0); document.querySelector('.skip-link').focus();")
    reached: set[str] = set()
    hidden: list[str] = []
    first = None
    for _ in range(600):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        probe = driver.execute_async_script(FOCUS_PROBE)
        if probe is None:
            break
        if first is None:
            first = probe["what"]
        elif probe["what"] == first:
            break  # round the page once
        if probe["name"]:
            reached.add(probe["name"])
        if not (probe["inside"] and probe["uncovered"]):
            hidden.append(f"{probe['what']} at {probe['rect']} in {probe['viewport']} (centre shows {probe['hit']})")
            if len(hidden) == 1:
                failed_shot(driver, f"hidden-{label}")
    assert not hidden, f"{label}: {len(hidden)} focused elements were hidden or covered:\n  " + "\n  ".join(hidden)
    missed = wanted - reached
    assert not missed, f"{label}: Tab never reached {sorted(missed)}"
