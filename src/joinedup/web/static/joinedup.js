// Start the GOV.UK Frontend components on every page.
import { initAll } from "/static/govuk/govuk-frontend.min.js";
initAll();

// A table wider than the screen scrolls sideways inside its own region, never the whole page.
// Tables a page already placed in a region (the scroll_region macro) are left as they are; the
// others are wrapped here. A region that holds a table too wide for it is focusable and named
// (keyboard users scroll it with the arrow keys); one that fits is left out of the tab order.
const regions = [];
for (const table of document.querySelectorAll("main table")) {
  let region = table.closest(".app-table-scroll");
  if (!region) {
    region = document.createElement("div");
    region.className = "app-table-scroll";
    region.dataset.wrapped = "";
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
  }
  regions.push(region);
}

function markScrollable() {
  for (const region of regions) {
    if (region.dataset.wrapped === undefined) continue; // named and focusable by its page
    const caption = region.querySelector("caption");
    if (region.scrollWidth > region.clientWidth) {
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
      region.tabIndex = 0;
    } else {
      region.removeAttribute("role");
      region.removeAttribute("aria-label");
      region.removeAttribute("tabindex");
    }
  }
}
markScrollable();
window.addEventListener("resize", markScrollable);
