// One programme (#/programmes/{id}): its fields, and its enrolments the user may see, paged and sorted in the address
// (#/programmes/{id}?sort=enrolledOn,desc&page=1), each with the firm by name, the services used, the withdrawal and the
// firm's consent. Whoever the API lets enrol (an administrator, the agency of the programme's region, an RTI that
// delivers it) enrols a firm picked by name, changes an enrolment's services and records a withdrawal; every change
// sends the version it read, so a change made meanwhile by someone else is refused (409) and the page says so.
// Administrators and agency analysts change and delete the programme.
import { programme as loadProgramme, programmes as allProgrammes, enrolmentPage, enrol, changeServices, withdraw, deleteProgramme } from '../data/programmes.js';
import { firmPicker } from '../firm-picker.js';
import { h, clear, empty, field, pageHead, pager, table, withStates, fmt, showProblem, clearProblem, uid, sortOf, sortParam } from '../ui.js';
import { label } from '../labels.js';
import { writeState } from '../state.js';
import { MANAGERS, period, day, place, deliveredBy } from './programmes.js';

const SORTABLE = ['id', 'enrolledOn'];
const today = () => new Date().toISOString().slice(0, 10);

export async function render(view, ctx) {
  const body = h('div');
  view.append(body);
  await withStates(body, async () => {
    const p = await loadProgramme(ctx.params.id, ctx.signal);
    const parent = p.parentId ? await loadProgramme(p.parentId, ctx.signal).catch(() => null) : null;
    // a regional base programme's firms usually enrol in its district adaptations: the page leads to them
    const adaptations = p.parentId ? [] : (await allProgrammes(ctx.signal).catch(() => [])).filter((x) => String(x.parentId) === String(p.id));
    const list = h('div', { id: 'enrolments', 'aria-live': 'polite' });
    const editor = h('div', { id: 'enrolment-editor' });
    const enrolments = enrolmentsSection(p, parent, adaptations, list, editor, ctx);
    const saved = ctx.query.get('saved');
    const content = h('div', {},
      pageHead(`${p.code} — ${p.name}`, `${place(p)} · ${period(p)}`, ...actions(p, ctx)),
      saved ? h('p', { class: 'notice', role: 'status', id: 'programme-saved', text: saved === 'created' ? 'Programme created.' : 'Changes saved.' }) : null,
      factsCard(p, parent, adaptations),
      mayEnrol(p, parent, ctx.user) ? enrolCard(p, parent, ctx, enrolments.reload)
        : h('p', { class: 'muted small', id: 'enrol-not-yours', text: whyNoEnrolment(ctx.user) }),
      h('section', { class: 'card', 'aria-labelledby': 'enrolments-title' }, h('h2', { id: 'enrolments-title', text: 'Enrolled firms' }),
        h('p', { class: 'muted small', text: ctx.user.role === 'ADMIN' ? 'Every enrolment of this programme.'
          : 'The enrolments of the firms you may see; the count above includes every firm.' }), list),
      editor);
    enrolments.reload();
    return content;
  }, 'Loading programme…');
}

/** Whether the API lets the user enrol firms in the programme (ProgrammeScope.requireEnrol; the API decides anyway). */
function mayEnrol(p, parent, user) {
  switch (user.role) {
    case 'ADMIN': return true;
    case 'AGENCY_ANALYST': return String(p.regionId) === String(user.regionId);
    case 'RTI_ASSESSOR': return [...p.rtiIds, ...(parent?.rtiIds || [])].some((r) => String(r) === String(user.institutionId));
    default: return false;
  }
}

function whyNoEnrolment(user) {
  return user.role === 'RTI_ASSESSOR' ? 'Your institute does not deliver this programme: its delivering RTIs, its agency and administrators enrol firms in it.'
    : 'Only the agency of the programme\'s region, its delivering RTIs and administrators enrol firms in it.';
}

function actions(p, ctx) {
  const links = [];
  if (['ADMIN', 'AGENCY_ANALYST'].includes(ctx.user.role)) {
    links.push(h('a', { class: 'button', href: `#/agency/uptake?programme=${p.id}`, text: 'Uptake' }),
      h('a', { class: 'button', href: `#/agency/effect?programme=${p.id}`, text: 'Effect' }));
  }
  if (!MANAGERS.includes(ctx.user.role)) return [h('span', { class: 'actions' }, links)];
  const status = h('span', { role: 'status', class: 'small', id: 'programme-delete-status' });
  const confirm = h('span', { hidden: true, id: 'programme-delete-confirm' }, `Delete ${p.code}? `,
    h('button', { type: 'button', class: 'button button-danger', id: 'programme-delete-yes', text: 'Yes, delete', onclick: async (e) => {
      e.target.disabled = true;
      try {
        await deleteProgramme(p.id);
        location.hash = `#/programmes?deleted=${encodeURIComponent(p.code)}`;
      } catch (err) {
        status.textContent = err.status === 409 ? 'It still has enrolments or district adaptations: a programme that reached firms is kept.' : err.message;
        confirm.hidden = true;
        remove.hidden = false;
      } finally {
        e.target.disabled = false;
      }
    } }), ' ', h('button', { type: 'button', class: 'button', text: 'Cancel', onclick: () => { confirm.hidden = true; remove.hidden = false; } }));
  const remove = h('button', { type: 'button', class: 'button', id: 'programme-delete', text: 'Delete',
    onclick: () => { remove.hidden = true; confirm.hidden = false; status.textContent = ''; } });
  return [h('span', { class: 'actions' }, ...links, h('a', { class: 'button button-primary', id: 'programme-edit', href: `#/programmes/${p.id}/edit`, text: 'Change' }),
    remove, confirm, status)];
}

/** "CV-I40-1520 — Industry 4.0 programme — Elche-Elda footwear district (26 firms)" as a link to the adaptation. */
function adaptationLink(a) {
  return h('a', { href: `#/programmes/${a.id}`, 'data-adaptation': a.code, text: `${a.code} — ${a.name}` });
}

function factsCard(p, parent, adaptations) {
  const e = p.eligibility;
  const list = (items, name) => (items.length ? items.map(name).join(', ') : 'any');
  const window = e.enrolFrom || e.enrolUntil ? `${e.enrolFrom ? day(e.enrolFrom) : 'any time'} – ${e.enrolUntil ? day(e.enrolUntil) : 'open'}` : 'while it runs';
  return h('section', { class: 'card', 'aria-labelledby': 'programme-facts-title', id: 'programme-facts' },
    h('h2', { id: 'programme-facts-title', text: 'Programme' }),
    p.description ? h('p', { text: p.description }) : null,
    h('dl', { class: 'facts' },
      h('dt', { text: 'Code' }), h('dd', { text: p.code }),
      h('dt', { text: 'Agency\'s region' }), h('dd', { text: label.region(p.regionId) }),
      h('dt', { text: 'Kind' }), h('dd', {}, p.parentId
        ? ['District adaptation for ', label.district(p.districtId), ' of ', h('a', { href: `#/programmes/${p.parentId}`, text: parent ? `${parent.code} — ${parent.name}` : `programme ${p.parentId}` })]
        : 'Regional base programme'),
      adaptations.length ? [h('dt', { text: 'District adaptations' }), h('dd', { id: 'programme-adaptations' },
        h('ul', { class: 'plain-list' }, adaptations.map((a) => h('li', {}, adaptationLink(a),
          ` (${label.district(a.districtId)}; ${fmt.int(a.enrolledFirms)} enrolled firm${a.enrolledFirms === 1 ? '' : 's'})`))))] : null,
      h('dt', { text: 'Runs' }), h('dd', { text: period(p) }),
      h('dt', { text: 'Delivered by' }), h('dd', { text: deliveredBy(p) }),
      h('dt', { text: 'Services offered' }), h('dd', { text: p.services.length ? p.services.map(label.service).join(', ') : 'none named' }),
      h('dt', { text: 'Eligible places' }), h('dd', { text: e.regionIds.length || e.districtIds.length
        ? [...e.regionIds.map(label.region), ...e.districtIds.map(label.district)].join(', ') : `all of ${label.region(p.regionId)}` }),
      h('dt', { text: 'Eligible sectors' }), h('dd', { text: list(e.naceCodes, label.nace) }),
      h('dt', { text: 'Eligible sizes' }), h('dd', { text: list(e.sizeClasses, label.sizeClass) }),
      h('dt', { text: 'Enrolment window' }), h('dd', { text: window }),
      h('dt', { text: 'Co-funding' }), h('dd', { text: `${fmt.num(p.coFunding.publicShare)} % public, ${fmt.num(p.coFunding.firmShare)} % the firm` }),
      h('dt', { text: 'Enrolled firms' }), h('dd', { id: 'programme-enrolled', text: `${fmt.int(p.enrolledFirms)} (${fmt.int(p.activeFirms)} not withdrawn)` })));
}

/** The services a firm may use in the programme: its own and, for a district adaptation, its base programme's. */
function offered(p, parent) {
  return [...new Set([...p.services, ...(parent?.services || [])])];
}

/** A checkbox per offered service with the day it was first used (optional); values() → [{service, usedOn}]. */
function serviceChooser(codes, used = []) {
  const byService = new Map(used.map((u) => [u.service, u.usedOn]));
  const rows = codes.map((code) => {
    const id = uid('service');
    const box = h('input', { type: 'checkbox', id, value: code, 'data-service': code, checked: byService.has(code) });
    const usedOn = h('input', { type: 'date', 'aria-label': `${label.service(code)}: first used on`, value: byService.get(code) || '' });
    return { code, box, usedOn, el: h('div', { class: 'row-form' }, h('label', { class: 'checkbox', for: id }, box, label.service(code)),
      h('span', { class: 'muted small', text: 'first used on' }), usedOn) };
  });
  const fieldset = h('fieldset', { 'data-field': 'services', tabindex: -1 }, h('legend', { text: 'Services used' }),
    codes.length ? rows.map((r) => r.el) : h('p', { class: 'muted small', text: 'The programme names no services.' }));
  fieldset.values = () => rows.filter((r) => r.box.checked).map((r) => ({ service: r.code, usedOn: r.usedOn.value || null }));
  return fieldset;
}

/**
 * The enrolment date a new enrolment starts from: today, or the nearest day of the programme's enrolment window when
 * today is outside it (the service refuses a date outside the window), and a sentence saying so.
 */
function enrolmentDay(eligibility, now = today()) {
  const { enrolFrom, enrolUntil } = eligibility || {};
  if (enrolUntil && now > enrolUntil) return { value: enrolUntil, note: `Enrolment closed on ${day(enrolUntil)}: only an enrolment dated until then is accepted.` };
  if (enrolFrom && now < enrolFrom) return { value: enrolFrom, note: `Enrolment opens on ${day(enrolFrom)}: an enrolment dated earlier is refused.` };
  return { value: now, note: null };
}

function enrolCard(p, parent, ctx, reload) {
  const picker = firmPicker({ label: 'Firm', signal: ctx.signal });
  const dated = enrolmentDay(p.eligibility);
  const enrolledOn = h('input', { type: 'date', name: 'enrolledOn', required: true, value: dated.value,
    min: p.eligibility?.enrolFrom || null, max: p.eligibility?.enrolUntil || null });
  const services = serviceChooser(offered(p, parent));
  const box = h('div', { id: 'enrol-problem' });
  const status = h('p', { class: 'small', role: 'status', id: 'enrol-status' });
  const button = h('button', { type: 'submit', class: 'button button-primary', id: 'enrol-submit', text: 'Enrol' });
  const form = h('form', { class: 'controls', id: 'enrol-form', 'aria-label': 'Enrol a firm', novalidate: true },
    picker.element, field('Enrolled on', enrolledOn, dated.note), services, button);
  const controls = { firmId: picker.input, eligibility: picker.input, districtId: picker.input, enrolledOn, services,
    'eligibility.enrolFrom': enrolledOn, 'eligibility.enrolUntil': enrolledOn };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearProblem(form, box);
    status.textContent = '';
    if (!picker.value()) {
      showProblem(form, box, { fieldErrors: [{ field: 'firmId', message: 'Choose the firm by name or code.' }], message: 'Choose the firm to enrol.' }, controls);
      return;
    }
    button.disabled = true;
    try {
      const made = await enrol(p.id, { firmId: picker.value(), enrolledOn: enrolledOn.value || null, services: services.values() });
      status.textContent = `${made.firmName} enrolled on ${day(made.enrolledOn)}.`;
      picker.input.value = '';
      reload();
    } catch (err) {
      if (err?.name === 'AbortError') return;
      showProblem(form, box, err.status === 403 ? refusal(err) : err, controls);
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'enrol-title' }, h('h2', { id: 'enrol-title', text: 'Enrol a firm' }),
    h('p', { class: 'muted small', text: 'Pick a firm you may see; enrolling never opens a firm to anyone who did not see it already, so the service refuses '
      + 'a firm that a delivering RTI does not serve yet (an administrator assigns it first).' }), form, box, status);
}

/** A 403 in words: the service's reason, with what the user can do about it. */
function refusal(err) {
  return { status: 403, fieldErrors: [], message: `The service refused: ${err.problem?.detail || 'your role or organisation does not cover this'}.` };
}

function enrolmentsSection(p, parent, adaptations, list, editor, ctx) {
  const q = ctx.query;
  let sort = sortOf(q.get('sort'), SORTABLE, { key: 'enrolledOn', dir: 'desc' });
  let current = Math.max(0, Number(q.get('page')) || 0);
  const changes = mayEnrol(p, parent, ctx.user);
  const opensFirms = ['ADMIN', 'RTI_ASSESSOR'].includes(ctx.user.role);
  const go = () => {
    writeState({ sort: sortParam(sort), page: current || '' }, { push: true, signal: ctx.signal });
    reload();
  };
  const columns = [
    { label: 'Firm', value: (e) => (opensFirms ? h('a', { href: `#/firms/${e.firmId}`, text: e.firmName }) : e.firmName) },
    { label: 'Enrolled on', sort: 'enrolledOn', value: (e) => day(e.enrolledOn) },
    { label: 'Services used', value: (e) => (e.services.length ? e.services.map((s) => `${label.service(s.service)}${s.usedOn ? ` (${day(s.usedOn)})` : ''}`).join(', ') : 'none yet') },
    { label: 'Withdrawn', value: (e) => (e.withdrawnOn ? `${day(e.withdrawnOn)}${e.withdrawalReason ? `: ${e.withdrawalReason}` : ''}` : '—') },
    { label: 'Agency may see the firm', value: consentWords },
    changes ? { label: 'Change', value: (e) => h('button', { type: 'button', class: 'button button-small', 'data-enrolment': e.id,
      text: e.withdrawnOn ? 'Services' : 'Services or withdrawal', onclick: () => openEditor(p, parent, e, editor, reload) }) } : null,
  ].filter(Boolean);
  const reload = () => withStates(list, async () => {
    const r = await enrolmentPage(p.id, { page: current, sort: sortParam(sort) }, ctx.signal);
    if (!r.items.length) {
      return adaptations.length && current === 0
        ? empty('No firm enrolled in the base programme itself', 'Firms enrol in its district adaptations; open one to see its firms.',
          h('ul', { class: 'plain-list', id: 'enrolments-adaptations' }, adaptations.map((a) => h('li', {}, adaptationLink(a)))))
        : empty('No enrolled firms to show', hiddenEnrolments(p, ctx.user) || 'Enrolled firms you may see are listed here.');
    }
    return h('div', {}, h('p', { class: 'muted small', text: `${fmt.int(r.totalItems)} shown to you` }),
      table(columns, r.items, 'Enrolled firms', { sort, onSort: (s) => { sort = s; current = 0; go(); } }),
      pager(r, (n) => { current = n; go(); }, { noun: 'enrolments', id: 'enrolments' }));
  }, 'Loading enrolments…');
  return { reload };
}

/** Why a programme with enrolled firms shows none to this user (null when it has none, or for an administrator). */
function hiddenEnrolments(p, user) {
  const n = p.enrolledFirms;
  if (!n || user.role === 'ADMIN') return null;
  const firms = `${fmt.int(n)} firm${n === 1 ? ' is' : 's are'} enrolled`;
  return user.role === 'AGENCY_ANALYST'
    ? `${firms}, but none has consented to your agency seeing it yet: each firm grants its consent on its own page (My firm, Programmes).`
    : `${firms}, but none of them is a firm your institute serves.`;
}

/** The firm's consent in words: granted (since when), not granted, or ended by the withdrawal. */
export function consentWords(e) {
  if (e.withdrawnOn && e.withdrawnOn <= today()) return e.consented ? 'No: consent ended with the withdrawal' : 'No';
  return e.consented ? `Yes, consented on ${day(String(e.consentedAt).slice(0, 10))}` : 'No: not consented';
}

/** Changes the services of one enrolment, or records its withdrawal, on the version it was read at. */
function openEditor(p, parent, e, editor, reload) {
  const services = serviceChooser(offered(p, parent), e.services);
  const servicesBox = h('div');
  const servicesStatus = h('p', { class: 'small', role: 'status' });
  const servicesForm = h('form', { id: 'services-form', 'aria-label': `Services used by ${e.firmName}`, novalidate: true },
    services, servicesBox, h('button', { type: 'submit', class: 'button button-primary', id: 'services-save', text: 'Save services' }), servicesStatus);
  const stale = (box) => box.append(h('button', { type: 'button', class: 'button', id: 'enrolment-reload', text: 'Reload the enrolments',
    onclick: () => { clear(editor); reload(); } }));
  servicesForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearProblem(servicesForm, servicesBox);
    try {
      const saved = await changeServices(p.id, e.id, { services: services.values(), version: e.version });
      Object.assign(e, saved);
      servicesStatus.textContent = `Services of ${e.firmName} saved.`;
      reload();
    } catch (err) {
      showProblem(servicesForm, servicesBox, err.status === 403 ? refusal(err) : err, { services });
      if (err.status === 409) stale(servicesBox);
    }
  });
  const withdrawnOn = h('input', { type: 'date', name: 'withdrawnOn', required: true, value: today() });
  const reason = h('input', { name: 'reason', maxlength: 2000, placeholder: 'e.g. the firm closed its plant' });
  const withdrawalBox = h('div');
  // a withdrawal cannot be taken back on screen (it ends the RTI's service and the agency's consent): asked once more
  const ask = h('button', { type: 'submit', class: 'button button-danger', id: 'withdrawal-save', text: 'Record withdrawal' });
  const question = h('span', { id: 'withdrawal-question' });
  const confirm = h('p', { hidden: true, id: 'withdrawal-confirm', role: 'group', 'aria-label': 'Confirm the withdrawal' }, question, ' ',
    h('button', { type: 'submit', class: 'button button-danger', id: 'withdrawal-yes', 'data-confirmed': '', text: 'Yes, record the withdrawal' }), ' ',
    h('button', { type: 'button', class: 'button', id: 'withdrawal-cancel', text: 'Cancel',
      onclick: () => { confirm.hidden = true; ask.hidden = false; ask.focus(); } }));
  const withdrawalForm = h('form', { class: 'controls', id: 'withdrawal-form', 'aria-label': `Withdrawal of ${e.firmName}`, novalidate: true },
    field('Withdrawn on', withdrawnOn), field('Reason', reason), ask, confirm);
  withdrawalForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearProblem(withdrawalForm, withdrawalBox);
    if (!ev.submitter?.hasAttribute('data-confirmed')) {
      question.textContent = `Record that ${e.firmName} left the programme on ${withdrawnOn.value ? day(withdrawnOn.value) : '(no date)'}? `
        + 'Its RTI service and the agency\'s consent end on that day, and the withdrawal cannot be undone here.';
      ask.hidden = true;
      confirm.hidden = false;
      confirm.querySelector('#withdrawal-yes').focus();
      return;
    }
    confirm.hidden = true;
    ask.hidden = false;
    try {
      await withdraw(p.id, e.id, { withdrawnOn: withdrawnOn.value || null, reason: reason.value.trim() || null, version: e.version });
      clear(editor, h('p', { class: 'notice', role: 'status', id: 'withdrawal-status',
        text: `Withdrawal of ${e.firmName} recorded: the RTI service and the agency's consent that came with it end on ${day(withdrawnOn.value)}.` }));
      reload();
    } catch (err) {
      showProblem(withdrawalForm, withdrawalBox, err.status === 403 ? refusal(err) : err, { withdrawnOn, reason });
      if (err.status === 409) stale(withdrawalBox);
    }
  });
  clear(editor, h('section', { class: 'card', 'aria-labelledby': 'editor-title', 'data-enrolment': e.id },
    h('h2', { id: 'editor-title', tabindex: -1, text: `Enrolment of ${e.firmName}` }),
    h('p', { class: 'muted small', text: `Enrolled on ${day(e.enrolledOn)}.` }),
    servicesForm,
    e.withdrawnOn ? h('p', { class: 'muted', text: `Withdrawn on ${day(e.withdrawnOn)}${e.withdrawalReason ? `: ${e.withdrawalReason}` : ''}.` })
      : h('div', {}, h('h3', { text: 'Record a withdrawal' }), withdrawalForm, withdrawalBox),
    h('button', { type: 'button', class: 'button', text: 'Close', onclick: () => clear(editor) })));
  editor.querySelector('#editor-title').focus();
}
