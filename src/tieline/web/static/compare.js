// Up to five pairs' index lines on one time axis, from the page's JSON block.
const d = JSON.parse(document.getElementById("chart-data").textContent);
if (d.lines.length) {
  Plotly.newPlot("compare-chart", d.lines.map(l => (
    {x: l.x, y: l.y, mode: "lines+markers", name: l.name, connectgaps: false})),
    {margin: {t: 10}, xaxis: {type: "date"}, yaxis: {title: "mean Goldstein", range: [-10, 10]},
     legend: {orientation: "h"}}, {displayModeBar: false, responsive: true});
}
