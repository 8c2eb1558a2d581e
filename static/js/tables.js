// Tables wider than the screen scroll sideways in their own region (WCAG 1.4.10 reflow, issue 14):
// the page itself stays as wide as the screen. A region that scrolls can be reached with the
// keyboard (tabindex), is named for screen readers, and says above it that it scrolls.
// data-tables: which tables (default every table in <main>; the admin: its history tables).
(() => {
  const script = document.currentScript;
  const label = script.dataset.label;
  const hint = script.dataset.hint;
  const regions = [];
  document.querySelectorAll(script.dataset.tables || "main table").forEach((table) => {
    if (table.closest(".table-scroll, .table-responsive")) return;
    const region = document.createElement("div");
    region.className = "table-scroll";
    const cue = document.createElement("p");
    cue.className = "table-scroll-hint";
    cue.textContent = hint;
    cue.hidden = true;
    table.before(cue);
    table.before(region);
    region.append(table);
    const caption = table.querySelector("caption");
    regions.push([region, cue, caption ? caption.textContent.trim() : label]);
  });
  const update = () => {
    regions.forEach(([region, cue, name]) => {
      const scrolls = region.scrollWidth > region.clientWidth + 1;
      cue.hidden = !scrolls;
      if (scrolls) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", name);
      } else {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    });
  };
  update();
  window.addEventListener("resize", update);
})();
