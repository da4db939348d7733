/* Podium: a transcript under the player.
 *
 * - Filters the turns as the reader types (case-insensitive, all words).
 * - Follows playback of an HTML5 <video>/<audio> player on the page: the turn
 *   being spoken gets aria-current="true" and the .is-current highlight. The list
 *   is aria-live="off", so screen readers are not interrupted; focus never moves.
 *   While the transcript box is open, its list scrolls to keep the current turn
 *   in view (instantly, not smoothly, under prefers-reduced-motion).
 */
(function () {
  "use strict";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function setupSearch(root) {
    var input = root.querySelector("[data-transcript-search]");
    var count = root.querySelector("[data-transcript-count]");
    var turns = Array.prototype.slice.call(root.querySelectorAll("[data-turn]"));
    if (!input) return;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      turns.forEach(function (turn) {
        var text = turn.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        turn.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = words.length ? shown + " of " + turns.length + " passages match" : "";
    });
  }

  function setupFollow(root) {
    var media = document.querySelector("[data-podium-player] video, [data-podium-player] audio");
    if (!media) return;
    var turns = Array.prototype.slice.call(root.querySelectorAll("[data-turn]"));
    var starts = turns.map(function (t) { return parseFloat(t.getAttribute("data-start")); });
    var current = null;
    function update() {
      var now = media.currentTime;
      var found = null;
      for (var i = 0; i < turns.length; i++) {
        if (starts[i] <= now) found = turns[i];
        else break;
      }
      if (found === current) return;
      if (current) { current.classList.remove("is-current"); current.removeAttribute("aria-current"); }
      current = found;
      if (!current) return;
      current.classList.add("is-current");
      current.setAttribute("aria-current", "true");
      var list = current.parentElement;
      var box = root.closest("details");
      if ((!box || box.open) && list.scrollHeight > list.clientHeight) {
        list.scrollTo({ top: current.offsetTop - list.offsetTop, behavior: reduceMotion ? "auto" : "smooth" });
      }
    }
    media.addEventListener("timeupdate", update);
    media.addEventListener("seeked", update);
  }

  function init() {
    document.querySelectorAll("[data-podium-transcript]").forEach(function (root) {
      setupSearch(root);
      setupFollow(root);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
