// One keyboard-reachable action per chart to save it as an image, in place of plotly's
// modebar (six tab stops per chart, and it covered chart text). A button carrying
// data-chart-graph (the dcc.Graph's id) and data-chart-file (the file's name) saves that
// chart as a PNG at twice its size, drawn by plotly.js in the browser.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-chart-graph]");
    if (!button || !window.Plotly) return;
    var graph = document.getElementById(button.getAttribute("data-chart-graph"));
    var plot = graph && graph.querySelector(".js-plotly-plot");
    if (!plot) return;
    window.Plotly.downloadImage(plot, {
      format: "png",
      scale: 2,
      filename: button.getAttribute("data-chart-file") || "graphique",
    });
  });
})();
