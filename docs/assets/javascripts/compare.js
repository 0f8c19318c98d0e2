// A year's table of units: sort by any column, filter by name, a page at a time. The first page is in the HTML;
// the rows of every unit (compare.json beside the page) are fetched on the first sort, filter or page turn.
// Every value is set as text.
(function () {
  var LINKS = { 6: 10, 7: 11 }; // 三公经费 and 机关运行经费 link to their tables

  function grouped(text) {
    if (!text) return "";
    var sign = text.charAt(0) === "-" ? "-" : "";
    var parts = text.replace(/^[-+]/, "").split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return sign + whole + (parts.length > 1 ? "." + parts[1] : "");
  }

  function setup(box) {
    var table = box.querySelector("table");
    var body = table.tBodies[0];
    var status = box.querySelector(".compare__pages");
    var pager = box.querySelector(".compare__pager");
    var filter = box.querySelector(".compare__filter input");
    var total = Number(box.getAttribute("data-total"));
    var rows = null; // every unit, once fetched
    var state = { key: 8, descending: true, start: 0, filter: "" };

    function size() {
      return Number(box.getAttribute("data-page-size")) || 50;
    }

    function load() {
      if (rows) return Promise.resolve(rows);
      return fetch(new URL(box.getAttribute("data-rows"), location.href).href)
        .then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        })
        .then(function (data) {
          rows = data;
          return rows;
        });
    }

    function value(row, key) {
      if (key === 0) return row[0];
      return row[key] === "" ? null : Number(row[key]);
    }

    function sorted() {
      var needle = state.filter.trim();
      var chosen = rows.filter(function (r) {
        return !needle || r[0].indexOf(needle) !== -1;
      });
      return chosen.sort(function (a, b) {
        var x = value(a, state.key), y = value(b, state.key);
        if (x === null && y === null) return a[0].localeCompare(b[0], "zh");
        if (x === null) return 1; // units without the figure go last either way
        if (y === null) return -1;
        var c = state.key === 0 ? x.localeCompare(y, "zh") : x - y;
        return state.descending ? -c : c;
      });
    }

    function cell(tr, text, href, right) {
      var td = document.createElement("td");
      if (right) td.style.textAlign = "right";
      if (href) {
        var a = document.createElement("a");
        a.href = href;
        a.textContent = text;
        td.appendChild(a);
      } else {
        td.textContent = text;
      }
      tr.appendChild(td);
      return td;
    }

    function draw() {
      var list = sorted();
      var n = size();
      if (state.start >= list.length) state.start = Math.max(0, list.length - n);
      body.textContent = "";
      list.slice(state.start, state.start + n).forEach(function (r) {
        var tr = document.createElement("tr");
        cell(tr, r[0], r[1], false).className = "name";
        for (var k = 2; k <= 7; k++) cell(tr, grouped(r[k]), r[k] && LINKS[k] ? r[LINKS[k]] : "", true);
        cell(tr, grouped(r[8]), "", true);
        cell(tr, r[9] ? r[9] + "%" : "", "", true);
        body.appendChild(tr);
      });
      var shown = list.length ? state.start + 1 + "–" + Math.min(state.start + n, list.length) : "0";
      status.textContent =
        (list.length > n ? "第 " + shown + " 个，" : "") +
        "共 " + list.length + " 个单位" + (state.filter ? "（名称含“" + state.filter + "”，共 " + total + " 个）" : "");
      pager.hidden = list.length <= n;
      pager.querySelector("[data-step='-1']").disabled = state.start === 0;
      pager.querySelector("[data-step='1']").disabled = state.start + n >= list.length;
      table.querySelectorAll("th[data-key]").forEach(function (th) {
        var key = Number(th.getAttribute("data-key"));
        th.setAttribute("aria-sort", key === state.key ? (state.descending ? "descending" : "ascending") : "none");
      });
    }

    function update(change) {
      load().then(
        function () {
          change();
          draw();
        },
        function () {
          status.textContent =
            location.protocol === "file:"
              ? "排序、筛选和翻页需要通过网站访问；全部单位的数字见下方的 CSV 下载。"
              : "全部单位的数据暂时无法读取；请使用下方的 CSV 下载。";
        }
      );
    }

    table.querySelectorAll("th[data-key]").forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "compare__sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var key = Number(th.getAttribute("data-key"));
        update(function () {
          state.descending = state.key === key ? !state.descending : key !== 0;
          state.key = key;
          state.start = 0;
        });
      });
    });
    pager.hidden = total <= size();
    pager.querySelectorAll("button").forEach(function (b) {
      b.addEventListener("click", function () {
        var step = Number(b.getAttribute("data-step"));
        update(function () {
          state.start = Math.max(0, state.start + step * size());
        });
      });
    });
    box.querySelector(".compare__filter").addEventListener("submit", function (e) {
      e.preventDefault();
    });
    filter.addEventListener("input", function () {
      update(function () {
        state.filter = filter.value;
        state.start = 0;
      });
    });
  }

  function start() {
    document.querySelectorAll(".compare:not([data-ready])").forEach(function (box) {
      box.setAttribute("data-ready", "1");
      setup(box);
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(start);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
