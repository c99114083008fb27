"""Follow-up notes, addenda and the handover's shift in a real browser (issue 18, item 11):

- the key worker's team (`klinik`) marks one follow-up "Udført" with a short note and cancels
  another: "Annullér" without a note is stopped in the browser (the note field says why and has
  the focus, nothing is sent), with a note it goes; both notes are shown with who closed the
  follow-up, and the API has them;
- a note half written on the live board survives a colleague's save (the board waits), and once
  the board is fetched again an empty "Annullér" is still stopped;
- on a phone a follow-up is a card whose note and buttons are in view, not a table row to scroll;
- the advisor adds an addendum beneath a saved contact: it is shown dated, signed with her name and
  unit, and the contact itself is unchanged;
- the handover opens on the shift that just ended, says so, and "Igangværende vagt" shows the
  follow-ups closed in the running shift with their notes.

Its own server (the `lindring` fixture). Screenshots go to e2e/screenshots/followup-notes-*.png.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import (
    CPH,
    WAIT_SECONDS,
    assert_clean_page,
    click,
    click_and_wait,
    describe_page,
    follow_up_rows,
    install_event_source_probe,
    one,
    path_of,
    screenshot,
    shown,
    sign_in,
)
from conftest import LindringServer
from patients_support import ADVISOR, KEY_WORKER, Api, expect_json

SHIFT_NAMES = {"night": "Nattevagt 00:00–08:00", "day": "Dagvagt 08:00–16:00", "evening": "Aftenvagt 16:00–00:00"}


def contact_for_key_unit(advisor: Api, key_unit_id: str, task: str) -> dict:
    """An anonymous call an hour ago whose follow-up goes to the key worker's team."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    body = {
        "startedAt": start.isoformat().replace("+00:00", "Z"),
        "endedAt": (start + timedelta(minutes=8)).isoformat().replace("+00:00", "Z"),
        "callerRole": "homeCareNurse",
        "reasons": ["pain"],
        "situation": "Smerter trods fast morfin.",
        "recommendation": "Ekstra dosis morfin, ring igen i morgen.",
        "triage": "routine",
        "outcome": "needsFollowUp",
        "followUp": {"unitId": key_unit_id, "text": task},
    }
    return expect_json(advisor.post("/contacts", body), 201)


def note_field(row: WebElement) -> WebElement:
    fields = row.find_elements(By.CSS_SELECTOR, "form.close-follow-up textarea[name=note]")
    assert fields, f"the follow-up has no note field: {row.text!r}"
    return fields[0]


def button(row: WebElement, text: str) -> WebElement:
    found = [b for b in row.find_elements(By.CSS_SELECTOR, "button[type=submit]") if b.text.strip() == text]
    assert found, f"the follow-up has no {text!r} button: {row.text!r}"
    return found[0]


def only_row(driver: WebDriver, task: str) -> WebElement:
    rows = follow_up_rows(driver, "main", task)
    assert len(rows) == 1, f"{len(rows)} follow-ups with {task!r} on {describe_page(driver)}"
    return rows[0]


def test_a_follow_up_is_done_with_a_note_and_cancelled_only_with_one(lindring: LindringServer, browsers, advisor: Api, key_unit_id: str):
    # given two follow-ups for the key worker's team
    done_task, cancel_task = f"Tilse patienten {uuid.uuid4().hex[:6]}", f"Ring til datteren {uuid.uuid4().hex[:6]}"
    done_contact = contact_for_key_unit(advisor, key_unit_id, done_task)
    cancel_contact = contact_for_key_unit(advisor, key_unit_id, cancel_task)
    team = browsers()
    sign_in(team, lindring, KEY_WORKER)
    who = one(team, ".who", "signed-in user").text.split("·")[0].strip()
    team.get(lindring.url("/follow-ups"))
    assert_clean_page(team, "open follow-ups")

    # when she types a note and presses "Udført"
    row = only_row(team, done_task)
    click(team, note_field(row))
    note_field(row).send_keys("Tilset kl. 9. Smerterne er lettet.")
    screenshot(team, "followup-notes-typed")
    click_and_wait(team, button(row, "Udført"))

    # then it leaves the open follow-ups, and the done ones show it with her name and the note
    assert path_of(team) == "/follow-ups", describe_page(team)
    assert not follow_up_rows(team, "main", done_task), "the follow-up marked done is still open"
    team.get(lindring.url("/follow-ups?status=done"))
    status = only_row(team, done_task).find_elements(By.TAG_NAME, "td")[-1].text
    assert status.startswith(f"Udført – {who}") and "Tilset kl. 9. Smerterne er lettet." in status, status

    # when she presses "Annullér" with the note left empty
    team.get(lindring.url("/follow-ups"))
    row = only_row(team, cancel_task)
    team.execute_script("window.__lindringE2eOldPage = true;")
    click(team, button(row, "Annullér"))

    # then nothing is sent: the note field has the focus and says why
    assert team.execute_script("return window.__lindringE2eOldPage === true"), "an empty cancellation was sent"
    field = note_field(row)
    assert team.switch_to.active_element == field, "the note field does not have the focus"
    message = team.execute_script("return arguments[0].validationMessage", field)
    assert message == "Skriv kort, hvorfor opfølgningen annulleres.", message
    screenshot(team, "followup-notes-cancel-needs-note")

    # when she writes why and cancels
    field.send_keys("Indlagt på hospice i går.")
    click_and_wait(team, button(row, "Annullér"))

    # then it is cancelled with the reason
    assert not follow_up_rows(team, "main", cancel_task), "the cancelled follow-up is still open"
    team.get(lindring.url("/follow-ups?status=cancelled"))
    assert_clean_page(team, "cancelled follow-ups")
    status = only_row(team, cancel_task).find_elements(By.TAG_NAME, "td")[-1].text
    assert status.startswith(f"Annulleret – {who}") and "Indlagt på hospice i går." in status, status

    # and the API gives both notes
    for contact, note in ((done_contact, "Tilset kl. 9. Smerterne er lettet."), (cancel_contact, "Indlagt på hospice i går.")):
        follow_ups = expect_json(advisor.get(f"/contacts/{contact['id']}"), 200)["followUps"]
        assert [f["closedNote"] for f in follow_ups] == [note], follow_ups


def test_a_note_on_the_live_board_survives_a_colleagues_save(lindring: LindringServer, browsers, advisor: Api, key_unit_id: str):
    # given the advisor's live board with a follow-up
    task = f"Ring i aften {uuid.uuid4().hex[:6]}"
    contact_for_key_unit(advisor, key_unit_id, task)
    nurse = browsers()
    install_event_source_probe(nurse)
    sign_in(nurse, lindring, ADVISOR)
    nurse.get(lindring.url("/advisory"))
    WebDriverWait(nurse, WAIT_SECONDS).until(lambda d: d.execute_script(
        "return document.getElementById('board').dataset.live === 'true' && (window.__lindringE2eSources || []).some(s => s.readyState === 1)"))
    row = follow_up_rows(nurse, "#board", task)[0]
    note_field(row).send_keys("Halvt skrevet")

    # when a colleague saves a contact meanwhile
    contact_for_key_unit(advisor, key_unit_id, f"Andet {uuid.uuid4().hex[:6]}")
    time.sleep(2.5)

    # then the board has waited, and the note is still there
    assert nurse.find_element(By.ID, "board").get_attribute("data-updated") is None, "the board was fetched again over the note"
    assert note_field(follow_up_rows(nurse, "#board", task)[0]).get_attribute("value") == "Halvt skrevet"

    # when the note is emptied, the board catches up
    field = note_field(follow_up_rows(nurse, "#board", task)[0])
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    WebDriverWait(nurse, WAIT_SECONDS).until(lambda d: d.find_element(By.ID, "board").get_attribute("data-updated"))

    # and on the fetched board an empty "Annullér" is still stopped
    row = follow_up_rows(nurse, "#board", task)[0]
    nurse.execute_script("window.__lindringE2eOldPage = true;")
    click(nurse, button(row, "Annullér"))
    assert nurse.execute_script("return window.__lindringE2eOldPage === true"), "an empty cancellation was sent from the board"
    assert nurse.execute_script("return arguments[0].validationMessage", note_field(row)) == "Skriv kort, hvorfor opfølgningen annulleres."


def test_on_a_phone_a_follow_up_is_a_card_with_its_buttons_in_view(lindring: LindringServer, browsers, advisor: Api, key_unit_id: str):
    task = f"Tjek pumpen {uuid.uuid4().hex[:6]}"
    contact_for_key_unit(advisor, key_unit_id, task)
    phone = browsers(phone=True)
    sign_in(phone, lindring, KEY_WORKER)
    phone.get(lindring.url("/follow-ups"))
    assert_clean_page(phone, "follow-ups on a phone")
    row = only_row(phone, task)
    width = phone.execute_script("return document.documentElement.clientWidth")
    for element in (note_field(row), button(row, "Udført"), button(row, "Annullér")):
        right = phone.execute_script("return arguments[0].getBoundingClientRect().right", element)
        assert right <= width, f"{element.tag_name} {element.text!r} ends at {right}px on a {width}px screen"
    phone.execute_script("arguments[0].scrollIntoView({block: 'start'});", row)
    screenshot(phone, "followup-notes-phone-card")


def test_an_addendum_is_added_beneath_a_saved_contact_dated_and_signed(lindring: LindringServer, browsers, advisor: Api, key_unit_id: str):
    # given a saved contact
    contact = contact_for_key_unit(advisor, key_unit_id, f"Følg op {uuid.uuid4().hex[:6]}")
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)
    who = one(nurse, ".who", "signed-in user").text.replace("\n", " ")
    name, unit = (part.strip() for part in who.split("·", 1))
    nurse.get(lindring.url(f"/advisory/contacts/{contact['id']}"))
    assert_clean_page(nurse, "contact page")
    assert "Ingen tilføjelser." in one(nurse, "#addenda", "addenda").text

    # when she adds what she learnt afterwards
    text = "Datteren ringede tilbage kl. 03: smerterne er lettet efter ekstra dosis."
    field = one(nurse, "#addenda textarea#text", "addendum field")
    click(nurse, field)
    field.send_keys(text)
    before = datetime.now(CPH).replace(second=0, microsecond=0)
    click_and_wait(nurse, one(nurse, "#save-addendum", "save addendum"))
    after = datetime.now(CPH)

    # then it stands beneath the contact, dated and signed with her name and unit
    assert urlsplit(nurse.current_url).path == f"/advisory/contacts/{contact['id']}", describe_page(nurse)
    assert_clean_page(nurse, "contact page after the addendum")
    addenda = nurse.find_elements(By.CSS_SELECTOR, "#addenda li.addendum")
    assert len(addenda) == 1, f"{len(addenda)} addenda shown"
    assert addenda[0].find_element(By.CSS_SELECTOR, "p.prewrap").text == text
    signature = addenda[0].find_element(By.CSS_SELECTOR, ".signature").text
    times = {shown(before + timedelta(minutes=m)) for m in range(int((after - before).total_seconds() // 60) + 2)}
    assert any(signature == f"Tilføjet {t} af {name}, {unit}" for t in times), f"{signature!r} (expected {name}, {unit} at {sorted(times)})"
    screenshot(nurse, "followup-notes-addendum")

    # and the contact itself is as it was; the API lists the addendum
    saved = expect_json(advisor.get(f"/contacts/{contact['id']}"), 200)
    assert saved["situation"] == contact["situation"] and saved["recommendation"] == contact["recommendation"]
    assert [(a["text"], a["author"]["name"], a["author"]["unit"]) for a in saved["addenda"]] == [(text, name, unit)], saved["addenda"]


def test_the_handover_opens_on_the_shift_that_just_ended(lindring: LindringServer, browsers, advisor: Api, key_unit_id: str):
    # given a follow-up closed just now, with a note
    task = f"Tilse i aften {uuid.uuid4().hex[:6]}"
    contact = contact_for_key_unit(advisor, key_unit_id, task)
    follow_up = contact["followUps"][0]["id"]
    expect_json(advisor.request("POST", f"/follow-ups/{follow_up}/done", json={"note": "Aftalt med aftenvagten."}), 200)
    nurse = browsers()
    sign_in(nurse, lindring, ADVISOR)

    # when the handover is opened without choosing a shift
    now = datetime.now(CPH)
    nurse.get(lindring.url("/advisory/handover"))
    assert_clean_page(nurse, "handover")

    # then it is the shift before the running one
    running = "night" if now.hour < 8 else "day" if now.hour < 16 else "evening"
    ended = {"night": "evening", "day": "night", "evening": "day"}[running]
    heading = one(nurse, "main h1", "heading").text
    assert heading.startswith("Vagtoverlevering: ") and heading.endswith(SHIFT_NAMES[ended]), f"{heading!r} at {now:%H:%M}"
    assert "Overleveringen viser den vagt, der netop er slut." in one(nurse, "main", "main").text
    screenshot(nurse, "followup-notes-handover")

    # and "Igangværende vagt" shows the follow-up closed in it, with the note
    links = [a for a in nurse.find_elements(By.CSS_SELECTOR, "main .heading-actions a") if a.text.startswith("Igangværende vagt")]
    assert links, describe_page(nurse)
    click_and_wait(nurse, links[0])
    assert one(nurse, "main h1", "heading").text.endswith(SHIFT_NAMES[running])
    closed = one(nurse, "#closed-follow-ups", "follow-ups closed in the shift")
    rows = [r for r in closed.find_elements(By.CSS_SELECTOR, "tbody tr") if task in r.text]
    assert len(rows) == 1 and "Aftalt med aftenvagten." in rows[0].text, closed.text[:500]
