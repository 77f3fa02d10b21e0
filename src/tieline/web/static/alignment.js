// A country against its bloc toward a target: distance per period and event counts.
const d = JSON.parse(document.getElementById("chart-data").textContent);
const x = d.periods.map(p => p.period);
Plotly.newPlot("alignment-chart", [
  {x: x, y: d.periods.map(p => p.distance), mode: "lines+markers", name: "distance",
   connectgaps: false},
  {x: x, y: d.periods.map(p => p.country_events), type: "bar", name: d.country + " events",
   yaxis: "y2", opacity: 0.3},
  {x: x, y: d.periods.map(p => p.bloc_events), type: "bar", name: "partners' events",
   yaxis: "y2", opacity: 0.3}
], {margin: {t: 10}, xaxis: {type: "category"}, yaxis: {title: "distance", range: [0, 1]},
    yaxis2: {title: "events", overlaying: "y", side: "right"}, legend: {orientation: "h"}},
   {displayModeBar: false, responsive: true});
