// An upload button that says what it uploads and nothing else. ipywidgets' own
// FileUpload adds the number of files of the last upload to its label, so every
// form opened with "Upload plan (0)". The look reuses ipywidgets' button classes.

const STYLES = ["primary", "success", "info", "warning", "danger"];

function render({ model, el }) {
  el.classList.add("jupyter-widgets", "widget-inline-hbox", "widget-upload", "gfr-upload-button");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-widgets jupyter-button";
  el.append(button);
  // never attached to the page, as in ipywidgets: the button opens its file dialog
  const input = document.createElement("input");
  input.type = "file";

  const show = () => {
    button.replaceChildren();
    const icon = model.get("icon");
    if (icon) {
      const mark = document.createElement("i");
      mark.className = `fa fa-${icon}`;
      mark.setAttribute("aria-hidden", "true");
      button.append(mark);
    }
    // text, never HTML
    button.append(document.createTextNode(model.get("description")));
    button.disabled = model.get("disabled");
    const tooltip = model.get("tooltip");
    if (tooltip) button.title = tooltip;
    else button.removeAttribute("title");
    for (const style of STYLES) button.classList.remove(`mod-${style}`);
    const style = model.get("button_style");
    if (STYLES.includes(style)) button.classList.add(`mod-${style}`);
    input.accept = model.get("accept");
    input.multiple = model.get("multiple");
  };

  const read = (file) =>
    new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () =>
        resolve({
          name: file.name,
          type: file.type,
          size: file.size,
          last_modified: file.lastModified,
          // a buffer view goes to the kernel as binary, as ipywidgets sends it
          content: new DataView(reader.result),
        });
      reader.onerror = () => reject(reader.error);
      reader.onabort = reader.onerror;
      reader.readAsArrayBuffer(file);
    });

  const open = () => input.click();
  // the same file chosen twice is a new upload (a corrected file has the same name)
  const clear = () => {
    input.value = "";
  };
  const send = async () => {
    try {
      const files = await Promise.all(Array.from(input.files ?? [], read));
      // the model sends only what changed, and a file chosen again is equal to
      // the value before: empty it first, so the files always go to the kernel
      model.set("value", []);
      model.set("value", files);
      model.set("error", "");
    } catch (error) {
      model.set("error", String(error));
    }
    model.save_changes();
  };
  button.addEventListener("click", open);
  input.addEventListener("click", clear);
  input.addEventListener("change", send);

  show();
  const events = [
    "description",
    "icon",
    "disabled",
    "tooltip",
    "button_style",
    "accept",
    "multiple",
  ].map((name) => `change:${name}`);
  for (const event of events) model.on(event, show);
  return () => {
    for (const event of events) model.off(event, show);
    button.removeEventListener("click", open);
    input.removeEventListener("click", clear);
    input.removeEventListener("change", send);
  };
}

export default { render };
