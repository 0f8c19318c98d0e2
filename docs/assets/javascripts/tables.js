// Each table scrolls sideways in one box: the page's own (.table-scroll, with its hint above it) or, for a table
// written in Markdown, the one the theme wraps it in (.md-typeset__scrollwrap); the theme's box inside ours does
// not scroll (site.css). A box wider than its table's room says so above it ("可左右滑动"), and can be focused
// and scrolled with the arrow keys; one that fits says nothing and takes no focus.
// Runs on Material's instant navigation (document$), on a plain load, and whenever a box changes size.
(function () {
  var HINT = "表格较宽，可左右滑动查看全部栏目。";
  var LABEL = "表格（可左右滑动）";
  var watching = typeof ResizeObserver !== "undefined" ? new ResizeObserver(update) : null;
  var watched = new WeakSet(); // boxes (and their tables) whose size is watched
  var labelled = new WeakSet(); // boxes this script labelled

  function boxes() {
    return Array.prototype.filter.call(
      document.querySelectorAll(".table-scroll, .md-typeset__scrollwrap, .form-wrap"),
      function (box) {
        return !box.parentElement.closest(".table-scroll, .form-wrap");
      }
    );
  }

  function hintOf(box) {
    var hint = box.previousElementSibling;
    if (hint && hint.classList.contains("scroll-hint")) return hint;
    hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.textContent = HINT;
    hint.hidden = true;
    box.parentNode.insertBefore(hint, box);
    return hint;
  }

  // the table reaches past the box's visible part (the theme's padding around a table that fits is no reason)
  function overflows(box) {
    var table = box.querySelector("table");
    if (!table) return box.scrollWidth > box.clientWidth + 1;
    var t = table.getBoundingClientRect();
    var left = box.getBoundingClientRect().left + box.clientLeft;
    return t.left < left - 1 || t.right > left + box.clientWidth + 1;
  }

  function markBox(box) {
    if (box.closest("details:not([open])")) return; // measured when opened
    var wide = overflows(box);
    hintOf(box).hidden = !wide;
    if (wide) {
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("role")) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", LABEL);
        labelled.add(box);
      }
    } else {
      box.removeAttribute("tabindex");
      if (labelled.has(box)) {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        labelled.delete(box);
      }
    }
  }

  function update(entries) {
    entries.forEach(function (entry) {
      var box = entry.target;
      while (box && !(watched.has(box) && box.tagName !== "TABLE")) box = box.parentElement;
      if (box) markBox(box);
    });
  }

  function mark() {
    boxes().forEach(function (box) {
      markBox(box);
      if (watching && !watched.has(box)) {
        watched.add(box);
        watching.observe(box);
        var table = box.querySelector("table");
        if (table) {
          watched.add(table);
          watching.observe(table);
        }
      }
    });
  }

  // after the theme has wrapped the page's tables (it does so on the same events)
  function later() {
    setTimeout(mark, 0);
  }
  if (typeof document$ !== "undefined") document$.subscribe(later);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later);
  else later();
  window.addEventListener("resize", mark);
  document.addEventListener("toggle", later, true); // a table in a <details> that opens
})();
