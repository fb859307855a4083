// Live results for the library search. The form is a plain GET form that works without this script; here we
// fetch the same page as the reader types and swap in its results and facets, keeping the address in step.
(() => {
  const form = document.querySelector('form[data-live-search]');
  if (!form) return;
  const input = form.querySelector('input[name=q]');
  let timer;
  let controller;

  const refresh = () => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value !== '') params.append(name, value);
    const url = '/library' + (params.size ? '?' + params : '');
    controller?.abort();
    controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: { Accept: 'text/html' } })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('library-live');
        const current = document.getElementById('library-live');
        if (!fresh || !current) return;
        current.replaceWith(fresh);
        history.replaceState(null, '', url);
      })
      .catch(() => { /* a failed or aborted refresh leaves the current results; submitting still works */ });
  };

  input?.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
  form.querySelector('select[name=sort]')?.addEventListener('change', refresh);
})();
