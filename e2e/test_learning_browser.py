"""Competence development in a real browser (issue 21's acceptance checks so far):

- a home-care nurse (`hjemmepleje`) on a 390-px phone installs nothing, opens module 1 of the
  "tidlig palliation" e-learning, goes offline (the browser's network switched off), reads on,
  marks a section read, answers a case's reflection question, comes back online and finds it
  saved on the server once (the page read again shows the reflection once; the API shows the
  section read);
- a theme afternoon with two places fills up: two nurses hold the places and a third waits;
  the first cancels in the browser, the one who waited gets the place and finds the message on
  her home page.

Its own server (the `lindring` fixture). Screenshots: e2e/screenshots/learning-*.png.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from browser_support import CPH, assert_phone_width, click_and_wait, failed_shot, screenshot, sign_in, visible
from conftest import LindringServer
from patients_support import Api, expect_json

NURSE = "hjemmepleje"
EDUCATOR = "underviser"
COURSE = "Tidlig palliation – e-læring"


@pytest.fixture(scope="module")
def nurse_api(lindring: LindringServer):
    api = Api(lindring, NURSE)
    yield api
    api.close()


@pytest.fixture(scope="module")
def educator_api(lindring: LindringServer):
    api = Api(lindring, EDUCATOR)
    yield api
    api.close()


def offline(driver: WebDriver, off: bool) -> None:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": off, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )


def queued(driver: WebDriver) -> list:
    return driver.execute_script(
        "const root = document.getElementById('module');"
        "return JSON.parse(localStorage.getItem('lindring.learning.queue.' + root.dataset.user) || '[]');"
    )


def wait_until(what: str, condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"waited {seconds} s for {what}")


def test_a_nurse_reads_offline_on_her_phone_and_her_work_reaches_the_server_once(
    lindring: LindringServer, browsers, nurse_api: Api
):
    courses = [o for o in expect_json(nurse_api.get("/learning/offers?format=eLearning"), 200)["items"] if o["title"] == COURSE]
    assert courses, "the shipped e-learning course is not in the catalogue"
    driver = browsers(phone=True)
    sign_in(driver, lindring, NURSE)
    driver.get(lindring.url("/learning"))
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, COURSE))
    modules = driver.find_elements(By.CSS_SELECTOR, "#modules li a")
    assert len(modules) == 5, f"the course page lists {len(modules)} modules"
    click_and_wait(driver, modules[0])
    module_id = driver.find_element(By.ID, "module").get_attribute("data-module")
    # the page is kept for reading offline (the service worker's cache)
    wait_until(
        "the module page in the offline cache",
        lambda: driver.execute_async_script(
            "const done = arguments[0];"
            "caches.open('lindring-learning-v2').then(c => c.match(location.pathname)).then(r => done(!!r)).catch(() => done(false));"
        ),
    )
    assert_phone_width(driver, "the module page")
    screenshot(driver, "learning-module-phone")

    offline(driver, True)
    try:
        # reads on: the first section marked read, then the first case's reflection question answered
        first = driver.find_element(By.CSS_SELECTOR, "#section-0 form.read-form button")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", first)
        first.click()
        case = driver.find_element(By.CSS_SELECTOR, ".module-section.case .reflection")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", case)
        reflection = "Jeg vil spørge Erik og Inger, hvad der er vigtigst for dem nu – og skrive det i planen."
        case.find_element(By.CSS_SELECTOR, "textarea").send_keys(reflection)
        case.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_until("both changes queued on the device", lambda: len(queued(driver)) == 2)
        assert "offline" in driver.find_element(By.ID, "sync-status").text, driver.find_element(By.ID, "sync-status").text
        assert reflection in case.text, "the reflection written offline is not shown under its question"
        state = expect_json(nurse_api.get(f"/learning/modules/{module_id}"), 200)
        assert state["sectionsRead"] == [], f"something reached the server while offline: {state['sectionsRead']}"
        screenshot(driver, "learning-module-offline-phone")
    except Exception:
        failed_shot(driver, "offline")
        raise
    finally:
        offline(driver, False)

    # back online: the queue is sent (on the online event, or the next retry)
    wait_until("the queue sent", lambda: len(queued(driver)) == 0)
    state = expect_json(nurse_api.get(f"/learning/modules/{module_id}"), 200)
    assert state["sectionsRead"] == [0], state["sectionsRead"]
    driver.refresh()
    page = driver.find_element(By.ID, "module").text
    assert page.count(reflection) == 1, f"the reflection is shown {page.count(reflection)} times after syncing"
    assert "1 af" in page, "the page does not count the section read offline"


def test_a_theme_afternoon_fills_up_and_a_cancellation_promotes_the_first_who_waits(
    lindring: LindringServer, browsers, educator_api: Api
):
    offer = expect_json(
        educator_api.post("/learning/offers", {"title": "Temaeftermiddag: lindring af åndenød", "format": "themeAfternoon", "levels": ["basal"]}),
        201,
    )
    starts = (datetime.now(CPH) + timedelta(days=30)).replace(hour=13, minute=0, second=0, microsecond=0)
    session = expect_json(
        educator_api.post(
            f"/learning/offers/{offer['id']}/sessions",
            {"startsAt": starts.isoformat(), "endsAt": (starts + timedelta(hours=3)).isoformat(), "capacity": 2, "place": "Herlev Hospital"},
        ),
        201,
    )
    statuses = []
    for username in ["klinik", NURSE, "raadgiver"]:
        api = Api(lindring, username)
        try:
            statuses.append(expect_json(api.post(f"/learning/sessions/{session['id']}/registrations", {}), 201))
        finally:
            api.close()
    assert [s["status"] for s in statuses] == ["registered", "registered", "waitlisted"]
    assert statuses[2]["position"] == 1

    first = browsers()
    sign_in(first, lindring, "klinik")
    first.get(lindring.url(f"/learning/sessions/{session['id']}"))
    assert "Du har en plads" in first.find_element(By.ID, "my-registration").text
    click_and_wait(first, first.find_element(By.CSS_SELECTOR, "#my-registration button[type=submit]"))
    assert "afmeldt" in first.find_element(By.CSS_SELECTOR, "main").text

    waiting = browsers()
    sign_in(waiting, lindring, "raadgiver")
    waiting.get(lindring.url("/"))
    message = visible(waiting, "#messages", "the message about the place")
    assert "Du har fået plads på Temaeftermiddag: lindring af åndenød" in message.text, message.text
    screenshot(waiting, "learning-promoted-home")
    all_registrations = expect_json(educator_api.get(f"/learning/sessions/{session['id']}"), 200)["registrations"]
    assert sorted(r["status"] for r in all_registrations) == ["registered", "registered"]
