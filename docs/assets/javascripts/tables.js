// A table wider than the page says so above it ("可左右滑动"), and its scroll box can be reached with the keyboard.
// Runs on Material's instant navigation (document$), on a plain load and on resize.
(function () {
  function mark() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      if (hint && hint.classList.contains("scroll-hint")) hint.hidden = !wide;
      if (wide) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(mark);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("resize", mark);
})();
