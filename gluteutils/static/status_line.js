// An HTML widget whose text a screen reader announces when it changes: the status
// line of a form ("3 answers need fixing", "Your plan is built"), which appears away
// from the button a person just pressed. The region stays in the page and only its
// content changes, which is what screen readers listen for (role="status" is polite;
// an urgent line, such as "stop and see a clinician", is role="alert", assertive).
function render({ model, el }) {
  // ipywidgets' own classes, so the line has the margins and font of an HTML widget
  el.classList.add("jupyter-widgets", "widget-inline-hbox", "widget-html");
  const region = document.createElement("div");
  region.className = "widget-html-content";
  el.append(region);
  let pending = 0;
  // the same trusted HTML an ipywidgets HTML widget shows: the forms escape user text
  const show = () => {
    clearTimeout(pending);
    region.innerHTML = model.get("value");
  };
  // the same text set again (a button pressed twice): empty the region, then fill it
  // in a later task, so that a screen reader hears a change and says it once more
  const again = () => {
    clearTimeout(pending);
    region.textContent = "";
    pending = setTimeout(show, 100);
  };
  const live = () => {
    const urgent = model.get("urgent");
    region.setAttribute("role", urgent ? "alert" : "status");
    region.setAttribute("aria-live", urgent ? "assertive" : "polite");
  };
  // the text first, then the live-region roles: a line drawn again (JupyterLab redraws
  // a cell scrolled back into view) keeps its text silent; only changes are said
  show();
  live();
  model.on("change:value", show);
  model.on("change:_said", again);
  model.on("change:urgent", live);
  return () => {
    clearTimeout(pending);
    model.off("change:value", show);
    model.off("change:_said", again);
    model.off("change:urgent", live);
  };
}

export default { render };
