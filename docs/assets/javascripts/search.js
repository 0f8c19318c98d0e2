// Search with Pagefind's index (pagefind/ at the root of the site or snapshot): a box in the header on every
// page, and the search page, which fetches only the parts of the index a query needs.
// The index answers with every page that holds the parts of the query's words; a result is shown only when its
// page contains every word of the query as typed (punctuation aside); a table is shown by the rows
// that contain them (名称 · 栏目：金额 单位), each linking to its row. Everything shown is set as text.
(function () {
  var here = document.currentScript ? document.currentScript.src : location.href;
  var root = new URL("../../", here); // assets/javascripts/search.js → the site's (or snapshot's) root
  var PAGE = 10; // results shown at a time
  var BATCH = 8; // pages whose text is fetched at once to confirm a match
  var FIRST = 3; // the first time, fewer
  var ROW = /第(\d+)行：([^。]*)。/g;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function yearOfPage() {
    var rest = location.href.slice(root.href.length);
    var m = /^(\d{4})\//.exec(rest);
    return m ? m[1] : "";
  }

  // the header's search box: a plain form that opens the search page
  function headerBox() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".header-search")) return;
    var form = el("form", "header-search");
    form.setAttribute("role", "search");
    form.action = new URL("search.html", root).href;
    var input = el("input", "header-search__input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "搜索";
    input.setAttribute("aria-label", "搜索本站");
    if (location.protocol === "file:") {
      // a copy opened from disk cannot fetch the index: say so where the reader would type
      input.disabled = true;
      input.placeholder = "搜索需要通过网站访问";
      input.title = "从本地文件打开的存档副本不能搜索";
    }
    form.appendChild(input);
    var year = yearOfPage();
    if (year) {
      var y = el("input");
      y.type = "hidden";
      y.name = "year";
      y.value = year;
      form.appendChild(y);
    }
    var after = inner.querySelector(".md-header__source");
    inner.insertBefore(form, after);
  }

  function words(q) {
    return q.split(/\s+/).filter(Boolean);
  }

  // spaces and punctuation aside, as the index reads words: “三公”经费 contains 三公经费
  function normal(text) {
    return text.replace(/[\s\u3000“”‘’"'《》〈〉「」（）()【】\[\]、，。；：！？,.;:!?·\-—]+/g, "").toLowerCase();
  }

  function containsAll(text, terms) {
    var t = normal(text);
    return terms.every(function (w) {
      return t.indexOf(normal(w)) !== -1;
    });
  }

  // text with every term marked, built as nodes (never as HTML)
  function marked(text, terms) {
    var frag = document.createDocumentFragment();
    var lower = text.toLowerCase();
    var i = 0;
    while (i < text.length) {
      var best = -1, len = 0;
      terms.forEach(function (w) {
        var k = lower.indexOf(w.toLowerCase(), i);
        if (k !== -1 && (best === -1 || k < best)) {
          best = k;
          len = w.length;
        }
      });
      if (best === -1) {
        frag.appendChild(document.createTextNode(text.slice(i)));
        break;
      }
      frag.appendChild(document.createTextNode(text.slice(i, best)));
      frag.appendChild(el("mark", "", text.slice(best, best + len)));
      i = best + len;
    }
    return frag;
  }

  function excerpt(content, terms) {
    var lower = content.toLowerCase();
    var at = lower.indexOf(terms[0].toLowerCase());
    var start = Math.max(0, at - 40);
    var text = content.slice(start, at + terms[0].length + 60);
    return (start > 0 ? "…" : "") + text + (at + terms[0].length + 60 < content.length ? "…" : "");
  }

  function resultItem(data, terms) {
    var li = el("li", "site-search__result");
    var a = el("a", "site-search__title", (data.meta && data.meta.title) || data.url);
    a.href = data.url;
    li.appendChild(a);
    var where = [];
    if (data.meta && data.meta.unit) where.push(data.meta.unit);
    if (data.filters && data.filters.year && data.filters.year.length) where.push(data.filters.year[0] + "年");
    if (where.length) li.appendChild(el("div", "site-search__where", where.join(" · ")));
    var rows = [];
    var m;
    ROW.lastIndex = 0;
    while ((m = ROW.exec(data.content)) && rows.length < 3) {
      if (containsAll(m[2], terms)) rows.push(m);
    }
    if (rows.length) {
      var ul = el("ul", "site-search__rows");
      rows.forEach(function (r) {
        var item = el("li");
        var link = el("a");
        link.href = data.url.split("#")[0] + "#row-" + r[1];
        link.appendChild(marked(r[2], terms));
        item.appendChild(link);
        ul.appendChild(item);
      });
      li.appendChild(ul);
    } else {
      var p = el("p", "site-search__excerpt");
      p.appendChild(marked(excerpt(data.content, terms), terms));
      li.appendChild(p);
    }
    return li;
  }

  var pagefindModule = null;
  function pagefind(base) {
    // each index is its own module (its own URL), so other years can be counted beside this one
    return import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
      return pf.options({ baseUrl: new URL(base).pathname }).then(function () {
        return pf;
      });
    });
  }

  function searchPage(box) {
    var form = box.querySelector("form");
    var input = box.querySelector("input[name=q]");
    var select = box.querySelector("select[name=year]");
    var status = box.querySelector(".site-search__status");
    var list = box.querySelector(".site-search__results");
    var more = box.querySelector(".site-search__more");
    var others = box.querySelector(".site-search__others");
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    if (select) select.value = params.get("year") || "";
    var run = 0;
    if (location.protocol === "file:") {
      // a copy opened from disk cannot load the index (the browser refuses it): say so, and try nothing
      status.textContent = "搜索需要通过网站访问：从本地文件打开的存档副本不能搜索。";
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      return;
    }

    function otherYears(q, counts) {
      var mine = select ? select.value : box.getAttribute("data-snapshot");
      var parts = Object.keys(counts)
        .filter(function (y) {
          return y !== mine && counts[y] > 0;
        })
        .sort()
        .reverse();
      others.textContent = "";
      others.hidden = !parts.length;
      if (!parts.length) return;
      // the index's candidates of another year, not yet confirmed page by page: at most that many
      others.appendChild(document.createTextNode("其他年度可能也有含搜索词的页面："));
      parts.forEach(function (y, i) {
        var a = el("a", "", y + "年（至多" + counts[y] + "页）");
        var target = box.hasAttribute("data-snapshot") ? new URL("../" + y + "/search.html", root) : new URL("search.html", root);
        target.search = new URLSearchParams(box.hasAttribute("data-snapshot") ? { q: q } : { q: q, year: y }).toString();
        a.href = target.href;
        if (i) others.appendChild(document.createTextNode("、"));
        others.appendChild(a);
      });
    }

    // pages of the other years that contain the query: one filtered search a year, on the index parts already
    // fetched for this query
    function yearCounts(q, year) {
      if (!year) return Promise.resolve({});
      var years = (box.getAttribute("data-years") || "").split(",").filter(function (y) { return y && y !== year; });
      return pagefindModule.then(function (pf) {
        return Promise.all(
          years.map(function (y) {
            return pf.search(q, { filters: { year: y } }).then(function (s) {
              return [y, s.results.length];
            });
          })
        );
      }).then(function (pairs) {
        var counts = {};
        pairs.forEach(function (p) { counts[p[0]] = p[1]; });
        return counts;
      });
    }

    // pages of the other years' snapshots that contain the query, each year from its own index (only the part
    // of each index that the query needs is fetched)
    function snapshotCounts(q) {
      var mine = box.getAttribute("data-snapshot");
      return fetch(new URL("../versions.json", root).href)
        .then(function (r) {
          return r.ok ? r.json() : [];
        })
        .then(function (versions) {
          var years = versions.map(function (v) { return v.version; }).filter(function (y) { return y !== mine; });
          return Promise.all(
            years.map(function (y) {
              return pagefind(new URL("../" + y + "/", root).href)
                .then(function (pf) { return pf.search(q); })
                .then(function (s) { return s.results.length; })
                .then(function (n) { return [y, n]; }, function () { return [y, 0]; });
            })
          );
        })
        .then(function (pairs) {
          var counts = {};
          pairs.forEach(function (p) { counts[p[0]] = p[1]; });
          return counts;
        });
    }

    function go(event) {
      if (event) event.preventDefault();
      var q = input.value.trim();
      var year = select ? select.value : "";
      var mine = ++run;
      list.textContent = "";
      more.hidden = true;
      others.hidden = true;
      if (!q) {
        status.textContent = "";
        return;
      }
      var url = new URL(location.href);
      url.search = new URLSearchParams(year ? { q: q, year: year } : { q: q }).toString();
      history.replaceState(null, "", url.href);
      var terms = words(q);
      status.textContent = "正在搜索……";
      pagefindModule = pagefindModule || pagefind(root.href);
      pagefindModule
        .then(function (pf) {
          return pf.search(q, year ? { filters: { year: year } } : {});
        })
        .then(function (search) {
          if (mine !== run) return;
          var pending = search.results.slice();
          var shown = 0;
          function next() {
            var batch = pending.splice(0, shown ? BATCH : FIRST); // a small first batch shows results sooner
            if (!batch.length) return Promise.resolve();
            return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
              if (mine !== run) return;
              all.forEach(function (d) {
                if (containsAll(d.content, terms)) {
                  list.appendChild(resultItem(d, terms));
                  shown += 1;
                }
              });
            });
          }
          function page() {
            var target = shown + PAGE;
            function fill() {
              if (shown >= target || !pending.length) return Promise.resolve();
              return next().then(fill);
            }
            return fill().then(function () {
              if (mine !== run) return;
              status.textContent = shown
                ? "找到" + shown + (pending.length ? "个以上" : "个") + "含“" + q + "”的页面" + (year ? "（" + year + "年）" : "") + "。"
                : "没有找到含“" + q + "”的页面" + (year ? "（" + year + "年）" : "") + "。";
              more.hidden = !pending.length;
            });
          }
          more.querySelector("button").onclick = page;
          var counted = box.hasAttribute("data-snapshot") ? snapshotCounts(q) : yearCounts(q, year);
          return page().then(function () {
            return counted.then(function (counts) {
              if (mine === run) otherYears(q, counts);
            });
          });
        })
        .catch(function (e) {
          if (window.console) console.warn("search:", e);
          if (mine !== run) return;
          status.textContent = "搜索暂时无法使用。";
        });
    }

    // the index's script and its first files load while the reader types, not after
    pagefindModule = pagefind(root.href).then(function (pf) {
      return pf.init().then(function () {
        return pf;
      });
    });
    pagefindModule.catch(function () {});
    form.addEventListener("submit", go);
    if (select) select.addEventListener("change", go);
    if (input.value) go();
  }

  function start() {
    headerBox();
    var box = document.getElementById("site-search");
    if (box && !box.hasAttribute("data-ready")) {
      box.setAttribute("data-ready", "1");
      searchPage(box);
    }
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
