// The memo editor's live preview (reports/views/editor.py). A pause in typing posts the form
// with "preview" and the X-Memo-Preview header; the server answers with the memo rendered from
// the unsaved text, which replaces the preview. Nothing is saved. Without this script the
// form's Preview button does the same with a page load.
const form = document.querySelector("form[data-memo-preview]");
const preview = document.getElementById("memo-preview");
const status = document.getElementById("preview-status");
if (form && preview) {
  let timer = null;
  let controller = null;
  const refresh = async () => {
    const data = new FormData(form);
    data.append("preview", "1");
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        headers: { "X-Memo-Preview": "1" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!response.ok) return;
      preview.innerHTML = await response.text();
      if (status) status.textContent = status.dataset.unsaved;
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  };
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
}
