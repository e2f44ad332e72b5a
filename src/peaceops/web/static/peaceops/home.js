// Home map: missions active in the chosen year, optionally of one organization.
"use strict";
(function () {
  const points = JSON.parse(document.getElementById("map-data").textContent);
  const year = document.getElementById("year");
  const yearValue = document.getElementById("year-value");
  const organization = document.getElementById("organization");
  const status = document.getElementById("map-status");
  const list = document.getElementById("map-list");
  const map = document.getElementById("world-map");
  const colours = {un: "#1f5fa8", eu: "#003399", osce: "#2a7f2a", nato: "#555555",
                   au: "#9a6b00", ecowas: "#7a4a36", fra: "#b22222"};

  function visible() {
    const y = Number(year.value);
    const org = organization.value;
    return points.filter((p) => p.start <= y && (p.end === null || p.end >= y) &&
                                (!org || p.org === org));
  }

  function draw() {
    const shown = visible();
    yearValue.textContent = year.value;
    status.textContent = shown.length + " missions active in " + year.value +
      (organization.value ? " led by " + organization.value.toUpperCase() : "");
    const trace = {
      type: "scattergeo", mode: "markers", lat: shown.map((p) => p.lat),
      lon: shown.map((p) => p.lon), text: shown.map((p) => p.label + " (" + p.org.toUpperCase() + ")"),
      customdata: shown.map((p) => p.id), hovertemplate: "%{text}<extra></extra>",
      marker: {size: 10, color: shown.map((p) => colours[p.org] || "#6a3d9a"),
               line: {color: "#ffffff", width: 1}},
    };
    const layout = {margin: {l: 0, r: 0, t: 0, b: 0}, height: 460, showlegend: false,
                    // the whole world, whatever the markers: a fixed frame reads better over time
                    geo: {projection: {type: "natural earth"}, showcountries: true,
                          lonaxis: {range: [-180, 180]}, lataxis: {range: [-58, 85]},
                          countrycolor: "#b0b0b0", showland: true, landcolor: "#eef1f4",
                          showocean: true, oceancolor: "#dfe9f3", showframe: false}};
    Plotly.react(map, [trace], layout, PLOTLY_CONFIG);
    list.replaceChildren(...shown.map((p) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "/missions/" + encodeURIComponent(p.id) + "/";
      link.textContent = p.label;
      item.append(link);
      return item;
    }));
  }

  year.addEventListener("input", draw);
  organization.addEventListener("change", draw);
  map.addEventListener("plotly_click", (event) => {
    const point = event.points && event.points[0];
    if (point) { window.location.href = "/missions/" + encodeURIComponent(point.customdata) + "/"; }
  });
  draw();
})();
