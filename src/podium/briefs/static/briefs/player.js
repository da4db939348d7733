/* Podium: make every [data-seek] link on the page seek the recording's player.
 *
 * The page holds one [data-podium-player] element: a YouTube iframe (driven by
 * the YouTube IFrame API), a Vimeo iframe (Vimeo player API) or an HTML5
 * <video>/<audio>. A click on <a data-seek="SECONDS"> seeks it and plays. A page
 * opened with ?t=SECONDS (the archive's ▶ links) cues the player there on load. When
 * the player API is not available (no scripts, no network), the link is
 * followed instead: its href opens the recording at that time (?t= / #t=).
 */
(function () {
  "use strict";
  if (window.podiumPlayer) return;

  var box = null;
  var api = null; // {seek: function(seconds)} once the player can be driven
  var startAt = null; // ?t=SECONDS: where to cue the player once it can be driven

  function readStart() {
    var t = parseFloat(new URLSearchParams(window.location.search).get("t"));
    return isNaN(t) || t < 0 ? null : t;
  }

  function drive(driver) {
    api = driver;
    if (startAt !== null && api.cue) {
      api.cue(startAt);
      box.scrollIntoView({ block: "start" });
      startAt = null;
    }
  }

  function loadScript(src, onload) {
    var s = document.createElement("script");
    s.src = src;
    s.async = true;
    s.onload = onload || null;
    document.head.appendChild(s);
  }

  function setup() {
    box = document.querySelector("[data-podium-player]");
    if (!box) return;
    startAt = readStart();
    var kind = box.getAttribute("data-kind");
    if (kind === "video" || kind === "audio") {
      var media = box.querySelector("video, audio");
      var cue = function (t) {
        if (media.readyState >= 1) media.currentTime = t;
        else media.addEventListener("loadedmetadata", function () { media.currentTime = t; }, { once: true });
      };
      if (startAt !== null && media.preload === "none") media.preload = "metadata";
      drive({
        cue: cue,
        seek: function (t) {
          media.currentTime = t;
          var p = media.play();
          if (p && p.catch) p.catch(function () {});
        },
      });
    } else if (kind === "youtube") {
      var iframe = box.querySelector("iframe");
      var previous = window.onYouTubeIframeAPIReady;
      window.onYouTubeIframeAPIReady = function () {
        if (previous) previous();
        var yt = new window.YT.Player(iframe.id, {
          events: {
            onReady: function () {
              drive({
                cue: function (t) { yt.cueVideoById({ videoId: box.getAttribute("data-video-id"), startSeconds: t }); },
                seek: function (t) { yt.seekTo(t, true); yt.playVideo(); },
              });
            },
          },
        });
      };
      if (window.YT && window.YT.Player) window.onYouTubeIframeAPIReady();
      else loadScript("https://www.youtube.com/iframe_api");
    } else if (kind === "vimeo") {
      var frame = box.querySelector("iframe");
      var ready = function () {
        var vp = new window.Vimeo.Player(frame);
        vp.ready().then(function () {
          drive({
            cue: function (t) { vp.setCurrentTime(t); },
            seek: function (t) { vp.setCurrentTime(t).then(function () { vp.play(); }); },
          });
        });
      };
      if (window.Vimeo && window.Vimeo.Player) ready();
      else loadScript("https://player.vimeo.com/api/player.js", ready);
    }
  }

  function seek(seconds) {
    if (!api) return false;
    api.seek(seconds);
    if (box && box.getBoundingClientRect().bottom < 0) {
      var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      box.scrollIntoView({ behavior: still ? "auto" : "smooth" });
    }
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-seek]") : null;
    if (!link) return;
    var seconds = parseFloat(link.getAttribute("data-seek"));
    if (isNaN(seconds)) return;
    if (seek(seconds)) event.preventDefault();
  });

  window.podiumPlayer = { seek: seek, ready: function () { return api !== null; }, start: readStart };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
