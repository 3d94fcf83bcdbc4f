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
  function save(response, blob, fallback) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename(response, fallback);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }
  // A session that ended meanwhile (signed out elsewhere, expired): the server sends the
  // login page instead of the file. Go there, to come back to this page once signed in.
  function toLogin(response) {
    if (!response.redirected) return false;
    var target = new URL(response.url);
    if (target.pathname !== "/login") return false;
    target.searchParams.set("next", window.location.pathname + window.location.search);
    window.location.assign(target.toString());
    return true;
  }
  function fetched(url, fallback, say, failed) {
    return fetch(url, {credentials: "same-origin"})
      .then(function (response) {
        if (toLogin(response)) return;
        if (!response.ok) {
          return response.text().then(function (text) {
            throw new Error(reason(text) || String(response.status));
          });
        }
        return response.blob().then(function (blob) {
          save(response, blob, fallback);
          say("");
        });
      })
      .catch(function (error) {
        say((failed || "{reason}").replace("{reason}", error.message));
      });
  }
  // A link carrying data-fetch-download (the report's PDF and PowerPoint: seconds to make)
  // is fetched the same way; its status line is the element named by the attribute. A
  // second click while it is being made does nothing; a click with a modifier key (new
  // tab, save as) is left to the browser.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("a[data-fetch-download]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (link.getAttribute("aria-disabled") === "true") return;
    var status = document.getElementById(link.getAttribute("data-fetch-download"));
    var say = function (text) { if (status) status.textContent = text; };
    link.setAttribute("aria-disabled", "true");
    say(link.getAttribute("data-busy") || "");
    fetched(link.href, "rapport", say, link.getAttribute("data-failed"))
      .then(function () { link.removeAttribute("aria-disabled"); });
  });
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
    fetched("/image/" + encodeURIComponent(name) + "." + format + window.location.search,
            name + "." + format, say, button.getAttribute("data-failed"))
      .then(function () { button.removeAttribute("aria-disabled"); });
  });
})();
