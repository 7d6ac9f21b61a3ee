// An HTML widget whose text a screen reader announces when it changes: the status
// line of a form ("3 answers need fixing", "Your plan is built"), which appears away
// from the button a person just pressed. The region stays in the page and only its
// content changes, which is what screen readers listen for (role="status" is polite).
function render({ model, el }) {
  el.classList.add("jupyter-widget-html", "widget-html", "jupyter-widget-inline-hbox", "widget-inline-hbox");
  const region = document.createElement("div");
  region.className = "widget-html-content";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  el.append(region);
  // the same trusted HTML an ipywidgets HTML widget shows: the forms escape user text
  const show = () => {
    region.innerHTML = model.get("value");
  };
  show();
  model.on("change:value", show);
  return () => model.off("change:value", show);
}

export default { render };
