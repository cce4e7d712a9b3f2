// Pick a firm by name or code with search-as-you-type (a combobox over GET /api/v1/firms?q=): the user never types an
// internal id. The API lists only the firms the user may see.
import { searchFirms, firm as loadFirm } from './data/registry.js';
import { h, clear, uid } from './ui.js';

/**
 * A labelled combobox. `value()` is the chosen firm's id (or null); `onChange(firm)` is called on every choice.
 * `initialId` preselects a firm (its name is looked up).
 */
export function firmPicker({ label = 'Firm', initialId, signal, onChange = () => {} } = {}) {
  const listId = uid('firm-options');
  const input = h('input', { id: uid('firm-picker'), name: 'firm', type: 'text', role: 'combobox', autocomplete: 'off',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, placeholder: 'Type a name or code' });
  const list = h('ul', { id: listId, role: 'listbox', class: 'picker-options', hidden: true });
  const status = h('span', { class: 'muted small', 'aria-live': 'polite' });
  let chosen = null;
  let timer = null;
  let active = -1;
  let options = [];

  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };
  const choose = (f) => {
    chosen = f;
    input.value = `${f.name} (${f.code})`;
    input.removeAttribute('aria-invalid');
    status.textContent = '';
    close();
    onChange(f);
  };
  const highlight = (i) => {
    active = i;
    options.forEach((o, k) => o.el.setAttribute('aria-selected', String(k === i)));
    if (options[i]) input.setAttribute('aria-activedescendant', options[i].el.id);
  };
  const search = async () => {
    const text = input.value.trim();
    if (text.length < 2) { close(); status.textContent = text ? 'Type at least 2 characters.' : ''; return; }
    try {
      const r = await searchFirms({ q: text, size: 8 }, signal);
      options = r.items.map((f) => ({ firm: f, el: h('li', { id: uid('firm-option'), role: 'option', 'data-firm': f.id, class: 'picker-option',
        onmousedown: (e) => { e.preventDefault(); choose(f); } }, h('strong', { text: f.name }), h('span', { class: 'muted', text: ` ${f.code}` })) }));
      clear(list, options.map((o) => o.el));
      list.hidden = !options.length;
      input.setAttribute('aria-expanded', String(!!options.length));
      status.textContent = options.length ? `${r.totalItems} firm${r.totalItems === 1 ? '' : 's'} match` : 'No firm you serve matches.';
      highlight(options.length ? 0 : -1);
    } catch (e) {
      if (e?.name !== 'AbortError') status.textContent = e.message;
    }
  };
  input.addEventListener('input', () => {
    chosen = null;
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(options.length - 1, active + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(0, active - 1)); }
    else if (e.key === 'Enter' && options[active]) { e.preventDefault(); choose(options[active].firm); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  const ready = initialId
    ? loadFirm(initialId, signal).then(choose).catch(() => { status.textContent = 'That firm is not one you serve; pick another.'; })
    : Promise.resolve();
  const element = h('div', { class: 'field picker' }, h('label', { for: input.id, text: label }), input, list, status);
  return {
    element,
    input,
    /** Settles once the preselected firm (if any) is looked up. */
    ready,
    value: () => (chosen ? chosen.id : null),
    firm: () => chosen,
  };
}
