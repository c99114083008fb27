"""Browser smoke test: every demo role can sign in, open every page in its main
navigation without an error page or a console error, and sign out again.

Uses Debian's chromium and chromedriver (/usr/bin/chromium, /usr/bin/chromedriver)
headless through selenium. Screenshots of each role's home page are written to
e2e/screenshots/ for people to look at.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from selenium.common.exceptions import NoSuchElementException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from patients_support import new_chrome
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROLES, SCREENSHOT_DIR, LindringServer

WAIT_SECONDS = 20

# A catalog key shown instead of its text, e.g. "[nav.units]" or "[login.error.invalid]".
UNTRANSLATED_KEY = re.compile(r"\[[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+\]")


@pytest.fixture
def browser() -> WebDriver:
    driver = new_chrome()
    try:
        yield driver
    finally:
        driver.quit()


# --- helpers -----------------------------------------------------------------


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


def html_lang(driver: WebDriver) -> str:
    return (driver.find_element(By.TAG_NAME, "html").get_attribute("lang") or "").strip()


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


def untranslated_keys(driver: WebDriver) -> list[str]:
    text = driver.find_element(By.TAG_NAME, "body").text
    return sorted(set(UNTRANSLATED_KEY.findall(text)))


def page_problems(driver: WebDriver) -> list[str]:
    """What is wrong with the signed-in page the browser shows (drains the console log)."""
    found = []
    status = error_page_status(driver)
    if status is not None:
        found.append(f"error page (data-status={status})")
    if not driver.find_elements(By.CSS_SELECTOR, "nav#main-nav"):
        found.append("no nav#main-nav")
    if not html_lang(driver):
        found.append("no <html lang>")
    keys = untranslated_keys(driver)
    if keys:
        found.append(f"catalog keys shown instead of text {keys}")
    console = severe_console_entries(driver)
    if console:
        found.append(f"console errors {console}")
    return found


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


def screenshot(driver: WebDriver, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")
    driver.save_screenshot(str(SCREENSHOT_DIR / f"{safe}.png"))


# --- tests -------------------------------------------------------------------


def test_server_printed_a_demo_user_for_every_role(lindring: LindringServer):
    missing = [role for role in ROLES if role not in lindring.users]
    assert not missing, f"no demo user printed for roles {missing}; got {lindring.users.keys()}"


@pytest.mark.parametrize("role", ROLES)
def test_role_can_sign_in_browse_navigation_and_sign_out(
    lindring: LindringServer, browser: WebDriver, role: str
):
    username, password = lindring.user(role)

    # given a signed-out browser, when the role signs in
    log_in(browser, lindring, username, password)

    # then it lands on a signed-in page
    if path_of(browser) == "/login":
        screenshot(browser, f"{role}-FAILED-login")
        pytest.fail(
            f"{role} ({username}) is still on /login after signing in: {describe_page(browser)}; "
            f"console: {severe_console_entries(browser)}"
        )
    screenshot(browser, f"{role}-home")
    home = browser.current_url
    assert error_page_status(browser) is None, f"{role}'s home page is an error page: {describe_page(browser)}"
    try:
        nav = browser.find_element(By.CSS_SELECTOR, "nav#main-nav")
    except NoSuchElementException:
        pytest.fail(f"{role}'s home page has no nav#main-nav: {describe_page(browser)}")
    problems: list[str] = []
    home_problems = page_problems(browser)
    if home_problems:
        problems.append(f"{home} (home): {'; '.join(home_problems)}")

    # and its navigation links stay on this site
    hrefs: list[str] = []
    for anchor in nav.find_elements(By.TAG_NAME, "a"):
        raw = anchor.get_attribute("href")  # resolved to an absolute URL by the browser
        if not raw:
            continue
        absolute = urljoin(home, raw)
        if absolute not in hrefs:
            hrefs.append(absolute)
    assert hrefs, f"{role}: nav#main-nav has no links"
    origin = urlsplit(lindring.base_url)
    foreign = [h for h in hrefs if urlsplit(h)[:2] != origin[:2]]
    assert not foreign, f"{role}: main navigation links off-site: {foreign}"

    # when it opens every page in its navigation
    for href in hrefs:
        if urlsplit(href).path in ("/logout",) or href == home:
            continue  # the home page was checked above
        browser.get(href)
        here = browser.current_url
        found = page_problems(browser)
        if path_of(browser) == "/login":
            found.insert(0, "was sent back to /login")
        if found:
            screenshot(browser, f"{role}-FAILED-{urlsplit(href).path}")
            shown = href if here == href else f"{href} (landed on {here})"
            problems.append(f"{shown}: {'; '.join(found)}")

    # when it signs out (checked even when a page was broken, so one run reports both)
    try:
        sign_out_and_check(browser, lindring)
    except AssertionError as error:
        problems.append(f"sign-out: {error}")

    # then no page was broken and signing out worked
    assert not problems, f"{role} ({username}):\n  " + "\n  ".join(problems)


def sign_out_and_check(browser: WebDriver, lindring: LindringServer) -> None:
    buttons = browser.find_elements(By.CSS_SELECTOR, "form#logout-form button#logout-button")
    assert buttons, f"no form#logout-form button#logout-button on {browser.current_url}"
    logout_form = browser.find_element(By.CSS_SELECTOR, "form#logout-form")
    assert (logout_form.get_attribute("method") or "").lower() == "post", "form#logout-form is not method=post"
    assert urlsplit(logout_form.get_attribute("action") or "").path == "/logout", "form#logout-form does not post to /logout"
    submit_and_wait(browser, buttons[0])

    # then it is on the login page, and the home page sends it back there
    assert path_of(browser) == "/login", f"after logout the browser is on {describe_page(browser)}"
    assert error_page_status(browser) is None, f"logout ended on an error page: {describe_page(browser)}"
    browser.get(lindring.url("/"))
    assert path_of(browser) == "/login", (
        f"after logout, / did not redirect to /login but showed {browser.current_url}"
    )
    assert not browser.find_elements(By.CSS_SELECTOR, "nav#main-nav"), (
        "the login page after logout still shows the signed-in navigation"
    )
    leftover = severe_console_entries(browser)
    assert not leftover, f"console errors around logout: {leftover}"


def test_wrong_password_shows_form_error(lindring: LindringServer, browser: WebDriver):
    # given a real user name, when the password is wrong
    username, _ = lindring.user("clinician")
    log_in(browser, lindring, username, "definitely-not-the-password")

    # then the login form comes back with an error message and no session
    assert path_of(browser) == "/login", f"a wrong password led to {describe_page(browser)}"
    try:
        message = WebDriverWait(browser, WAIT_SECONDS).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, ".form-error"))
        )
    except TimeoutException:
        screenshot(browser, "login-wrong-password-FAILED")
        pytest.fail(f"a wrong password showed no visible .form-error: {describe_page(browser)}")
    assert message.text.strip(), ".form-error is empty"
    missing_texts = untranslated_keys(browser)
    assert not missing_texts, f"the login page shows catalog keys instead of text: {missing_texts}"
    assert (message.get_attribute("role") or "") == "alert", ".form-error lacks role=alert"
    assert browser.find_elements(By.CSS_SELECTOR, "form#login-form"), "the login form is gone"
    assert not browser.find_elements(By.CSS_SELECTOR, "nav#main-nav")
    screenshot(browser, "login-wrong-password")
    # The document itself answers 401 (or 429/403), which Chromium reports as a
    # failed resource load; anything else on the console is a real error.
    console = [
        entry
        for entry in severe_console_entries(browser)
        if not re.search(r"/login - Failed to load resource: the server responded with a status of (401|403|429)", entry)
    ]
    assert not console, f"console errors on the failed login page: {console}"
    browser.get(lindring.url("/"))
    assert path_of(browser) == "/login", "a failed login must not sign the browser in"
