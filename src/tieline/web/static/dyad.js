// The pair page's charts, drawn from the JSON block the page carries (no inline script).
const d = JSON.parse(document.getElementById("chart-data").textContent);
const config = {displayModeBar: false, responsive: true};
const time = {type: "date", title: "period"};
if (d.periods.length) {
  const [a, b] = d.pair;
  Plotly.newPlot("index-chart", [
    {x: d.x, y: d.index, mode: "lines+markers", name: "both directions", connectgaps: false},
    {x: d.x, y: d.forward, mode: "lines+markers", name: a + " → " + b, connectgaps: false},
    {x: d.x, y: d.backward, mode: "lines+markers", name: b + " → " + a, connectgaps: false},
    {x: d.x, y: d.events, type: "bar", name: "events", yaxis: "y2", opacity: 0.25}
  ], {margin: {t: 10}, xaxis: time, yaxis: {title: "mean Goldstein", range: [-10, 10]},
      yaxis2: {title: "events", overlaying: "y", side: "right"}, legend: {orientation: "h"}},
     config);
  const quads = {"1": "verbal cooperation", "2": "material cooperation",
                 "3": "verbal conflict", "4": "material conflict"};
  Plotly.newPlot("quad-chart", Object.keys(quads).map(q => (
    {x: d.x, y: d.quad[q], type: "bar", name: quads[q]})),
    {barmode: "stack", margin: {t: 10}, xaxis: time, yaxis: {title: "events"},
     legend: {orientation: "h"}}, config);
  Plotly.newPlot("channels-chart", [
    {x: d.x, y: d.official, mode: "lines+markers", name: "official (Track 1)"},
    {x: d.x, y: d.unofficial, mode: "lines+markers", name: "unofficial (Track 2)"}
  ], {margin: {t: 10}, xaxis: time, yaxis: {title: "events"}, legend: {orientation: "h"}},
     config);
}
