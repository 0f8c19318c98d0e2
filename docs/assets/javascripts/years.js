// The year selector of the archived snapshots: it keeps the page when the other year has it; when it does not,
// it opens that year's page of the same unit (or the year's home page) and says there what was not found,
// instead of dropping the reader on another page without a word.
(function () {
  var here = document.currentScript ? document.currentScript.src : location.href;
  var root = new URL("../../", here); // assets/javascripts/years.js → the snapshot's root

  function exists(url) {
    return fetch(url, { method: "HEAD" }).then(
      function (r) {
        return r.ok;
      },
      function () {
        return false;
      }
    );
  }

  function currentYear() {
    var m = /\/(\d{4})\/$/.exec(root.pathname);
    return m ? m[1] : "";
  }

  window.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest ? event.target.closest(".md-version__link") : null;
      if (!link || location.protocol === "file:") return;
      event.preventDefault();
      event.stopImmediatePropagation();
      var target = new URL(link.getAttribute("href"), location.href);
      if (!/\/$/.test(target.pathname)) target = new URL("./", target);
      var page = location.href.slice(root.href.length).split(/[?#]/)[0] || "index.html";
      var unit = page.indexOf("/") > 0 ? page.split("/")[0] + "/index.html" : "";
      var tries = [page];
      if (unit && unit !== page) tries.push(unit);
      (function next(i) {
        if (i >= tries.length) {
          return go(new URL("index.html", target), page);
        }
        var url = new URL(tries[i], target);
        exists(url.href).then(function (ok) {
          if (ok) go(url, i === 0 ? "" : page);
          else next(i + 1);
        });
      })(0);
    },
    true
  );

  function go(url, missing) {
    if (missing) {
      url.search = new URLSearchParams({ missing: missing, from: currentYear() }).toString();
    }
    location.href = url.href;
  }

  // on the page the selector opened: what the reader asked for and did not find here
  function note() {
    var params = new URLSearchParams(location.search);
    var missing = params.get("missing");
    var content = document.querySelector(".md-content__inner");
    if (!missing || !content || content.querySelector(".year-missing")) return;
    var from = params.get("from");
    var year = currentYear();
    var p = document.createElement("p");
    p.className = "year-missing admonition warning";
    p.setAttribute("role", "note");
    var unit = missing.indexOf("/") > 0 && /\/index\.html$/.test(location.pathname) && location.pathname !== root.pathname + "index.html";
    p.textContent =
      (from ? "您在" + from + "年查看的页面" : "您要找的页面") +
      "（" + missing + "）在" + (year ? year + "年" : "这一年度") + "没有对应的页面：" +
      (unit ? "该单位这一年度的报表不同，这里是该单位" + (year ? year + "年" : "") + "的概览。" : "这一年度没有收录该单位，这里是" + (year ? year + "年" : "这一年度") + "的首页。");
    content.insertBefore(p, content.firstChild);
  }

  if (typeof document$ !== "undefined") document$.subscribe(note);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", note);
  else note();
})();
