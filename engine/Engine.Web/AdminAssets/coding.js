// The coding page's keys, on top of its plain form and links: 1-9 toggle the code with that key, Enter saves and goes
// on, the arrow keys follow the previous and next links. Keys typed into a text field or with a modifier are left alone.
(() => {
  const form = document.getElementById('coding-form');
  if (!form) return;
  const follow = (id) => { const link = document.getElementById(id); if (link) window.location.assign(link.href); };
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.matches('input[type=text], textarea, select'))) return;
    if (/^[1-9]$/.test(event.key)) {
      const box = form.querySelector(`input[name=codes][data-key="${event.key}"]`);
      if (!box) return;
      event.preventDefault();
      box.checked = !box.checked;
      box.focus();
    } else if (event.key === 'Enter' && !(target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement)) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      follow('next');
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      follow('previous');
    }
  });
})();
