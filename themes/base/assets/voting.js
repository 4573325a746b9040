// Progressive enhancement: with script, a vote updates the counts in place through the JSON API;
// without it, the same form posts and the page reloads. No inline script, so the CSP forbids it.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.classList || !form.classList.contains("vote-form")) return;
  const button = event.submitter;
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  if (!button || !header || !token) return;
  event.preventDefault();
  const container = form.closest(".votes");
  const base = form.action.replace(/\/ideas\/\d+\/vote$/, "");
  const url = `${base}/api/v1/ideas/${container.dataset.idea}/vote`;
  const value = Number(button.value);
  const response = await fetch(url, {
    method: value === 0 ? "DELETE" : "PUT",
    headers: { "Content-Type": "application/json", [header.content]: token.content },
    body: value === 0 ? null : JSON.stringify({ value }),
    credentials: "same-origin",
  });
  if (!response.ok) {
    // Refused (say, no votes left under a budget): post the form as without script, so the server shows why.
    // form.submit() sends no submitter, so the pressed button's value goes in a hidden field.
    const chosen = document.createElement("input");
    chosen.type = "hidden";
    chosen.name = button.name;
    chosen.value = button.value;
    form.append(chosen);
    form.submit();
    return;
  }
  const tally = await response.json();
  for (const b of form.querySelectorAll("button.vote")) {
    const up = b.classList.contains("vote-up");
    const pressed = up ? tally.myVote === 1 : tally.myVote === -1;
    b.setAttribute("aria-pressed", String(pressed));
    b.value = pressed ? "0" : (up ? "1" : "-1");
    b.querySelector(up ? ".count-up" : ".count-down").textContent = up ? tally.up : tally.down;
  }
  // Under a budget or points rule the member's allowance changes with each vote: the page shows it once.
  if (tally.allowance) for (const allowance of document.querySelectorAll(".allowance")) allowance.textContent = tally.allowance;
});
