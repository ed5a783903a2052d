// The console's only script: draws the charts (plotly.js from the Plotly.Blazor package) and follows the live
// anomaly feed (server-sent events). Every page works without it; it adds pictures and live rows.
"use strict";

function drawCharts() {
  if (typeof Plotly === "undefined") return false;
  for (const el of document.querySelectorAll("[data-chart]:not([data-drawn])")) {
    const c = JSON.parse(el.dataset.chart);
    const traces = [];
    if (c.low && c.high) {
      traces.push({ x: c.x, y: c.low, mode: "lines", line: { width: 0 }, hoverinfo: "skip", showlegend: false });
      traces.push({ x: c.x, y: c.high, mode: "lines", line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(15,108,189,0.15)", name: "minute min-max" });
    }
    traces.push({ x: c.x, y: c.y, mode: "lines", line: { color: "#0f6cbd", width: 1.5 }, name: c.title });
    if (c.verdicts.length > 0) {
      traces.push({ x: c.verdicts.map(v => v.at), y: c.verdicts.map(v => v.value), text: c.verdicts.map(v => v.text), mode: "markers",
        marker: { color: "#c50f1f", size: 7 }, name: "verdicts", hovertemplate: "%{text}<extra></extra>" });
    }
    const shapes = c.anomalies.map(a => ({ type: "rect", xref: "x", yref: "paper", x0: a.from, x1: a.to, y0: 0, y1: 1,
      fillcolor: a.severity === "critical" || a.severity === "high" ? "rgba(197,15,31,0.18)" : "rgba(218,59,1,0.12)", line: { width: 0 } }));
    if (c.bandLow !== null && c.bandHigh !== null) {
      shapes.push({ type: "rect", xref: "paper", yref: "y", x0: 0, x1: 1, y0: c.bandLow, y1: c.bandHigh, fillcolor: "rgba(16,124,16,0.08)", line: { width: 0 }, layer: "below" });
    }
    const values = c.y.concat(c.low || [], c.high || [], c.verdicts.map(v => v.value));
    const lo = Math.min(...values), hi = Math.max(...values), pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
    Plotly.newPlot(el, traces, {
      margin: { l: 50, r: 10, t: 10, b: 30 }, height: 220, showlegend: false, shapes,
      xaxis: { range: [c.from, c.to], type: "date" }, yaxis: values.length > 0 ? { range: [lo - pad, hi + pad] } : {}, font: { family: "Segoe UI, system-ui, sans-serif", size: 11 },
    }, { displayModeBar: false, responsive: true });
    el.dataset.drawn = "true";
  }
  document.body.dataset.chartsDrawn = String(document.querySelectorAll("[data-chart]:not([data-drawn])").length === 0);
  return true;
}

function followAnomalies(section) {
  const rows = section.querySelector("[data-live-rows]");
  const state = section.querySelector("[data-live-state]");
  const announce = section.querySelector("[data-live-announce]");
  const known = new Set(section.dataset.known.split(" "));
  const source = new EventSource(section.dataset.live);
  source.onopen = () => { state.textContent = "following"; section.dataset.state = "following"; };
  source.onerror = () => { state.textContent = "reconnecting"; section.dataset.state = "reconnecting"; };
  source.addEventListener("anomaly", event => {
    const a = JSON.parse(event.data);
    const inbox = document.querySelector(`.inbox tr[data-anomaly="${CSS.escape(a.id)}"]`);
    if (inbox) {
      // already listed: its severity, status and count change in place
      replace(inbox.cells[4], badge("severity-" + a.severity, a.severity));
      replace(inbox.cells[5], badge("status-" + a.status.replace("_", "-"), a.status.replace("_", " ")));
      inbox.cells[6].textContent = a.count;
      return;
    }
    let row = rows.querySelector(`tr[data-anomaly="${CSS.escape(a.id)}"]`);
    if (!row && known.has(a.id)) return; // listed elsewhere (another page, another filter) when this page was made: not new
    if (!row) {
      row = document.createElement("tr");
      row.dataset.anomaly = a.id;
      for (let i = 0; i < 6; i++) row.appendChild(document.createElement("td"));
      row.cells[1].appendChild(link("/ui/devices/" + encodeURIComponent(a.deviceId), a.deviceId));
      row.cells[2].appendChild(link("/ui/anomalies/" + encodeURIComponent(a.id), a.series));
      row.cells[5].className = "num";
      rows.prepend(row);
      announce.textContent = `New anomaly on ${a.deviceId}: ${a.series}, ${a.severity}`;
    }
    row.cells[0].textContent = new Date(a.lastSeen).toISOString().replace("T", " ").slice(0, 19) + " UTC";
    replace(row.cells[3], badge("severity-" + a.severity, a.severity));
    replace(row.cells[4], badge("status-" + a.status.replace("_", "-"), a.status.replace("_", " ")));
    row.cells[5].textContent = a.count;
  });
}

function replace(cell, child) {
  cell.replaceChildren(child);
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

function badge(kind, text) {
  const span = document.createElement("span");
  span.className = "badge " + kind;
  span.textContent = text;
  return span;
}

window.addEventListener("load", () => {
  if (!drawCharts()) document.body.dataset.chartsDrawn = String(document.querySelectorAll("[data-chart]").length === 0);
  for (const section of document.querySelectorAll("[data-live]")) followAnomalies(section);
});
