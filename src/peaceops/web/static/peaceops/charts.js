// Draw every figure the server prepared: <div data-figure="x"> takes its JSON from
// <script type="application/json" id="figure-x">. Map geometry is served locally.
"use strict";
const PLOTLY_CONFIG = {responsive: true, displaylogo: false,
                       topojsonURL: "/static/vendor/topojson/"};
document.querySelectorAll("[data-figure]").forEach((node) => {
  const source = document.getElementById("figure-" + node.dataset.figure);
  if (!source) { return; }
  const figure = JSON.parse(source.textContent);
  Plotly.newPlot(node, figure.data, figure.layout, PLOTLY_CONFIG);
});
