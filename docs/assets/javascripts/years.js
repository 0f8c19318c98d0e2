// The year selector of the archived snapshots. A snapshot's pages name their year (<meta name="budgetsite:year">);
// the years there are come from versions.json beside the snapshots, which only a served site can read, so the
// selector is shown only then (a copy opened from disk says why: offline.js). Choosing a year keeps the page when
// the other year has it; when it does not, it opens that year's page of the same unit (or the year's home page)
// and says there what was not found, instead of dropping the reader on another page without a word.
(function () {
  var here = document.currentScript ? document.currentScript.src : location.href;
  var root = new URL("../../", here); // assets/javascripts/years.js → the snapshot's root
  var versions = null; // versions.json, fetched once

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function currentYear() {
    var meta = document.querySelector('meta[name="budgetsite:year"]');
    return meta ? meta.getAttribute("content") : "";
  }

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

  function selector() {
    var year = currentYear();
    var inner = document.querySelector(".md-header__inner");
    if (!year || location.protocol === "file:" || !inner || inner.querySelector(".year-select")) return;
    versions =
      versions ||
      fetch(new URL("../versions.json", root).href).then(
        function (r) {
          return r.ok ? r.json() : [];
        },
        function () {
          return [];
        }
      );
    versions.then(function (list) {
      if (!list.length || inner.querySelector(".year-select")) return;
      var box = el("details", "year-select");
      var summary = el("summary", "year-select__current", year + "年");
      summary.setAttribute("aria-label", "年度：" + year + "年（选择其他年度）");
      box.appendChild(summary);
      var ul = el("ul", "year-select__list");
      list.forEach(function (v) {
        var li = el("li");
        var a = el("a", "year-select__link", v.title || v.version);
        a.href = new URL("../" + v.version + "/index.html", root).href;
        a.setAttribute("data-year", v.version);
        if (v.version === year) a.setAttribute("aria-current", "true");
        li.appendChild(a);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      inner.insertBefore(box, inner.querySelector(".md-header__title").nextSibling);
    });
  }

  window.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".year-select__link") : null;
    if (!link) return;
    event.preventDefault();
    var target = new URL("../" + link.getAttribute("data-year") + "/", root);
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
  });

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
    var p = el("p", "year-missing admonition warning");
    p.setAttribute("role", "note");
    var unit = missing.indexOf("/") > 0 && /\/index\.html$/.test(location.pathname) && location.pathname !== root.pathname + "index.html";
    p.textContent =
      (from ? "您在" + from + "年查看的页面" : "您要找的页面") +
      "（" + missing + "）在" + (year ? year + "年" : "这一年度") + "没有对应的页面：" +
      (unit ? "该单位这一年度的报表不同，这里是该单位" + (year ? year + "年" : "") + "的概览。" : "这一年度没有收录该单位，这里是" + (year ? year + "年" : "这一年度") + "的首页。");
    content.insertBefore(p, content.firstChild);
  }

  function start() {
    selector();
    note();
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
