/* A copy of the site opened from disk (file://): pages, charts and downloads work; search and the year selector
   need the site to be served, so say so instead of leaving them silent. */
(function () {
  if (location.protocol !== "file:") return;
  var NOTE = "您正在从本地文件浏览本站的存档副本：页面、图表和下载均可使用；搜索和年份切换需要通过网站访问（例如在存档目录运行 python -m http.server 后用浏览器打开）。";
  function mark() {
    var content = document.querySelector(".md-content__inner");
    if (content && !content.querySelector(".offline-note")) {
      var note = document.createElement("p");
      note.className = "offline-note";
      note.setAttribute("role", "note");
      note.textContent = NOTE;
      content.insertBefore(note, content.firstChild);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
