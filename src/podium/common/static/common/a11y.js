/* Podium: page-wide accessibility helpers (no dependencies).
 *
 * - A form's error summary ([data-error-summary], common/_error_summary.html) takes
 *   the focus when the page loads, so keyboard and screen-reader users start at the
 *   list of problems; its links move the focus to the field, not only the view.
 */
(function () {
  "use strict";
  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("[data-error-summary] a[href^='#']") : null;
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
