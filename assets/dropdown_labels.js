// Dash 4's dcc.Dropdown names its button by its value alone (aria-labelledby points at the
// value), which hides the <label for="…"> the page gives it: a screen reader announced
// "2022" instead of "Édition, 2022". Put the label's id first in aria-labelledby so the
// accessible name is "label, value" (RGAA 11.1; WCAG 1.3.1, 4.1.2). Our own code, served by
// the app from assets/, like everything else.
(function () {
  "use strict";
  function patch() {
    var buttons = document.querySelectorAll("button.dash-dropdown[id]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
      if (!label) continue;
      if (!label.id) label.id = button.id + "-label";
      var current = (button.getAttribute("aria-labelledby") || "").split(/\s+/);
      if (current.indexOf(label.id) === -1) {
        button.setAttribute("aria-labelledby", [label.id].concat(current).join(" ").trim());
      }
    }
  }
  new MutationObserver(patch).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["aria-labelledby"],
  });
})();
