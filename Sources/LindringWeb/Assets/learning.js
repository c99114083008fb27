// E-learning that keeps working offline. The service worker keeps the pages; this script keeps
// what the learner does. Every form on a module's page (a section read, a reflection, the check)
// becomes a change with the id the page made for it; changes wait in the device's storage and
// are sent to /api/v1/learning/progress whenever the device is online. The server stores each id
// once, so sending again after a lost answer stores nothing twice.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/service-worker.js").catch(function () {});
  }
  var root = document.getElementById("module");
  if (!root) return;
  // Keep this page for reading offline, even before the service worker controls it.
  if ("caches" in window) {
    caches.open("lindring-learning-v2").then(function (cache) { return cache.add(location.pathname); }).catch(function () {});
  }
  // One queue per user: on a shared device, one learner's unsent work is never sent as another's.
  var QUEUE = "lindring.learning.queue." + root.dataset.user;
  var moduleId = root.dataset.module;
  var statusLine = document.getElementById("sync-status");

  function queue() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function keep(changes) { localStorage.setItem(QUEUE, JSON.stringify(changes)); }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }
  // A page read from the cache brings back the ids it was made with: every form gets a new one,
  // so a second reflection or a second try at the check is never taken for a re-send.
  Array.prototype.forEach.call(document.querySelectorAll('form.progress-form input[name="clientId"]'), function (input) {
    input.value = newId();
  });
  function say(text) { if (statusLine) statusLine.textContent = text; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key] !== undefined ? values[key] : ""; });
  }

  var sending = false;
  function send() {
    var changes = queue();
    if (sending || changes.length === 0) return;
    sending = true;
    fetch("/api/v1/learning/progress", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": root.dataset.csrf },
      body: JSON.stringify({ changes: changes })
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (body) {
      var done = {};
      (body.results || []).forEach(function (result) {
        // Stored, sent before, or refused: either way it leaves the queue, so one bad change
        // never holds back the rest.
        done[String(result.clientId).toLowerCase()] = true;
        if (result.status !== "rejected" && result.right !== null && result.right !== undefined) showResult(result);
      });
      keep(queue().filter(function (change) { return !done[String(change.clientId).toLowerCase()]; }));
      say(root.dataset.savedServer);
    }).catch(function () {
      say(root.dataset.savedDevice);
    }).then(function () { sending = false; });
  }

  function showResult(result) {
    var line = document.getElementById("check-result");
    if (!line) {
      line = document.createElement("p");
      line.id = "check-result";
      var form = document.querySelector(".check-form");
      form.parentNode.insertBefore(line, form);
    }
    line.className = result.passed ? "notice" : "notice warning";
    line.textContent = fill(result.passed ? root.dataset.checkPassed : root.dataset.checkFailed, { right: result.right });
  }

  function changeFrom(form) {
    var data = new FormData(form);
    var change = { clientId: data.get("clientId"), moduleId: moduleId, kind: data.get("kind"), at: new Date().toISOString() };
    if (data.get("section") !== null) change.section = parseInt(data.get("section"), 10);
    if (data.get("question") !== null) change.question = parseInt(data.get("question"), 10);
    if (change.kind === "reflection") change.text = data.get("text");
    if (change.kind === "checkAnswers") {
      change.answers = Array.prototype.map.call(form.querySelectorAll("fieldset.question"), function (fieldset, index) {
        var chosen = form.querySelector('input[name="answers[' + index + ']"]:checked');
        return chosen ? parseInt(chosen.value, 10) : null;
      });
    }
    return change;
  }

  function showLocally(form, change) {
    if (change.kind === "sectionRead") {
      var section = document.getElementById("section-" + change.section);
      if (section) section.classList.add("read");
      var next = document.getElementById("section-" + (change.section + 1)) || document.getElementById("check");
      if (next) next.scrollIntoView({ behavior: "smooth", block: "start" });
    } else if (change.kind === "reflection") {
      var list = form.parentNode.querySelector(".reflections");
      var item = document.createElement("li");
      var text = document.createElement("p");
      text.className = "prewrap";
      text.textContent = change.text;
      var note = document.createElement("p");
      note.className = "hint";
      note.textContent = root.dataset.savedReflection;
      item.appendChild(text);
      item.appendChild(note);
      list.insertBefore(item, list.firstChild);
      form.querySelector("textarea").value = "";
    } else if (change.kind === "checkAnswers") {
      var line = document.getElementById("check-result");
      if (line) line.textContent = root.dataset.checkSent;
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.progress-form"), function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var change = changeFrom(form);
      if (change.kind === "reflection" && !(change.text || "").trim()) return;
      var changes = queue();
      changes.push(change);
      keep(changes);
      // The next submit of this form is a new change (a second reflection is kept beside the first).
      form.querySelector('input[name="clientId"]').value = newId();
      showLocally(form, change);
      say(navigator.onLine ? root.dataset.savedServer : root.dataset.savedDevice);
      send();
    });
  });

  window.addEventListener("online", send);
  window.addEventListener("offline", function () { say(root.dataset.savedDevice); });
  setInterval(send, 10000);
  send();
})();
