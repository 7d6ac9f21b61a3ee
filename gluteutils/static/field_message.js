// The message beside a form field ("must be 0 or more"), tied to the field's control
// with aria-describedby, and the control marked aria-invalid while it shows one. A
// screen reader then says the message with the field when it reaches it, which is
// where a person fixes the value. The control is found by a CSS class (the widget's
// "describes"): in the nearest enclosing box that holds one, so each set row's
// message finds its own row's field. Every match there is described (a group of
// tick boxes shares one message).

const CONTROLS = '[role="radiogroup"], input, select, textarea';

function render({ model, el }) {
  // ipywidgets' own classes, so the message looks as an HTML widget's does
  el.classList.add("jupyter-widgets", "widget-inline-hbox", "widget-html");
  const content = document.createElement("div");
  content.className = "widget-html-content";
  content.id = `gfr-message-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  el.append(content);
  let described = [];

  const controls = () => {
    const name = model.get("describes");
    if (!name) return [];
    const selector = `.${CSS.escape(name)}`;
    for (let box = el.parentElement; box; box = box.parentElement) {
      const found = box.querySelectorAll(selector);
      if (found.length) {
        // a widget's element holds its control; a control may carry the class itself
        return Array.from(found, (widget) =>
          widget.matches(CONTROLS) ? widget : widget.querySelector(CONTROLS),
        ).filter(Boolean);
      }
    }
    return [];
  };
  const untie = () => {
    for (const control of described) {
      const others = (control.getAttribute("aria-describedby") || "")
        .split(/\s+/)
        .filter((id) => id && id !== content.id);
      if (others.length) control.setAttribute("aria-describedby", others.join(" "));
      else control.removeAttribute("aria-describedby");
      control.removeAttribute("aria-invalid");
    }
    described = [];
  };
  const tie = () => {
    untie();
    if (!content.textContent.trim()) return;
    described = controls();
    for (const control of described) {
      const ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      control.setAttribute("aria-describedby", [...ids, content.id].join(" "));
      control.setAttribute("aria-invalid", "true");
    }
  };
  // the same trusted HTML an ipywidgets HTML widget shows: the forms escape user text
  const show = () => {
    content.innerHTML = model.get("value");
    tie();
  };
  show();
  // the boxes around a new view are put in the page after it is drawn
  const later = setTimeout(tie, 0);
  model.on("change:value", show);
  model.on("change:describes", tie);
  return () => {
    clearTimeout(later);
    untie();
    model.off("change:value", show);
    model.off("change:describes", tie);
  };
}

export default { render };
