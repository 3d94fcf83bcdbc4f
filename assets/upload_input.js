// The import panel's file control (« Données », admins; layouts/uploads.py). Dash renders no
// <input type="file">, so the page renders an empty slot carrying the control's attributes
// (data-*), and this puts a real file input in it whenever the slot appears: the plain
// multipart form then posts the file itself to /data/upload (never through a callback).
(function () {
  "use strict";
  function fill() {
    var slots = document.querySelectorAll("[data-file-input-slot]");
    for (var i = 0; i < slots.length; i++) {
      var slot = slots[i];
      if (slot.querySelector("input[type=file]")) continue;
      var input = document.createElement("input");
      input.type = "file";
      input.id = slot.getAttribute("data-id");
      input.name = slot.getAttribute("data-name");
      input.accept = slot.getAttribute("data-accept");
      input.multiple = true;
      input.required = true;
      input.className = "form-control";
      input.setAttribute("aria-describedby", slot.getAttribute("data-describedby"));
      slot.appendChild(input);
    }
  }
  new MutationObserver(fill).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", fill);
})();
