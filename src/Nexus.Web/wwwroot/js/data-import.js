// Follows an upload's import without reloading the page (without this script, the page refreshes every 2 s).
(function () {
  const box = document.querySelector('[data-import-job]');
  if (!box || box.dataset.state !== 'running') return;
  const step = box.querySelector('[data-import-step]');
  const bar = box.querySelector('[data-import-progress]');
  const result = box.querySelector('[data-import-result]');
  async function poll() {
    const response = await fetch(`${location.pathname}?handler=status`);
    if (!response.ok) return;
    const s = await response.json();
    box.dataset.state = s.state;
    if (s.state === 'running') {
      step.textContent = s.total > 0 ? `${s.step} ${s.done.toLocaleString()} / ${s.total.toLocaleString()}` : s.step;
      bar.max = Math.max(1, s.total);
      bar.value = s.done;
      setTimeout(poll, 500);
      return;
    }
    step.textContent = '';
    bar.hidden = true;
    result.textContent = s.message;
    result.className = s.state === 'imported' || s.state === 'unchanged' ? 'alert alert-success' : 'alert alert-danger';
    result.setAttribute('role', 'alert');
  }
  setTimeout(poll, 300);
})();
