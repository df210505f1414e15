// Draws the dashboard's figures. The server builds each figure and writes it into
// the page as a JSON block (json_script); every <div data-chart="ID"> is drawn from
// the block with that id, so the page needs no inline script (CSP).
(function () {
  "use strict";
  if (!window.Plotly) return;

  const CONFIG = {
    responsive: true,
    displaylogo: false,
    // The axes are fixed (no zoom on a phone scroll): selection tools do nothing.
    modeBarButtonsToRemove: ["select2d", "lasso2d"],
    // plotly's own words (month names, the mode bar) in the page's language: its
    // locale file (vendor/plotly/plotly-locale-<lang>.js) is loaded for a page not
    // in English; plotly falls back to English for a locale it does not have.
    locale: document.documentElement.lang || "en",
  };
  const AXES = /^[xy]axis\d*$/;

  // Colours from the page's own (Bootstrap) variables, so light and dark mode match.
  function palette() {
    const style = getComputedStyle(document.body);
    return {
      text: style.color,
      grid: style.getPropertyValue("--bs-border-color").trim() || "rgba(128,128,128,0.3)",
    };
  }

  function themed(layout) {
    const colours = palette();
    const out = Object.assign({}, layout, {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: Object.assign({}, layout.font, { color: colours.text }),
      autosize: true,
    });
    delete out.width; // the div's width: the chart follows the page
    Object.keys(out).forEach((key) => {
      if (AXES.test(key)) {
        out[key] = Object.assign({}, out[key], {
          gridcolor: colours.grid,
          zerolinecolor: colours.grid,
          linecolor: colours.grid,
        });
      }
    });
    return out;
  }

  function themeUpdate(div) {
    const colours = palette();
    const update = { "font.color": colours.text };
    Object.keys(div.layout).forEach((key) => {
      if (AXES.test(key)) {
        update[key + ".gridcolor"] = colours.grid;
        update[key + ".zerolinecolor"] = colours.grid;
        update[key + ".linecolor"] = colours.grid;
      }
    });
    return update;
  }

  // A heatmap cell narrower than this loses its gap: on a phone a long range's 120
  // columns are under 2 px each, and a 1 px gap would leave nothing of them.
  const MIN_CELL_WITH_GAP_PX = 4;

  function fitGaps(div, gaps) {
    const plot = div.querySelector(".nsewdrag");
    if (!plot || !div.data) return Promise.resolve();
    const width = plot.getBBox().width;
    const values = [];
    const traces = [];
    div.data.forEach((trace, i) => {
      if (trace.type !== "heatmap" || !gaps[i] || !trace.z || !trace.z.length) return;
      const gap = width / trace.z[0].length >= MIN_CELL_WITH_GAP_PX ? gaps[i] : 0;
      if ((trace.xgap || 0) !== gap) {
        values.push(gap);
        traces.push(i);
      }
    });
    return traces.length ? Plotly.restyle(div, { xgap: values }, traces) : Promise.resolve();
  }

  const drawn = [];
  document.querySelectorAll("[data-chart]").forEach((div) => {
    const source = document.getElementById(div.dataset.chart);
    if (!source) return;
    const figure = JSON.parse(source.textContent);
    const gaps = figure.data.map((trace) => trace.xgap || 0);
    // The stylesheet reserves a default height; the figure knows its own.
    if (figure.layout.height) div.style.minHeight = figure.layout.height + "px";
    Plotly.newPlot(div, figure.data, themed(figure.layout), CONFIG)
      .then(() => fitGaps(div, gaps))
      .then(() => {
        // Again whenever the chart is redrawn at another width (a turned phone).
        div.on("plotly_afterplot", () => fitGaps(div, gaps));
        div.dataset.drawn = "true";
      });
    drawn.push(div);
  });

  // Traces marked meta "toggle" (retired pairs) are shown by the chart's checkbox.
  document.querySelectorAll("[data-chart-toggle]").forEach((box) => {
    box.addEventListener("change", () => {
      const div = document.querySelector('[data-chart="' + box.dataset.chartToggle + '"]');
      if (!div || !div.data) return;
      const hidden = [];
      div.data.forEach((trace, i) => {
        if (trace.meta === "toggle") hidden.push(i);
      });
      Plotly.restyle(div, { visible: box.checked }, hidden);
      const heights = div.layout.meta && div.layout.meta.heights;
      if (heights) {
        const height = heights[box.checked ? 1 : 0];
        div.style.minHeight = height + "px";
        Plotly.relayout(div, { height: height });
      }
    });
  });

  // theme.js flips data-bs-theme when the system colour scheme changes.
  new MutationObserver(() => {
    drawn.forEach((div) => {
      if (div.layout) Plotly.relayout(div, themeUpdate(div));
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
})();
