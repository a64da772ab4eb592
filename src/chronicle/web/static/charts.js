// Draws every chart on the page from the figure embedded as JSON beside it (no inline script).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("div.plot[data-figure]").forEach(function (node) {
    var source = document.getElementById(node.getAttribute("data-figure"));
    if (!source || typeof Plotly === "undefined") { return; }
    var figure = JSON.parse(source.textContent);
    Plotly.newPlot(node, figure.data, figure.layout, {displaylogo: false, responsive: true});
  });
});
