// Progressive enhancement only: every page works without this file.
// nhsuk-frontend ships as an ES module and initialises components only when the body says the
// browser is supported; the template sets that with an inline script, which our CSP forbids, so
// this external module does it instead. The package is served by the engine from the host root.
import { initAll } from "/frontend/nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
