// Enhances the data portal's map: changing the indicator or year recolours the map from the rankings API instead
// of reloading the page, and a click on a country opens its profile. Without this script the form still works.
(function () {
  const figure = document.querySelector('[data-map]');
  const form = document.querySelector('[data-map-form]');
  if (!figure || !form) return;
  const classes = 5;
  let indicators = null;

  const number = (v, unit) => {
    const text = v.toLocaleString(document.documentElement.lang || undefined, { maximumFractionDigits: unit === '%' ? 1 : 0 });
    return unit === '%' ? text + ' %' : text;
  };

  // The same quintile breaks as the server (DataViews.cs, Choropleth.Breaks).
  const breaksOf = values => {
    const sorted = [...values].sort((a, b) => a - b);
    const breaks = [];
    for (let i = 1; i <= classes; i++) {
      const b = sorted[Math.min(sorted.length - 1, Math.ceil(i * sorted.length / classes) - 1)];
      if (!breaks.includes(b)) breaks.push(b);
    }
    return breaks;
  };
  const classOf = (breaks, v) => { const i = breaks.findIndex(b => v <= b); return i < 0 ? breaks.length - 1 : i; };

  async function loadIndicators() {
    if (!indicators) indicators = await (await fetch('/api/v1/data/indicators')).json();
    return indicators;
  }

  async function show(indicatorId, year) {
    const list = await loadIndicators();
    const indicator = list.find(i => i.id === indicatorId);
    if (!indicator) return;
    const years = indicator.years;
    if (!years.includes(year)) year = years[years.length - 1];
    const yearSelect = form.querySelector('[data-years]');
    yearSelect.innerHTML = '';
    for (const y of [...years].reverse()) yearSelect.add(new Option(y, y, false, y === year));
    const response = await fetch(`/api/v1/data/rankings?indicator=${encodeURIComponent(indicatorId)}&year=${year}&limit=300`);
    if (!response.ok) return;
    const ranking = await response.json();
    const byCode = new Map(ranking.items.map(r => [r.area.code, r]));
    const breaks = breaksOf(ranking.items.map(r => r.value));
    for (const path of figure.querySelectorAll('path[data-code]')) {
      const r = byCode.get(Number(path.dataset.code));
      path.setAttribute('class', r ? 'q' + classOf(breaks, r.value) : 'q-none');
      const title = path.querySelector('title');
      const name = r ? r.area.name : title.textContent.split(':')[0];
      title.textContent = `${name}: ${r ? number(r.value, indicator.unit) + (r.flag === 'e' ? ' (e)' : '') : '–'}`;
    }
    const legend = figure.querySelector('[data-map-legend]');
    const none = legend.lastElementChild;
    legend.innerHTML = '';
    let lower = 0;
    breaks.forEach((b, i) => {
      const li = document.createElement('li');
      li.className = 'list-inline-item';
      li.innerHTML = `<span class="swatch q${i}" aria-hidden="true"></span> `;
      // The wording comes from the page, already translated ("up to {0}", "{0} to {1}").
      li.append(i === 0 ? legend.dataset.upTo.replace('{0}', number(b, indicator.unit))
        : legend.dataset.range.replace('{0}', number(lower, indicator.unit)).replace('{1}', number(b, indicator.unit)));
      legend.append(li);
      lower = b;
    });
    legend.append(none);
    figure.querySelector('[data-map-title]').textContent = `${indicator.name}, ${year}`;
    figure.querySelector('svg > title').textContent = legend.dataset.mapLabel.replace('{0}', indicator.name).replace('{1}', year);
    figure.dataset.indicator = indicatorId;
    figure.dataset.year = year;
    const url = new URL(location.href);
    url.searchParams.set('indicator', indicatorId);
    url.searchParams.set('year', year);
    history.replaceState(null, '', url);
  }

  form.addEventListener('change', e => {
    const indicator = form.elements.indicator.value;
    const year = e.target.name === 'year' ? Number(form.elements.year.value) : NaN;
    show(indicator, year);
  });
  form.addEventListener('submit', e => { e.preventDefault(); show(form.elements.indicator.value, Number(form.elements.year.value)); });
  figure.addEventListener('click', e => {
    const path = e.target.closest('path[data-code]');
    if (path) location.href = '/data/areas/' + path.dataset.code;
  });
})();
