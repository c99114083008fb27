"""Symptom screening (issue 5) in a real browser, as the patient and the clinician meet it:

- the key worker `klinik` (RH-PAL) sends a patient an ESAS-r self-report link (with the screening
  page's form where it has one, else through the API); the patient opens it on a phone (390 x 844, touch,
  no login), is greeted by first name only (never her surname or CPR number), switches to
  English, answers one question a screen (going back once keeps her answers, free text with
  & " < > included), severe pain makes it red, sends, is thanked and told whom to call now (her
  key worker's unit first, 112 last, numbers big enough to tap); the link then answers 410
  to a reload and to a second submission;
- the key worker signs in, finds the red result in the unit's inbox, follows it to the patient
  and on to the screening page, where the trend chart (SVG, with its axes and dates) and the table
  show the new result beside the two earlier ones, and the item charts, open, show the pain in
  the severe band;
- the patient's pages never scroll sideways at 390 px, through a whole IPOS and on the
  unknown-link page;
- pressing Enter on a chosen answer moves on rather than back, and switching to English halfway
  keeps the patient's place and answers.

Screenshots of every patient step (phone size) and of the clinician's chart page go to
e2e/screenshots/screening-*.png. One server for the module (the `lindring` fixture); the
patients are registered here, so the demo patients' screenings are left alone.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
import requests
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import (
    WAIT_SECONDS,
    assert_clean_page,
    assert_nothing_but_the_first_name,
    assert_phone_width,
    cells,
    describe_page,
    error_page_status,
    one,
    path_of,
    screenshot,
    sign_in,
    submit_and_wait,
    text_of,
    untranslated_keys,
)
from conftest import LindringServer
from patients_support import (
    FIRST_NAME,
    KEY_WORKER,
    PATIENT_NAME,
    TIMEOUT,
    Api,
    describe,
    expect_json,
    pretty,
)

UTC = timezone.utc

# ESAS-r as the patient is asked it: every item, in order, with the English label and her answer.
ESAS_QUESTIONS = [
    ("pain", "Pain", 9),
    ("tiredness", "Tiredness", 5),
    ("drowsiness", "Drowsiness", 2),
    ("nausea", "Nausea", 0),
    ("appetite", "Lack of appetite", 4),
    ("shortnessOfBreath", "Shortness of breath", 3),
    ("depression", "Depression", 1),
    ("anxiety", "Anxiety", 6),
    ("wellbeing", "Wellbeing (0 = best)", 5),
    ("other", "Other problem", 2),
    ("otherName", "Which other problem?", 'Ondt i ryggen & "svimmel" <om morgenen>'),
]
# pain 9 is severe: red; total 9+5+2+0+4+3+1+6+5 = 35, physical (first six) 23, emotional 1+6 = 7
EXPECTED_SCORES = {"total": 35, "physical": 23, "emotional": 7}
# two earlier staff screenings, to give the trend a line
EARLIER = [(14, {"pain": 2, "tiredness": 3, "drowsiness": 1, "nausea": 0, "appetite": 2, "shortnessOfBreath": 2,
                 "depression": 3, "anxiety": 4, "wellbeing": 3}),  # total 20
           (7, {"pain": 5, "tiredness": 4, "drowsiness": 2, "nausea": 1, "appetite": 3, "shortnessOfBreath": 3,
                "depression": 3, "anxiety": 4, "wellbeing": 3})]  # total 28


# `patient` (patients_support): a consenting patient, PATIENT_NAME, with RH-PAL as key worker and
# HJ-101 as home care, registered for this module.


# --- helpers ----------------------------------------------------------------------------------------


def make_link(api: Api, patient_id: str, instrument: str) -> str:
    return expect_json(api.post(f"/patients/{patient_id}/self-report-links", {"instrument": instrument}), 201)["url"]


def step_hint(driver: WebDriver) -> str:
    hints = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main form .hint")]
    return hints[0] if hints else ""


def questions_on_screen(driver: WebDriver) -> list[WebElement]:
    """The questions the screen asks: scale questions (fieldsets) and free-text fields."""
    return (driver.find_elements(By.CSS_SELECTOR, "main form fieldset.scale-question")
            + driver.find_elements(By.CSS_SELECTOR, "main form textarea"))


def choose(driver: WebDriver, item: str, value: int) -> None:
    """Taps the answer `value` of item `item` (on its label, as a finger would)."""
    labels = driver.find_elements(By.XPATH, f"//label[input[@type='radio'][@name='a[{item}]'][@value='{value}']]")
    assert labels, f"no answer {value} to {item}: {describe_page(driver)}"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", labels[0])
    labels[0].click()
    radio = driver.find_element(By.CSS_SELECTOR, f"input[type=radio][name='a[{item}]'][value='{value}']")
    assert radio.is_selected(), f"tapping {value} for {item} did not choose it"


def chosen(driver: WebDriver, item: str) -> str | None:
    checked = driver.find_elements(By.CSS_SELECTOR, f"input[type=radio][name='a[{item}]']:checked")
    return checked[0].get_attribute("value") if checked else None


def press(driver: WebDriver, css: str, what: str) -> None:
    submit_and_wait(driver, one(driver, css, what))


def back_button(driver: WebDriver) -> WebElement:
    found = [b for b in driver.find_elements(By.CSS_SELECTOR, "main form button[name=go][value=back]")]
    assert found, f"no Back button: {describe_page(driver)}"
    return found[0]


def send_link_from_the_screening_page(driver: WebDriver, server: LindringServer, patient_id: str, instrument: str) -> str | None:
    """Issues a self-report link with the screening page's form, as a nurse would; None when the
    page has no such form (the link is then made through the API)."""
    driver.get(server.url(f"/patients/{patient_id}/screening"))
    assert_clean_page(driver, "screening page before the link")
    forms = driver.find_elements(By.CSS_SELECTOR, "form#self-report-form")
    if not forms:
        return None
    Select(forms[0].find_element(By.CSS_SELECTOR, "select[name=instrument]")).select_by_value(instrument)
    submit_and_wait(driver, forms[0].find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert_clean_page(driver, "screening page with the new link")
    url = one(driver, "#self-report-url", "the new link").get_attribute("value") or ""
    assert re.fullmatch(re.escape(server.base_url) + r"/r/[A-Za-z0-9_-]{22,}", url), f"the page shows the link {url!r}"
    screenshot(driver, "screening-clinician-link-sent")
    return url


# --- the patient answers at home, the key worker sees it -------------------------------------------


def test_patient_answers_on_a_phone_and_the_key_worker_sees_the_red_result(
    lindring: LindringServer, browsers, key_worker: Api, patient: dict
):
    patient_id, cpr = patient["id"], patient["cpr"]
    # given two earlier screenings, and a link the key worker sends the patient
    for days_ago, answers in EARLIER:
        at = (datetime.now(UTC) - timedelta(days=days_ago)).replace(microsecond=0).isoformat()
        expect_json(key_worker.post(f"/patients/{patient_id}/assessments",
                                        {"instrument": "esas-r", "respondent": "staff", "answers": answers, "at": at}), 201)
    clinician = browsers()
    sign_in(clinician, lindring, KEY_WORKER)
    url = send_link_from_the_screening_page(clinician, lindring, patient_id, "esas-r") or make_link(key_worker, patient_id, "esas-r")

    # when she opens it on her phone, not signed in
    phone = browsers(phone=True)
    phone.get(url)
    sessions = [c["name"] for c in phone.get_cookies() if "session" in c["name"].lower()]
    assert not sessions, f"the patient's link opened a session: {sessions}"
    assert_clean_page(phone, "self-report welcome")
    assert_phone_width(phone, "welcome")

    # then she is greeted by her first name, and nothing else about her is on the page
    assert text_of(phone, "main h1").strip() == f"Hej {FIRST_NAME}", describe_page(phone)
    assert_nothing_but_the_first_name(phone, "welcome", cpr)
    assert not phone.find_elements(By.CSS_SELECTOR, "#main-nav"), "the patient's page shows the staff navigation"
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "da"
    screenshot(phone, "screening-patient-01-welcome-da")

    # when she switches to English
    switch = [a for a in phone.find_elements(By.CSS_SELECTOR, "main a, main button, footer a, header a") if a.text.strip() == "English"]
    assert switch, f"no link or button to English: {describe_page(phone)}"
    submit_and_wait(phone, switch[0])
    assert_clean_page(phone, "welcome in English")
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", describe_page(phone)
    assert text_of(phone, "main h1").strip() == f"Hello {FIRST_NAME}", describe_page(phone)
    assert_nothing_but_the_first_name(phone, "welcome in English", cpr)
    assert_phone_width(phone, "welcome-en")
    screenshot(phone, "screening-patient-02-welcome-en")
    press(phone, "#next-question", "start button")

    # then she answers one question a screen
    count = len(ESAS_QUESTIONS)
    for index, (item, label, answer) in enumerate(ESAS_QUESTIONS):
        number = index + 1
        where = f"question {number} ({item})"
        assert_clean_page(phone, where)
        asked = questions_on_screen(phone)
        assert len(asked) == 1, f"{where}: {len(asked)} questions on one screen: {describe_page(phone)}"
        assert f"Question {number} of {count}" in step_hint(phone), f"{where}: progress {step_hint(phone)!r}"
        assert label in text_of(phone), f"{where}: the label {label!r} is not shown: {text_of(phone)[:200]!r}"
        assert_nothing_but_the_first_name(phone, where, cpr)
        assert_phone_width(phone, where)
        if isinstance(answer, int):
            choose(phone, item, answer)
        else:
            field = one(phone, f"textarea[name='a[{item}]']", "free-text answer")
            field.clear()
            field.send_keys(answer)
        screenshot(phone, f"screening-patient-{number + 2:02d}-q{number:02d}-{item}")

        if number == 2:
            # going back shows the earlier answer chosen, and coming forward again keeps this one
            submit_and_wait(phone, back_button(phone))
            assert f"Question 1 of {count}" in step_hint(phone), step_hint(phone)
            assert chosen(phone, "pain") == "9", "going back lost the answer to question 1"
            press(phone, "#next-question", "next button")
            assert chosen(phone, item) == str(answer), f"coming back to question 2 lost its answer ({chosen(phone, item)!r})"
        if number < count:
            press(phone, "#next-question", f"next button on {where}")

    # the last screen sends; going back from it and forward again keeps the typed text intact
    submit_and_wait(phone, back_button(phone))
    assert chosen(phone, "other") == "2", "going back from the last question lost the answer before it"
    press(phone, "#next-question", "next button")
    kept = one(phone, "textarea[name='a[otherName]']", "free-text answer").get_attribute("value")
    assert kept == ESAS_QUESTIONS[-1][2], f"the free text came back as {kept!r}"
    send = one(phone, "#send-answers", "send button")
    assert send.text.strip() == "Send the answers", send.text
    submit_and_wait(phone, send)

    # then she is thanked and, her pain being severe, told to call now: her key worker's unit
    # (RH-PAL) first, with a number to tap, and 112
    assert_clean_page(phone, "thank-you page")
    assert text_of(phone, "main h1").strip() == "Thank you for your answers", describe_page(phone)
    call_now = one(phone, "#call-now", "who to call now")
    assert "Call us now" in call_now.text, call_now.text
    first = one(phone, "#call-now .key-worker", "the key worker's number")
    assert "Palliativt Team, Rigshospitalet" in first.text, first.text
    dials = [a.get_attribute("href") for a in call_now.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")]
    assert first.find_elements(By.CSS_SELECTOR, "a[href^='tel:']") and "tel:112" in dials, dials
    for link in call_now.find_elements(By.CSS_SELECTOR, "a[href^='tel:']"):
        size = link.size
        assert size["height"] >= 44 and size["width"] >= 44, f"{link.text!r} is {size}: too small to tap"
    assert_nothing_but_the_first_name(phone, "thank-you page", cpr)
    assert_phone_width(phone, "thank-you")
    screenshot(phone, f"screening-patient-{count + 3:02d}-thank-you")

    # and the link is used: opening it again is a kind 410 page, a second submission 410
    assert requests.get(url, timeout=TIMEOUT).status_code == 410
    phone.get(url)
    assert error_page_status(phone) is None and not untranslated_keys(phone), describe_page(phone)
    assert "already" in text_of(phone).lower() or "allerede" in text_of(phone).lower(), describe_page(phone)
    assert_phone_width(phone, "used link")
    screenshot(phone, f"screening-patient-{count + 4:02d}-link-used")
    second = requests.post(url, json={"answers": {"pain": 0}}, timeout=TIMEOUT)
    assert second.status_code == 410, describe(second)
    form_again = requests.post(url, data={"lang": "en", "step": str(count - 1), "go": "send", "a[pain]": "0"},
                               headers={"Origin": lindring.base_url}, timeout=TIMEOUT, allow_redirects=False)
    assert form_again.status_code == 410, describe(form_again)

    # and her answers are stored as hers, scored and red
    stored = expect_json(key_worker.get(f"/patients/{patient_id}/assessments"), 200)["items"]
    assert len(stored) == 3, pretty(stored)
    newest = stored[0]
    sent = {item: answer for item, _label, answer in ESAS_QUESTIONS}
    assert newest["respondent"] == "patient" and newest["trafficLight"] == "red", pretty(newest)
    assert newest["answers"] == sent, f"stored {newest['answers']}, answered {sent}"
    assert newest["scores"] == EXPECTED_SCORES, pretty(newest["scores"])

    # when the key worker opens the unit's inbox
    clinician.get(lindring.url("/inbox"))
    assert_clean_page(clinician, "inbox")

    # then the unit's inbox has the red result
    entries = [li for li in clinician.find_elements(By.CSS_SELECTOR, "ul.inbox > li") if PATIENT_NAME in li.text]
    red = [li for li in entries if "ESAS-r" in li.text and ("Rødt" in li.text or "Red" in li.text)]
    assert red, f"no red ESAS-r result for {PATIENT_NAME} in {KEY_WORKER}'s inbox: {[li.text for li in entries]}"
    assert "unread" in (red[0].get_attribute("class") or "").split(), red[0].get_attribute("outerHTML")[:300]
    screenshot(clinician, "screening-clinician-inbox")

    # when she follows it to the patient and on to the screening page
    to_patient = [a for a in red[0].find_elements(By.TAG_NAME, "a")
                  if urlsplit(a.get_attribute("href") or "").path.upper() == f"/PATIENTS/{patient_id.upper()}"]
    assert to_patient, f"the inbox item does not link to the patient: {red[0].get_attribute('outerHTML')[:400]}"
    submit_and_wait(clinician, to_patient[0])
    assert_clean_page(clinician, "patient page")
    latest = one(clinician, ".latest-screening", "latest screening line")
    assert "light-red" in latest.get_attribute("innerHTML"), latest.text
    to_screening = [a for a in clinician.find_elements(By.CSS_SELECTOR, "main a")
                    if urlsplit(a.get_attribute("href") or "").path.upper() == f"/PATIENTS/{patient_id.upper()}/SCREENING"]
    assert to_screening, f"the patient page does not link to the screening page: {describe_page(clinician)}"
    submit_and_wait(clinician, to_screening[0])
    assert path_of(clinician).upper() == f"/PATIENTS/{patient_id.upper()}/SCREENING", describe_page(clinician)
    assert_clean_page(clinician, "screening page")

    # then the ESAS-r section charts the three results, oldest left, the newest highest
    sections = [s for s in clinician.find_elements(By.CSS_SELECTOR, "main section.screening")
                if s.find_element(By.TAG_NAME, "h2").text.strip().startswith("ESAS-r")]
    assert len(sections) == 1, f"{len(sections)} ESAS-r sections: {describe_page(clinician)}"
    section = sections[0]
    charts = section.find_elements(By.CSS_SELECTOR, ":scope > div.trend-charts svg")
    assert len(charts) == 3, f"{len(charts)} charts for ESAS-r's three scales"
    for chart in charts:
        assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label"), "a chart has no text alternative"
    total_chart = charts[0]
    dots = total_chart.find_elements(By.CSS_SELECTOR, "circle")
    titles = [clinician.execute_script("return arguments[0].textContent", d).strip() for d in dots]
    assert [t.rsplit(": ", 1)[-1] for t in titles] == ["20", "28", "35"], f"the total's chart shows {titles}"
    assert all(re.match(r"\d{1,2}\. [a-zæø]{3}\.? \d{4} kl\. \d\d:\d\d: ", t) for t in titles), f"a point does not say when: {titles}"
    # with its axes: 0 to 90 up the side, the three days along the bottom ("3. dec.")
    def svg_texts(chart, css):
        return [clinician.execute_script("return arguments[0].textContent", e) for e in chart.find_elements(By.CSS_SELECTOR, css)]
    assert svg_texts(total_chart, "text.y-tick") == ["0", "30", "60", "90"], svg_texts(total_chart, "text.y-tick")
    days = svg_texts(total_chart, "text.x-tick")
    assert len(days) == 3 and all(re.fullmatch(r"\d{1,2}\. [a-zæø]{3}\.?( \d{4})?", d) for d in days), days
    xs = [float(d.get_attribute("cx")) for d in dots]
    ys = [float(d.get_attribute("cy")) for d in dots]
    assert xs == sorted(xs) and len(set(xs)) == 3, f"the points are not in time order: x {xs}"
    assert ys[0] > ys[1] > ys[2], f"a higher total is not drawn higher: y {ys}"
    assert total_chart.find_elements(By.CSS_SELECTOR, "polyline"), "the trend has no line"

    # and the table has the patient's result first, with the same numbers
    rows = section.find_elements(By.CSS_SELECTOR, ":scope > div.table-wrap > table tbody tr")
    assert len(rows) == 3, [cells(r) for r in rows]
    first = cells(rows[0])
    assert first[1:] == ["Patienten", "Rød", "35", "23", "7"], f"the newest row reads {first}"
    assert [cells(r)[3] for r in rows] == ["35", "28", "20"], [cells(r) for r in rows]
    # and where the page breaks the result down by item, the severe pain is marked as such
    item_tables = section.find_elements(By.CSS_SELECTOR, "table.items")
    if item_tables:
        headers = [th.get_attribute("textContent").strip() for th in item_tables[0].find_elements(By.CSS_SELECTOR, "thead th")]
        assert "Smerter" in headers, headers
        newest_cells = item_tables[0].find_elements(By.CSS_SELECTOR, "tbody tr")[0].find_elements(By.CSS_SELECTOR, "td")
        pain = newest_cells[headers.index("Smerter")]
        assert pain.get_attribute("textContent").strip() == "9", pain.get_attribute("outerHTML")
        assert "severity-severe" in (pain.get_attribute("class") or ""), pain.get_attribute("outerHTML")
    # and the item charts, open because the result is red, shade the severity bands: the pain of 9 lies in the severe one
    details = section.find_element(By.CSS_SELECTOR, "details.item-trends")
    assert details.get_attribute("open") is not None, "the item charts are closed although the result is red"
    pain_chart = [c for c in details.find_elements(By.CSS_SELECTOR, "div.trend-chart") if c.find_element(By.CSS_SELECTOR, ".hint").text.strip() == "Smerter"]
    assert pain_chart, [c.text for c in details.find_elements(By.CSS_SELECTOR, "div.trend-chart .hint")]
    severe_band = pain_chart[0].find_element(By.CSS_SELECTOR, "rect.band-severe")
    band_top, band_bottom = float(severe_band.get_attribute("y")), float(severe_band.get_attribute("y")) + float(severe_band.get_attribute("height"))
    newest = pain_chart[0].find_elements(By.CSS_SELECTOR, "circle")[-1]
    assert "severity-severe" in (newest.get_attribute("class") or ""), newest.get_attribute("outerHTML")
    assert band_top <= float(newest.get_attribute("cy")) <= band_bottom, "the severe answer is not drawn in the severe band"
    assert details.find_elements(By.CSS_SELECTOR, ".band-legend"), "the bands have no legend"
    clinician.execute_script("arguments[0].scrollIntoView({block: 'start'});", section)
    screenshot(clinician, "screening-clinician-chart")


# --- the patient's pages on a phone ------------------------------------------------------------------


def test_self_report_pages_never_scroll_sideways_at_390_px(lindring: LindringServer, browsers, key_worker: Api, patient: dict):
    # IPOS has the longest labels; walk every question (skipping is allowed), in Danish
    url = make_link(key_worker, patient["id"], "ipos")
    phone = browsers(phone=True)
    phone.get(url)
    assert_clean_page(phone, "IPOS welcome")
    assert_phone_width(phone, "ipos-welcome")
    press(phone, "#next-question", "start button")
    for number in range(1, 19):
        assert f"Spørgsmål {number} af 18" in step_hint(phone), f"step {number}: {step_hint(phone)!r} {describe_page(phone)}"
        assert len(questions_on_screen(phone)) == 1, describe_page(phone)
        assert_phone_width(phone, f"ipos-q{number:02d}")
        if number == 14:
            screenshot(phone, "screening-patient-ipos-q14")
        if number < 18:
            press(phone, "#next-question", f"next button on question {number}")
    assert one(phone, "#send-answers", "send button").is_displayed()

    # and the page for a link that does not exist
    phone.get(lindring.url("/r/" + "x" * 43))
    assert_phone_width(phone, "unknown-link")
    assert "Linket" in text_of(phone), describe_page(phone)
    screenshot(phone, "screening-patient-unknown-link")


def test_enter_on_a_chosen_answer_moves_on_not_back(browsers, key_worker: Api, patient: dict):
    # A keyboard user (or a phone with a keyboard) picks an answer and presses Enter: the form's
    # default button is the first submit button in it, which must not be "Back".
    url = make_link(key_worker, patient["id"], "eortc-qlq-c15-pal")
    driver = browsers(phone=True)
    driver.get(url)
    press(driver, "#next-question", "start button")
    press(driver, "#next-question", "next button")  # question 1 skipped
    assert "Spørgsmål 2 af 15" in step_hint(driver), step_hint(driver)
    choose(driver, "q2", 3)
    radio = driver.find_element(By.CSS_SELECTOR, "input[type=radio][name='a[q2]'][value='3']")
    driver.execute_script("window.__lindringE2eOldPage = true;")
    radio.send_keys(Keys.ENTER)
    try:
        WebDriverWait(driver, WAIT_SECONDS).until(
            lambda d: d.execute_script("return window.__lindringE2eOldPage !== true && document.readyState === 'complete'"))
    except TimeoutException:
        pytest.fail("Enter on a chosen answer did nothing")
    assert "Spørgsmål 3 af 15" in step_hint(driver), (
        f"Enter on the answer to question 2 led to {step_hint(driver)!r}, not question 3: the form's first submit "
        f"button (its default) is {driver.find_element(By.CSS_SELECTOR, 'main form button[type=submit]').text!r}"
    )


def test_switching_language_halfway_keeps_the_place_and_the_answers(browsers, key_worker: Api, patient: dict):
    # A patient who finds the English link on question 2 must not lose what she has answered:
    # the welcome page promised that nothing is sent until she presses Send.
    url = make_link(key_worker, patient["id"], "esas-r")
    phone = browsers(phone=True)
    phone.get(url)
    press(phone, "#next-question", "start button")
    choose(phone, "pain", 7)
    press(phone, "#next-question", "next button")
    assert "Spørgsmål 2 af 11" in step_hint(phone), step_hint(phone)

    switch = [a for a in phone.find_elements(By.CSS_SELECTOR, "a, button") if a.text.strip() == "English"]
    assert switch, f"no way to English on question 2: {describe_page(phone)}"
    submit_and_wait(phone, switch[0])
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", describe_page(phone)
    screenshot(phone, "screening-patient-language-switched-halfway")
    assert "Question 2 of 11" in step_hint(phone), (
        f"switching to English on question 2 of 11 led to {text_of(phone, 'main h1') if phone.find_elements(By.CSS_SELECTOR, 'main h1') else ''!r} "
        f"{step_hint(phone)!r}: the patient is sent back to the start"
    )
    submit_and_wait(phone, back_button(phone))
    assert chosen(phone, "pain") == "7", "switching language lost the answer to question 1"
