// Tells the kernel how far the page's clock is from UTC, so a form fills in and
// checks the runner's local date and time, not those of the server (often UTC on
// Binder). Nothing is drawn.
function render({ model, el }) {
  el.style.display = "none";
  el.setAttribute("aria-hidden", "true");
  // getTimezoneOffset is UTC minus local time, in minutes
  const offset = -new Date().getTimezoneOffset();
  if (model.get("utc_offset_minutes") !== offset) {
    model.set("utc_offset_minutes", offset);
    model.save_changes();
  }
}

export default { render };
