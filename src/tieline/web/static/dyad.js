// The pair page's charts, drawn from the JSON block the page carries (no inline script).
const d = JSON.parse(document.getElementById("chart-data").textContent);
Plotly.newPlot("index-chart", [
  {x: d.periods, y: d.index, mode: "lines+markers", name: "mean Goldstein"},
  {x: d.periods, y: d.events, type: "bar", name: "events", yaxis: "y2", opacity: 0.3}
], {margin: {t: 10}, yaxis: {title: "mean Goldstein", range: [-10, 10]},
    yaxis2: {title: "events", overlaying: "y", side: "right"}, legend: {orientation: "h"}},
   {displayModeBar: false, responsive: true});
Plotly.newPlot("channels-chart", [
  {x: d.periods, y: d.official, mode: "lines+markers", name: "official (Track 1)"},
  {x: d.periods, y: d.unofficial, mode: "lines+markers", name: "unofficial (Track 2)"}
], {margin: {t: 10}, yaxis: {title: "events"}, legend: {orientation: "h"}},
   {displayModeBar: false, responsive: true});
