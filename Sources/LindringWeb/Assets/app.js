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
});
