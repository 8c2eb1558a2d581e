// The Django admin's widgets, completed for WCAG 2.1 AA (issue 14), as they appear (the
// admin's own scripts build them after the page has loaded):
// - select2 (autocomplete fields): the combobox is named by its field's label, not by its
//   selection (which is empty before anything is chosen), and so is its read-only text box;
// - the filter_horizontal search icons: aria-label on a span needs a role.
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
  };
  new MutationObserver(() => fix(document)).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => fix(document));
})();
