// Disclosure buttons (the WAI-ARIA disclosure pattern), for the navbar's « Menu » below its
// breakpoint and the account's panel: a button with data-disclosure shows or hides the
// element named by its aria-controls (Bootstrap's `show` class) and says so in aria-expanded.
// Escape closes the innermost one open and gives the focus back to its button; a click
// outside an open "popup" closes it. The Dash pages (layouts/shell.py) and the server-rendered
// ones (layouts/account_pages.py) use it alike; without script, the links stay reachable on a
// wide screen, where nothing is hidden.
(function () {
  "use strict";
  function panelOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }
  function setOpen(button, open) {
    var panel = panelOf(button);
    if (!panel) return;
    panel.classList.toggle("show", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function openButtons() {
    return Array.prototype.slice.call(
      document.querySelectorAll('[data-disclosure][aria-expanded="true"]')
    );
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest && target.closest("[data-disclosure]");
    openButtons().forEach(function (open) {
      var panel = panelOf(open);
      var inside = panel && panel.contains(target);
      if (open !== button && open.dataset.disclosure === "popup" && !inside) {
        setOpen(open, false);
      }
    });
    if (button) setOpen(button, button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = openButtons();
    if (!open.length) return;
    var innermost = open[open.length - 1];
    setOpen(innermost, false);
    innermost.focus();
  });
})();
