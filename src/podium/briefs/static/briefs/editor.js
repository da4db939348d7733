// The brief editor's helpers. Progressive enhancement: every form works without them.
// - Autosave: a form with data-autosave="URL" posts its fields there (a server-side draft
//   per user and form) 700 ms after the last keystroke; the draft is restored when the
//   editor reopens and discarded when the form is saved as a version.
// - Leave warning: while a data-autosave form holds typed text that was not saved as a
//   version, leaving the page asks first (beforeunload).
// - Focus: after an HTMX swap of the document editor, focus goes where the server says
//   (data-focus: the moved section's button, the error, or the "saved" message), so
//   keyboard and screen-reader users keep their place.
(function () {
  var timers = new WeakMap();

  function csrf(form) {
    var input = form.querySelector("[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(form, text) {
    var status = form.querySelector("[data-autosave-status]");
    if (status) status.textContent = text;
  }

  function autosave(form) {
    var data = new FormData(form);
    data.delete("op");
    data.delete("focus");
    return fetch(form.dataset.autosave, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(form), "X-Podium-Autosave": "1" },
    })
      .then(function (response) {
        if (!form.isConnected || form.dataset.dirty !== "1") return;
        var time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        say(form, response.ok ? "Draft kept at " + time + " (not yet saved as a version)" : "The draft could not be kept.");
        form.dataset.autosaved = response.ok ? "1" : "";
      })
      .catch(function () {
        say(form, "The draft could not be kept (connection lost?).");
      });
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosave]");
    if (!form) return;
    form.dataset.dirty = "1";
    form.dataset.autosaved = "";
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { autosave(form); }, 700));
  });

  // Saving the form (as a version) ends its draft: no late autosave may recreate it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-autosave]")) return;
    clearTimeout(timers.get(form));
    form.dataset.dirty = "";
  }, true);

  window.addEventListener("beforeunload", function (event) {
    if (!document.querySelector("form[data-autosave][data-dirty='1']")) return;
    event.preventDefault();
    event.returnValue = "";  // older Chromium needs a value to show the dialog
  });

  document.body.addEventListener("htmx:responseError", function (event) {
    // A refused save (400 with the form again, or 409 stale) keeps the typed text unsaved.
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
    if (form) form.dataset.dirty = "1";
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target) return;
    var root = target.querySelector("[data-focus]");
    var place = (root && target.querySelector(root.dataset.focus)) ||
      target.querySelector("[data-error]") || target.querySelector("[data-saved]");
    var form = target.querySelector("form[data-section-form]");
    if (!place && form) place = form.querySelector("input[type=text], input:not([type]), textarea");
    if (place) place.focus();
  });
})();
