// A group of radio buttons a screen reader can name: a <fieldset> whose <legend>
// holds the question (the widget's description). ipywidgets' own RadioButtons give
// their inputs no shared name and no group, so a screen reader heard "Yes, radio
// button, 1 of 1" without the question. The look reuses ipywidgets' classes.

function render({ model, el }) {
  el.classList.add("jupyter-widgets", "widget-inline-hbox", "widget-radio");
  const fieldset = document.createElement("fieldset");
  fieldset.className = "gfr-radio-fieldset";
  // a fieldset is a plain "group" to assistive technology; this one is a radio group
  fieldset.setAttribute("role", "radiogroup");
  const legend = document.createElement("legend");
  const box = document.createElement("div");
  fieldset.append(legend, box);
  el.append(fieldset);
  // one name per view, random because anywidget loads this module afresh for every
  // widget: the browser then keeps one choice, one tab stop and arrow keys per group
  const name = `gfr-radio-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

  const showState = () => {
    const index = model.get("index");
    const disabled = model.get("disabled");
    box.querySelectorAll("input").forEach((input, i) => {
      input.checked = i === index;
      input.disabled = disabled;
    });
  };
  const showOptions = () => {
    // new options replace the buttons: a keyboard user whose focus was on one keeps
    // it, on the button in the same place (else the chosen one), not back at the page
    const inputs = [...box.querySelectorAll("input")];
    const focused = inputs.indexOf(document.activeElement);
    box.replaceChildren();
    model.get("_options_labels").forEach((text, index) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = String(index);
      input.addEventListener("change", () => {
        if (input.checked) {
          model.set("index", index);
          model.save_changes();
        }
      });
      // text, never HTML: an option may quote what a user typed
      label.append(input, document.createTextNode(text));
      box.append(label);
    });
    showState();
    if (focused >= 0) {
      const now = [...box.querySelectorAll("input")];
      const target = now[focused] || now[model.get("index")] || now[0];
      if (target) target.focus();
    }
  };
  const showLook = () => {
    legend.textContent = model.get("description");
    const way = model.get("orientation") === "horizontal" ? "horizontal" : "vertical";
    box.className = `jupyter-widget-radio-box widget-radio-box widget-radio-box-${way}`;
  };

  showLook();
  showOptions();
  const listeners = [
    ["change:_options_labels", showOptions],
    ["change:index", showState],
    ["change:disabled", showState],
    ["change:description", showLook],
    ["change:orientation", showLook],
  ];
  for (const [event, callback] of listeners) model.on(event, callback);
  return () => {
    for (const [event, callback] of listeners) model.off(event, callback);
  };
}

export default { render };
