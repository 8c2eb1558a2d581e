// The Django admin's widgets, completed for WCAG 2.1 AA (issue 14), as they appear (the
// admin's own scripts build them after the page has loaded):
// - select2 (autocomplete fields): the combobox is named by its field's label, not by its
//   selection (which is empty before anything is chosen), and so is its read-only text box;
// - the filter_horizontal search icons: aria-label on a span needs a role;
// - a field without a label of its own: a file field (Django's AdminFileWidget is a fieldset
//   whose legend names it) is named by its legend, a tabular inline's field (and its delete
//   box) by its column's header.
(() => {
  const fix = (root) => {
    const named = ".select2-selection[role=combobox], .select2-selection__rendered[role=textbox]";
    root.querySelectorAll(`:is(${named}):not([aria-label])`).forEach((box) => {
      const select = box.closest(".select2-container")?.previousElementSibling;
      const label = select?.id && document.querySelector(`label[for="${select.id}"]`);
      if (label) box.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    });
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
    const unnamed = "input:not([type=hidden]):not([aria-label]), select:not([aria-label]), textarea:not([aria-label])";
    root.querySelectorAll(unnamed).forEach((field) => {
      if (field.labels.length || field.hasAttribute("aria-labelledby") || field.getAttribute("aria-hidden") === "true") return;
      const cell = field.closest(".tabular td");
      const header = cell && cell.closest("table").tHead?.rows[0]?.cells[cell.cellIndex];
      const legend = field.closest(".form-row fieldset")?.querySelector(":scope > legend");
      const name = (header || legend)?.textContent.replace(/:\s*$/, "").trim();
      if (name) field.setAttribute("aria-label", name);
    });
  };
  new MutationObserver(() => fix(document)).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => fix(document));
})();
