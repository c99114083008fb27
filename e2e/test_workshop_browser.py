"""A workshop in a real browser (issue 21's check "a facilitator runs a workshop with three
participants"), with attendance and certificates:

- the educator (`underviser`) opens a group on today's workshop session for a case of the
  e-learning and reads the code off the page;
- three participants join with the code on their own devices (one on a 390-px phone, one typing
  the code in lower case), one shares a reflection, the others see it, a colleague outside the
  group is refused;
- the educator closes the group: all three are recorded present, and the phone list of
  attendance shows them ticked;
- a participant finds her certificate, which anyone can check by its code without signing in,
  and evaluates the workshop.

Its own server (the `lindring` fixture). Screenshots: e2e/screenshots/workshop-*.png.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import (
    CPH,
    assert_phone_width,
    click_and_wait,
    describe_page,
    error_page_status,
    screenshot,
    sign_in,
    visible,
)
from conftest import LindringServer
from patients_support import Api, expect_json

EDUCATOR = "underviser"
PARTICIPANTS = ["klinik", "hjemmepleje", "raadgiver"]


@pytest.fixture(scope="module")
def educator_api(lindring: LindringServer):
    api = Api(lindring, EDUCATOR)
    yield api
    api.close()


def test_a_facilitator_runs_a_workshop_with_three_participants(lindring: LindringServer, browsers, educator_api: Api):
    offer = expect_json(
        educator_api.post(
            "/learning/offers",
            {"title": "Workshop: Erik og den tunge luft", "format": "workshop", "levels": ["basal"], "competencies": [1, 8], "validityMonths": 24},
        ),
        201,
    )
    # today's session, begun half an hour ago
    starts = datetime.now(CPH) - timedelta(minutes=30)
    session = expect_json(
        educator_api.post(
            f"/learning/offers/{offer['id']}/sessions",
            {"startsAt": starts.isoformat(), "endsAt": (starts + timedelta(hours=3)).isoformat(), "capacity": 12, "place": "Bispebjerg, lokale 4"},
        ),
        201,
    )
    # one participant registered beforehand; the other two come without registering
    klinik = Api(lindring, "klinik")
    try:
        expect_json(klinik.post(f"/learning/sessions/{session['id']}/registrations", {}), 201)
    finally:
        klinik.close()

    facilitator = browsers()
    sign_in(facilitator, lindring, EDUCATOR)
    facilitator.get(lindring.url(f"/learning/sessions/{session['id']}"))
    case = Select(facilitator.find_element(By.ID, "caseId"))
    assert len(case.options) > 5, "the session page offers no cases from the e-learning"
    case.select_by_index(1)
    click_and_wait(facilitator, facilitator.find_element(By.CSS_SELECTOR, "#groups form button[type=submit]"))
    code = visible(facilitator, "#group-code", "the group's code").text
    assert re.fullmatch(r"[A-Z2-9]{6}", code), code
    group_path = facilitator.current_url.split(lindring.url(""))[-1]
    screenshot(facilitator, "workshop-facilitator")

    devices = []
    for index, username in enumerate(PARTICIPANTS):
        driver = browsers(phone=True) if index == 1 else browsers()
        sign_in(driver, lindring, username)
        driver.get(lindring.url("/learning"))
        click_and_wait(driver, driver.find_element(By.ID, "join-group"))
        field = driver.find_element(By.ID, "code")
        field.send_keys(code.lower() if index == 2 else code)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
        assert group_path in driver.current_url, f"{username} did not reach the group: {driver.current_url}"
        devices.append(driver)
    phone = devices[1]
    assert_phone_width(phone, "the group page")
    screenshot(phone, "workshop-group-phone")

    # hjemmepleje shares a reflection on the first question; the others see it
    reflection = "Han sover i stolen og kan ikke få luft liggende – vi spørger ind til natten."
    textarea = phone.find_element(By.ID, "text-0")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'});", textarea)
    textarea.send_keys(reflection)
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "#question-0 button[type=submit]"))
    devices[0].refresh()
    assert reflection in devices[0].find_element(By.ID, "question-0").text, "the reflection is not shared in the group"

    # a colleague outside the group sees nothing of it
    outsider = browsers()
    sign_in(outsider, lindring, "socialraadgiver")
    outsider.get(lindring.url(group_path))
    assert error_page_status(outsider) == "403", describe_page(outsider)
    assert reflection not in outsider.page_source

    # the facilitator closes the group: all three are present
    facilitator.refresh()
    click_and_wait(facilitator, facilitator.find_element(By.CSS_SELECTOR, "#close-group button[type=submit]"))
    assert "Fremmøde er registreret for 3 deltagere" in facilitator.find_element(By.CSS_SELECTOR, "main").text
    registrations = expect_json(educator_api.get(f"/learning/sessions/{session['id']}"), 200)["registrations"]
    assert len(registrations) == 3 and all(r["attendedAt"] for r in registrations), registrations

    # the phone list of attendance shows them ticked
    list_phone = browsers(phone=True)
    sign_in(list_phone, lindring, EDUCATOR)
    list_phone.get(lindring.url(f"/learning/sessions/{session['id']}/attendance"))
    assert "3 af 3 til stede" in list_phone.find_element(By.ID, "attendance-count").text
    ticked = list_phone.find_elements(By.CSS_SELECTOR, ".attendance-list input[type=checkbox]:checked")
    assert len(ticked) == 3, f"{len(ticked)} ticked"
    assert_phone_width(list_phone, "the attendance list")
    screenshot(list_phone, "workshop-attendance-phone")

    # hjemmepleje's certificate: on her page, and checked by its code without signing in
    phone.get(lindring.url("/learning"))
    click_and_wait(phone, phone.find_element(By.XPATH, "//section[@id='certificates']//a[normalize-space(.)='Workshop: Erik og den tunge luft']"))
    certificate_code = visible(phone, "#certificate-code", "the certificate's code").text
    assert "Gyldigt til og med" in phone.find_element(By.ID, "certificate").text
    screenshot(phone, "workshop-certificate-phone")
    checked = requests.get(lindring.url(f"/certificates/verify/{certificate_code}"), timeout=10)
    assert checked.status_code == 200 and "Beviset er gyldigt" in checked.text, checked.status_code

    # and she evaluates the workshop
    phone.get(lindring.url(f"/learning/sessions/{session['id']}"))
    form = phone.find_element(By.CSS_SELECTOR, "#evaluation form")
    for name, value in [("rating", "5"), ("relevance", "4")]:
        choice = form.find_element(By.ID, f"{name}-{value}")
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", choice)
    click_and_wait(phone, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "du har evalueret undervisningen" in phone.find_element(By.ID, "evaluation").text
