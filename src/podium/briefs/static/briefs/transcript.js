/* Podium: filter a transcript's turns as the reader types (case-insensitive, all words). */
(function () {
  "use strict";
  function setup(root) {
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
  function init() {
    document.querySelectorAll("[data-podium-transcript]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
