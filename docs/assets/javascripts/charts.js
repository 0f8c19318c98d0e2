// Renders every chart container on the page from its embedded Vega-Lite spec.
// Runs on Material's instant navigation (document$) and on a plain load (also from file://).
(function () {
  function render() {
    if (typeof vegaEmbed === "undefined") return;
    document.querySelectorAll(".vega-chart[data-spec]:not([data-rendered])").forEach(function (el) {
      el.setAttribute("data-rendered", "1");
      var spec;
      try {
        spec = JSON.parse(el.getAttribute("data-spec"));
      } catch (e) {
        el.textContent = "图表数据无法读取。";
        return;
      }
      vegaEmbed(el, spec, { actions: false, renderer: "svg", tooltip: true }).catch(function () {
        el.removeAttribute("data-rendered");
        el.textContent = "图表无法显示，请查看下方的图表数据。";
      });
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(render);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
