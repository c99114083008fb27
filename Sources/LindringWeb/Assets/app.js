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
  // Move focus to the error summary so screen readers announce it.
  const summary = document.querySelector("form .form-error");
  if (summary) { summary.setAttribute("tabindex", "-1"); summary.focus(); }

  // The advisory line: "N" (or the access key, Alt+N) starts a new contact from any advisory
  // page when the cursor is not in a field; Ctrl+Enter saves the contact form.
  const newContact = document.querySelector("body.advisory a[accesskey='n']");
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (newContact && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "n" || event.key === "N")) {
      event.preventDefault();
      window.location.assign(newContact.href);
    }
    const save = document.getElementById("save-contact");
    if (save && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save.click();
    }
  });
  // The advisory board updates itself when a colleague saves a contact or closes a follow-up:
  // the server sends one short event, the board fetches its content once (never polling).
  const board = document.getElementById("board");
  if (board && board.dataset.events && window.EventSource) {
    let pending = null;
    const refresh = () => {
      pending = null;
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
});
