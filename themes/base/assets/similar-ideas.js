// While someone types a new idea's title, lists published ideas in the same challenge that look alike, so they
// can add to one of those instead of repeating it. Progressive enhancement only: without this script the form is
// unchanged. Ideas are written with textContent, never as HTML. The box is an aria-live region, so a screen
// reader hears when similar ideas appear.
(function () {
  var box = document.getElementById('similar-ideas');
  var title = document.getElementById('title');
  if (!box || !title || !window.fetch) return;
  var url = box.getAttribute('data-similar-url');
  var headingClass = box.getAttribute('data-heading-class') || '';
  var listClass = box.getAttribute('data-list-class') || '';
  var timer = null;
  var asked = '';
  var latest = 0;

  function show(ideas) {
    box.textContent = '';
    if (!ideas.length) return;
    var heading = document.createElement('h2');
    heading.className = headingClass;
    heading.textContent = ideas.length === 1 ? 'A similar idea has already been shared' : 'Similar ideas have already been shared';
    var hint = document.createElement('p');
    hint.textContent = 'You could comment on or vote for one of these instead. Links open in a new tab, so you keep what you have typed.';
    var list = document.createElement('ul');
    list.className = listClass;
    ideas.forEach(function (idea) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = idea.url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = idea.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(heading);
    box.appendChild(hint);
    box.appendChild(list);
  }

  function ask() {
    var text = title.value.trim();
    if (text === asked) return;
    asked = text;
    var mine = ++latest;
    if (text.length < 4) { show([]); return; }
    fetch(url + '?title=' + encodeURIComponent(text), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (ideas) { if (mine === latest) show(Array.isArray(ideas) ? ideas : []); })
      .catch(function () { /* No suggestions is fine: the form still works. */ });
  }

  title.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 350);
  });
  if (title.value.trim().length >= 4) ask();
})();
