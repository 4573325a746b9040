// Progressive enhancement only: every page works without this file.
// nhsuk-frontend ships as an ES module and initialises components only when the body says the
// browser is supported; the template sets that with an inline script, which our CSP forbids, so
// this external module does it instead. The package's script is taken from beside the style sheet
// the layout links (site.nhsuk_url: an address with a hash of the package, kept by browsers for a
// year); the address without the hash is there for a page that links the style sheet elsewhere.
const sheet = document.querySelector('link[rel="stylesheet"][href$="/nhsuk-frontend.min.css"]');
const { initAll } = await import(sheet ? sheet.href.replace(/\.css$/, ".js") : "/frontend/nhsuk/nhsuk-frontend.min.js");

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
