// The review page.
// - An action refused because the brief changed (HTTP 409 from an HTMX request) is shown
//   above the brief instead of being dropped silently by htmx.
// - Keys (shown on the page in #key-help): J / K move to the next / previous finding to act
//   on (warn or fail), A applies its fix where an Apply button is offered, E opens the edit
//   of its section (the whole-document editor for the title, intro and closing). Keys do
//   nothing while typing in a field or with Ctrl, Alt or Meta held.
document.body.addEventListener("htmx:responseError", function (event) {
  var xhr = event.detail.xhr;
  if (!xhr || xhr.status !== 409) return;
  var alert = document.getElementById("stale-alert");
  if (!alert) return;
  alert.textContent = xhr.responseText;
  alert.hidden = false;
  alert.scrollIntoView({ block: "center" });
});

(function () {
  var resumeAt = null;  // after Apply swaps the page, focus the finding now at this place

  function findings() {
    return Array.prototype.filter.call(
      document.querySelectorAll("#review .finding[data-status=warn], #review .finding[data-status=fail]"),
      function (el) { return el.offsetParent !== null; }
    );
  }

  function typing(el) {
    return el && el.closest && (el.isContentEditable || el.closest("input, textarea, select, [contenteditable]"));
  }

  function select(list, index) {
    list.forEach(function (el) { el.classList.remove("finding--current"); });
    var el = list[index];
    el.classList.add("finding--current");
    el.focus();
    el.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (typing(event.target)) return;
    var key = (event.key || "").toLowerCase();
    if (["j", "k", "a", "e"].indexOf(key) < 0 || !document.getElementById("review")) return;
    var list = findings();
    var current = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".finding") : null;
    var at = list.indexOf(current);
    if (key === "j" || key === "k") {
      if (!list.length) return;
      event.preventDefault();
      if (at < 0) select(list, key === "j" ? 0 : list.length - 1);
      else select(list, key === "j" ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0));
      return;
    }
    if (at < 0) return;
    var finding = list[at];
    if (key === "a") {
      var apply = finding.querySelector("[data-apply]");
      if (!apply) return;
      event.preventDefault();
      resumeAt = at;
      apply.click();
    } else if (key === "e") {
      var section = finding.dataset.sectionOf;
      var edit = finding.querySelector("[data-edit-finding]") ||
        document.querySelector("#section-" + section + " [data-edit-section]") ||
        (section === "0" ? document.querySelector("[data-edit-document]") : null);
      if (!edit) return;
      event.preventDefault();
      edit.click();
    }
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (resumeAt === null || !event.detail.target || event.detail.target.id !== "review") return;
    var list = findings();
    if (list.length) select(list, Math.min(resumeAt, list.length - 1));
    resumeAt = null;
  });
})();
