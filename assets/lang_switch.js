// The language switch keeps the view the person built: the pages write their filters into the
// address as they change (history.pushState, no reload), after the switch's link was drawn.
// Just before the link is followed (click, middle click, keyboard), its address is made the
// current one with the other language. Without script, the link still switches language on
// the view the page was loaded with.
(function () {
  "use strict";
  function refresh(event) {
    var link = event.target && event.target.closest && event.target.closest("a#lang-switch");
    if (!link) return;
    var lang = link.getAttribute("hreflang");
    var params = window.location.search
      .replace(/^\?/, "")
      .split("&")
      .filter(function (part) {
        return part && part.split("=")[0] !== "lang";
      });
    if (lang && lang !== "fr") params.push("lang=" + encodeURIComponent(lang));
    link.setAttribute(
      "href",
      window.location.pathname + (params.length ? "?" + params.join("&") : "")
    );
  }
  ["click", "auxclick", "focusin", "mouseover", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, refresh, true);
  });
})();
