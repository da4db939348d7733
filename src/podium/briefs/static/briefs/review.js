// The review page: an action refused because the brief changed (HTTP 409 from an HTMX
// request) is shown above the brief instead of being dropped silently by htmx.
document.body.addEventListener("htmx:responseError", function (event) {
  var xhr = event.detail.xhr;
  if (!xhr || xhr.status !== 409) return;
  var alert = document.getElementById("stale-alert");
  if (!alert) return;
  alert.textContent = xhr.responseText;
  alert.hidden = false;
  alert.scrollIntoView({ block: "center" });
});
