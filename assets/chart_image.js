// One keyboard-reachable pair of buttons per chart, PNG and SVG, in place of plotly's modebar
// (six tab stops per chart, and it covered chart text). A button carrying data-chart-image
// (the block's name) and data-format asks the server for the image of that block in the
// page's current view (/image/<name>.<format> with the page's query: the address is the
// view), drawn with its title, edition, peer group, N and source line
// (callbacks/reports.py), and saves it under the name the server gives. The block's status
// line says while it is being prepared, and why when it could not be.
(function () {
  "use strict";
  function filename(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="([^"]+)"/.exec(header);
    return match ? match[1] : fallback;
  }
  function reason(text) {
    var doc = new DOMParser().parseFromString(text, "text/html");
    var p = doc.querySelector("main p") || doc.body;
    return (p && p.textContent || "").trim().slice(0, 300);
  }
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-chart-image]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    var name = button.getAttribute("data-chart-image");
    var format = button.getAttribute("data-format");
    var block = button.parentElement;
    var status = block && block.querySelector(".chart-image-status");
    var say = function (text) { if (status) status.textContent = text; };
    button.setAttribute("aria-disabled", "true");
    say(button.getAttribute("data-busy") || "");
    fetch("/image/" + encodeURIComponent(name) + "." + format + window.location.search,
          {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) {
          return response.text().then(function (text) {
            throw new Error(reason(text) || String(response.status));
          });
        }
        return response.blob().then(function (blob) {
          var link = document.createElement("a");
          link.href = URL.createObjectURL(blob);
          link.download = filename(response, name + "." + format);
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
          say("");
        });
      })
      .catch(function (error) {
        say((button.getAttribute("data-failed") || "{reason}").replace("{reason}", error.message));
      })
      .then(function () { button.removeAttribute("aria-disabled"); });
  });
})();
