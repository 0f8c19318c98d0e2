// Draws every chart on the page from its embedded Vega spec, and offers it as an SVG or PNG image with its title,
// source line and amount unit drawn in. The Vega runtime is loaded only on pages that have a chart.
// Runs on Material's instant navigation (document$) and on a plain load (also from file://).
(function () {
  var here = document.currentScript ? document.currentScript.src : "";
  var runtime = null; // a promise of the Vega runtime, loaded once
  var FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

  function loadVega() {
    if (typeof vega !== "undefined") return Promise.resolve();
    if (!runtime) {
      runtime = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("../vendor/vega.min.js", here || location.href).href;
        script.onload = resolve;
        script.onerror = function () {
          runtime = null;
          reject(new Error("vega"));
        };
        document.head.appendChild(script);
      });
    }
    return runtime;
  }

  function specOf(el) {
    return JSON.parse(el.getAttribute("data-spec"));
  }

  // The chart as a standalone image: a fixed width, its title, and the source and unit under the title.
  function imageSpec(el) {
    var spec = specOf(el);
    spec.signals = (spec.signals || []).map(function (s) {
      return s.name === "width" ? { name: "width", value: 720 } : s;
    });
    var lines = [el.getAttribute("data-source"), el.getAttribute("data-unit")].filter(Boolean);
    spec.title = {
      text: el.getAttribute("data-title") || "",
      subtitle: lines,
      anchor: "start",
      fontSize: 14,
      subtitleFontSize: 11,
      subtitleColor: "#555",
      font: FONT,
      subtitleFont: FONT,
    };
    spec.padding = 12;
    return spec;
  }

  function download(el, format) {
    var view = new vega.View(vega.parse(imageSpec(el)), { renderer: "none" });
    return view
      .runAsync()
      .then(function () {
        return view.toImageURL(format, format === "png" ? 2 : 1);
      })
      .then(function (url) {
        var a = document.createElement("a");
        a.href = url;
        a.download = (el.getAttribute("data-file") || "chart") + "." + format;
        document.body.appendChild(a);
        a.click();
        a.remove();
        view.finalize();
      });
  }

  function draw(el) {
    var spec;
    try {
      spec = specOf(el);
    } catch (e) {
      el.textContent = "图表数据无法读取。";
      return;
    }
    var view = new vega.View(vega.parse(spec), { renderer: "svg", container: el, hover: true });
    view.runAsync().then(
      function () {
        var svg = el.querySelector("svg");
        if (svg) svg.setAttribute("aria-hidden", "true"); // the container's label and the data table describe it
        var tools = el.parentNode.querySelector(".chart-export");
        if (tools) {
          tools.hidden = false;
          tools.querySelectorAll("button[data-format]").forEach(function (b) {
            b.onclick = function () {
              download(el, b.getAttribute("data-format"));
            };
          });
        }
      },
      function () {
        el.removeAttribute("data-rendered");
        el.textContent = "图表无法显示，请查看下方的图表数据。";
      }
    );
  }

  function render() {
    var charts = document.querySelectorAll(".vega-chart[data-spec]:not([data-rendered])");
    if (!charts.length) return;
    charts.forEach(function (el) {
      el.setAttribute("data-rendered", "1");
    });
    loadVega().then(
      function () {
        charts.forEach(draw);
      },
      function () {
        charts.forEach(function (el) {
          el.removeAttribute("data-rendered");
          el.textContent = "图表无法显示，请查看下方的图表数据。";
        });
      }
    );
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
