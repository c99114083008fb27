// Lindring's only script: small conveniences that the pages work without.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Ask before destructive one-button actions (deactivate, revoke).
  document.querySelectorAll("form.inline-form button.danger").forEach((button) => {
    button.form.addEventListener("submit", (event) => {
      const lang = document.documentElement.lang;
      if (!window.confirm(lang === "en" ? "Are you sure?" : "Er du sikker?")) event.preventDefault();
    });
  });
  // A follow-up's "Annullér" needs a note saying why: the browser says so before sending (the
  // server checks it as well); "Udført" goes with or without one. Delegated, so that it holds for
  // the board's follow-ups after the board is fetched again.
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("form.close-follow-up button[type=submit]") : null;
    const note = button && button.form ? button.form.elements.namedItem("note") : null;
    if (!note) return;
    note.setCustomValidity("");
    if (button.dataset.requiresNote && note.value.trim() === "") {
      event.preventDefault();
      note.setCustomValidity(button.dataset.requiresNote);
      note.reportValidity();
      note.focus();
    }
  });
  document.addEventListener("input", (event) => {
    if (event.target instanceof HTMLTextAreaElement && event.target.closest("form.close-follow-up")) event.target.setCustomValidity("");
  });
  // A file chosen for an import (the finance system's CSV) is read into the form's text field,
  // which is what the form sends; without script, the file's content is pasted there.
  document.querySelectorAll("input[type=file][data-fills]").forEach((input) => {
    const target = input.form && input.form.elements[input.dataset.fills];
    if (!target) return;
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (!file) return;
      file.text().then((text) => { target.value = text; });
    });
  });

  // A budget's grid is sent by column position from the first year: while the first year is
  // typed, the columns' years (and what a screen reader hears in each cell) follow it.
  document.querySelectorAll("table[data-years-from]").forEach((table) => {
    const input = document.getElementById(table.dataset.yearsFrom);
    if (!input) return;
    input.addEventListener("input", () => {
      const first = Number.parseInt(input.value, 10);
      if (!(first >= 2000 && first <= 2100)) return;
      const years = [...table.querySelectorAll("th[data-year-offset]")].map((th) => {
        th.textContent = String(first + Number(th.dataset.yearOffset));
        return th.textContent;
      });
      table.querySelectorAll("tbody tr").forEach((row) => {
        const name = row.querySelector("th") ? row.querySelector("th").textContent : "";
        row.querySelectorAll("input").forEach((cell, index) => {
          if (years[index]) cell.setAttribute("aria-label", `${name} ${years[index]}`);
        });
      });
    });
  });

  // A print button (a certificate) shows only where script can print.
  document.querySelectorAll("button[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
  // Copy a self-report link: the clipboard where the browser allows it, else the text is
  // selected and the browser's own copy is tried; the button says what happened.
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    button.hidden = false;
    const done = (text) => { button.textContent = text; button.classList.add("copied"); };
    const select = () => {
      field.focus();
      field.select();
      let copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      done(copied ? button.dataset.copied : button.dataset.selected);
    };
    button.addEventListener("click", () => {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(() => done(button.dataset.copied), select);
      } else {
        select();
      }
    });
  });
  // Move focus to the error summary so screen readers announce it.
  const summary = document.querySelector("form .form-error");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }

  // The advisory line: "N" (or the access key, Alt+N) starts a new contact from any advisory
  // page when the cursor is not in a field; Ctrl+Enter saves the contact form.
  const newContact = document.querySelector("body.advisory a[accesskey='n']");
  let lastDigit = { name: null, text: "", at: 0 };
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (newContact && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "n" || event.key === "N")) {
      event.preventDefault();
      window.location.assign(newContact.href);
    }
    const save = document.getElementById("save-contact") || document.querySelector("button[data-save-shortcut]");
    if (save && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save.click();
    }
    // A screening form: Enter on a choice saves too (as it does in a text field), and a digit
    // chooses that value in the focused item's scale ("1" then "0" quickly is 10).
    if (save && save.dataset.saveShortcut === "enter" && target instanceof HTMLInputElement && target.type === "radio" && target.form === save.form) {
      if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        save.click();
      } else if (/^[0-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        const now = Date.now();
        const typed = target.name === lastDigit.name && now - lastDigit.at < 800 ? lastDigit.text + event.key : event.key;
        const choose = (value) => Array.from(target.form.elements).find((e) => e.name === target.name && e.value === value);
        const choice = choose(typed) || choose(event.key);
        lastDigit = { name: target.name, text: choice && choice.value === typed ? typed : event.key, at: now };
        if (choice) {
          event.preventDefault();
          choice.checked = true;
          choice.focus();
          choice.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }
    }
  });
  // The advisory board updates itself when a colleague saves a contact or closes a follow-up:
  // the server sends one short event, the board fetches its content once (never polling).
  const board = document.getElementById("board");
  if (board && board.dataset.events && window.EventSource) {
    let pending = null;
    // A note being written to close a follow-up on the board is never wiped by a colleague's
    // save: the board waits until it is sent or emptied.
    const writing = () => Array.from(board.querySelectorAll("textarea")).some((field) => field.value.trim() !== "");
    const refresh = () => {
      pending = null;
      if (writing()) { pending = window.setTimeout(refresh, 1000); return; }
      fetch(board.dataset.board, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => { board.innerHTML = html; board.dataset.updated = String(Date.now()); })
        .catch(() => {});
    };
    const events = new EventSource(board.dataset.events);
    const schedule = () => { if (!pending) pending = window.setTimeout(refresh, 300); };
    events.addEventListener("contact", schedule);
    events.addEventListener("followUp", schedule);
    events.addEventListener("screening", schedule);
    board.dataset.live = "true";
  }

  keepFocusInView();
  keepFocusAboveStickyBar();
  LongForm.settleDrafts();
  const banner = document.getElementById("session-banner");
  if (banner && banner.closest("form")) new LongForm(banner.closest("form"), banner).start();
  // The sign-in page: whoever signs in next starts without the last user's kept module pages.
  if (document.getElementById("login-form") && "caches" in window) {
    caches.keys().then((keys) => keys.filter((key) => key.startsWith("lindring-learning")).forEach((key) => caches.delete(key)));
  }
  const logout = document.getElementById("logout-form");
  if (logout) {
    logout.addEventListener("submit", () => {
      LongForm.clearAllDrafts();
      // The learning pages kept for offline reading are the signed-in user's; the next user starts afresh.
      if ("caches" in window) caches.delete("lindring-learning-v2");
    });
  }
});

// A focused link in a row that scrolls sideways (the menu on a phone) is scrolled wholly into view:
// the browser stops as soon as part of it shows.
function keepFocusInView() {
  document.addEventListener("focusin", (event) => {
    const element = event.target;
    if (!(element instanceof HTMLElement)) return;
    const rect = element.getBoundingClientRect();
    if (rect.left < 0 || rect.right > document.documentElement.clientWidth) element.scrollIntoView({ block: "nearest", inline: "nearest" });
  });
}

// The focused field stays in view above the sticky save bar (WCAG 2.4.11): the bar's height goes
// into --sticky-bar-height (app.css turns it into scroll-padding-bottom, which the browser honours
// when Tab moves the focus), and a field that still ends up under the bar is scrolled up.
function keepFocusAboveStickyBar() {
  const bar = document.querySelector(".sticky-actions");
  if (!bar) return;
  const measure = () => document.documentElement.style.setProperty("--sticky-bar-height", `${Math.ceil(bar.getBoundingClientRect().height)}px`);
  measure();
  window.addEventListener("resize", measure);
  document.addEventListener("focusin", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLElement) || bar.contains(field)) return;
    window.requestAnimationFrame(() => {
      const top = bar.getBoundingClientRect().top;
      const rect = field.getBoundingClientRect();
      if (rect.bottom > top - 4) window.scrollBy(0, rect.bottom - top + 16);
    });
  });
}

// A long form (contact, plan, patient: the ones with #session-banner) during a long call:
// - while it holds unsaved input, a quiet heartbeat keeps the session alive (never past its
//   absolute limit: the server does not move that);
// - before the session ends the banner says how long is left and offers to keep working;
// - what is typed is kept as a draft in this tab's sessionStorage (never the CSRF token or a
//   password), cleared when the form is saved and on signing out;
// - when the session has ended, saving sends nothing (it would be refused): the banner asks to
//   sign in again and the login's `next` leads back here, where the draft is put back.
class LongForm {
  static prefix = "lindring.draft:";
  static signedOut = false;

  static key(form) { return LongForm.prefix + new URL(form.action, window.location.href).pathname; }

  static read(key) {
    try { return JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch { return null; }
  }

  static write(key, draft) {
    try { window.sessionStorage.setItem(key, JSON.stringify(draft)); } catch { /* storage full or off: the page still works */ }
  }

  static remove(key) {
    try { window.sessionStorage.removeItem(key); } catch { /* nothing kept */ }
  }

  static keys() {
    const keys = [];
    try {
      for (let i = 0; i < window.sessionStorage.length; i += 1) {
        const key = window.sessionStorage.key(i);
        if (key && key.startsWith(LongForm.prefix)) keys.push(key);
      }
    } catch { /* no storage */ }
    return keys;
  }

  /** On signing out: nothing stays, and nothing more is kept while the page unloads. */
  static clearAllDrafts() {
    LongForm.signedOut = true;
    LongForm.keys().forEach(LongForm.remove);
  }

  /** Who is signed in, as the header shows it: a draft is only ever put back for the same user. */
  static user() {
    const who = document.querySelector(".site-header .who");
    return who && who.firstChild ? who.firstChild.textContent.trim() : null;
  }

  /** On the login or an error page the session has ended and nothing was saved: every draft
   *  waits for the next sign-in. On the form itself a draft that was sent stays (the form came
   *  back); on any other page a draft that was sent was saved, and one not waiting for a sign-in
   *  is of no more use: both go. A draft of another user never stays. */
  static settleDrafts() {
    const user = LongForm.user();
    const ended = document.body.classList.contains("login") || document.querySelector(".error-page") !== null;
    const banner = document.getElementById("session-banner");
    const here = banner && banner.closest("form") ? LongForm.key(banner.closest("form")) : null;
    for (const key of LongForm.keys()) {
      const draft = LongForm.read(key);
      if (!draft || (user && draft.user !== user)) { LongForm.remove(key); continue; }
      if (ended) {
        draft.submitted = false;
        draft.pending = true;
        LongForm.write(key, draft);
      } else if (key === here) {
        if (draft.submitted) {
          draft.submitted = false;
          LongForm.write(key, draft);
        }
      } else if (draft.submitted || !draft.pending) {
        LongForm.remove(key);
      }
    }
  }

  constructor(form, banner) {
    this.form = form;
    this.banner = banner;
    this.key = LongForm.key(form);
    this.message = banner.querySelector(".session-message");
    this.alert = banner.querySelector("[role=alert]");
    this.keepWorking = banner.querySelector("#session-continue");
    this.signIn = banner.querySelector("#session-sign-in");
    this.dismiss = banner.querySelector("#session-dismiss");
    this.dirty = false;
    this.ended = false;
    this.idleMs = null;
    this.idleEnd = null;
    this.absoluteEnd = null;
    this.lastBeat = 0;
    this.lastTry = 0;
    this.sent = false;
    this.dismissed = null;
    this.inFlight = null;
    this.mode = null;
  }

  start() {
    const next = window.location.pathname + window.location.search;
    this.signIn.href = `${this.banner.dataset.login}?next=${encodeURIComponent(next)}`;
    this.restoreDraft();
    const changed = () => {
      this.dirty = true;
      window.clearTimeout(this.saveTimer);
      this.saveTimer = window.setTimeout(() => this.saveDraft(), 250);
    };
    this.form.addEventListener("input", changed);
    this.form.addEventListener("change", changed);
    this.form.addEventListener("submit", (event) => this.submitting(event));
    this.keepWorking.addEventListener("click", () => {
      this.beat().then((alive) => { if (alive) this.hide(); });
    });
    this.dismiss.addEventListener("click", () => {
      this.dismissed = this.mode;
      this.hide();
    });
    window.addEventListener("pagehide", () => { if (this.dirty && !this.sent) this.saveDraft(); });
    window.addEventListener("resize", () => this.measure());
    this.beat();
    window.setInterval(() => this.tick(), 1000);
  }

  /** Named controls worth keeping: never the CSRF token, a password or a button. */
  static kept(element) {
    return element.name && element.name !== "csrf" && !["password", "file", "submit", "button", "reset", "image"].includes(element.type)
      && element.tagName !== "BUTTON" && element.tagName !== "FIELDSET" && element.tagName !== "OBJECT" && element.tagName !== "OUTPUT";
  }

  snapshot() {
    const names = [];
    const fields = [];
    for (const element of this.form.elements) {
      if (!LongForm.kept(element)) continue;
      if (!names.includes(element.name)) names.push(element.name);
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) continue;
      if (element.tagName === "SELECT" && element.multiple) {
        for (const option of element.selectedOptions) fields.push([element.name, option.value]);
      } else {
        fields.push([element.name, element.value]);
      }
    }
    return { names, fields };
  }

  saveDraft(extra = {}) {
    if (LongForm.signedOut) return;
    const old = LongForm.read(this.key) || {};
    LongForm.write(this.key, { ...this.snapshot(), user: LongForm.user(), savedAt: Date.now(), pending: this.ended || Boolean(old.pending),
                               submitted: false, ...extra });
  }

  /** A draft left when the session ended goes back into the form; the user is told. A draft
   *  whose patient the new page does not show yet is sent once more to the form (the server
   *  shows the patient and keeps every field) and announced there. */
  restoreDraft() {
    const draft = LongForm.read(this.key);
    if (!draft) return;
    if (draft.announce) {
      delete draft.announce;
      LongForm.write(this.key, draft);
      this.dirty = true;
      this.show("restored");
      return;
    }
    if (!draft.pending || !Array.isArray(draft.fields) || !Array.isArray(draft.names)) return;
    const values = new Map();
    for (const [name, value] of draft.fields) {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push(value);
    }
    const seen = new Map();
    const missing = new Set(draft.names);
    for (const element of this.form.elements) {
      if (!LongForm.kept(element) || !draft.names.includes(element.name)) continue;
      missing.delete(element.name);
      const list = values.get(element.name) || [];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = list.includes(element.value);
      } else {
        const index = seen.get(element.name) || 0;
        seen.set(element.name, index + 1);
        if (index < list.length) element.value = list[index];
      }
    }
    // The patient linked to the contact, which a fresh contact form lacks, comes back as it was.
    let resend = false;
    for (const name of [...missing].filter((name) => name === "patientId")) {
      for (const value of values.get(name) || []) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        this.form.appendChild(input);
        if (name === "patientId" && this.form.id === "contact-form") resend = value;
      }
    }
    draft.pending = false;
    this.dirty = true;
    if (resend) {
      draft.announce = true;
      LongForm.write(this.key, draft);
      const choose = document.createElement("input");
      choose.type = "hidden";
      choose.name = "selectPatient";
      choose.value = resend;
      this.form.appendChild(choose);
      HTMLFormElement.prototype.submit.call(this.form);
      return;
    }
    LongForm.write(this.key, draft);
    this.show("restored");
  }

  /** Before the form is sent: is the session still there? If not, nothing is sent (it would be
   *  refused and the page lost); the draft waits for the next sign-in. */
  submitting(event) {
    window.clearTimeout(this.saveTimer);
    this.saveDraft({ submitted: true });
    if (this.form.dataset.sessionChecked === "yes") {
      this.sent = true;
      return;
    }
    event.preventDefault();
    const submitter = event.submitter;
    this.beat().then((alive) => {
      if (alive === false) {
        this.saveDraft({ pending: true });
        this.signIn.focus();
        return;
      }
      this.form.dataset.sessionChecked = "yes";
      if (submitter && this.form.requestSubmit) this.form.requestSubmit(submitter);
      else HTMLFormElement.prototype.submit.call(this.form);
      delete this.form.dataset.sessionChecked;
    });
  }

  /** Resolves true (alive: the seconds left are known again), false (the session has ended) or
   *  null (no answer: the server decides when the form is sent). */
  beat() {
    if (this.inFlight) return this.inFlight;
    this.lastTry = Date.now();
    const controller = window.AbortController ? new AbortController() : null;
    const timeout = window.setTimeout(() => controller && controller.abort(), 8000);
    this.inFlight = fetch(this.banner.dataset.heartbeat, {
      credentials: "same-origin", cache: "no-store", redirect: "manual", signal: controller ? controller.signal : undefined,
    }).then((response) => {
      if (response.status === 401) { this.sessionEnded(); return false; }
      if (response.status !== 204) return null;
      const now = Date.now();
      const left = Number(response.headers.get("Lindring-Session-Seconds-Left"));
      const absolute = Number(response.headers.get("Lindring-Session-Absolute-Seconds-Left"));
      if (!Number.isFinite(left) || !Number.isFinite(absolute)) return null;
      this.lastBeat = now;
      this.idleMs = Math.max(this.idleMs || 0, left * 1000);
      this.idleEnd = now + left * 1000;
      this.absoluteEnd = now + absolute * 1000;
      if (this.mode === "idle") this.hide();
      return true;
    }).catch(() => null).finally(() => {
      window.clearTimeout(timeout);
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Once a second: a heartbeat when due, else the warning when the end is near. */
  tick() {
    if (this.ended || this.idleEnd === null) return;
    const now = Date.now();
    const end = Math.min(this.idleEnd, this.absoluteEnd);
    // A heartbeat helps only while the idle timeout, not the absolute limit, comes first.
    const extendable = this.idleEnd < this.absoluteEnd - 1000;
    const every = Math.min(5 * 60000, Math.max(10000, this.idleMs / 3));
    const retry = now - this.lastTry >= 10000;
    if (now >= end && retry) { this.beat(); return; }
    if (this.dirty && extendable && now - this.lastBeat >= every && retry) { this.beat(); return; }
    const warnBefore = extendable ? Math.min(2 * 60000, this.idleMs / 2) : Math.min(5 * 60000, this.idleMs / 2);
    if (end - now <= warnBefore) this.show(extendable ? "idle" : "absolute", end - now);
    else if (this.mode === "idle" || this.mode === "absolute") this.hide();
  }

  sessionEnded() {
    this.ended = true;
    if (this.dirty) this.saveDraft({ pending: true });
    this.show("ended");
  }

  time(ms) {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    return seconds >= 60
      ? this.banner.dataset.minutes.replace("{minutes}", String(Math.ceil(seconds / 60)))
      : this.banner.dataset.seconds.replace("{seconds}", String(seconds));
  }

  show(mode, msLeft = 0) {
    if (mode === this.dismissed) return;
    const texts = { idle: "idleWarning", absolute: "absoluteWarning", ended: "ended", restored: "restored" };
    const text = this.banner.dataset[texts[mode]].replace("{time}", this.time(msLeft));
    this.message.textContent = text;
    if (this.mode !== mode) {
      // Announced once (the countdown in the visible text changes every second).
      this.alert.textContent = text;
      window.setTimeout(() => { this.alert.textContent = ""; }, 5000);
      this.banner.className = `session-banner ${mode}`;
      this.keepWorking.hidden = mode !== "idle";
      this.signIn.hidden = mode !== "ended";
      this.dismiss.hidden = mode !== "absolute" && mode !== "restored";
      this.banner.hidden = false;
      this.mode = mode;
      this.measure();
    }
  }

  hide() {
    this.banner.hidden = true;
    this.mode = null;
    this.measure();
  }

  /** The banner covers the top of the window: the focused field must not go under it. */
  measure() {
    const root = document.documentElement;
    root.classList.toggle("session-banner-shown", !this.banner.hidden);
    root.style.setProperty("--session-banner-height", `${Math.ceil(this.banner.getBoundingClientRect().height)}px`);
  }
}
