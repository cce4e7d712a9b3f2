// Administrator: users (invite, disable / enable, reset password) and which firms an RTI serves.
// Only administrators reach these routes (GET/POST/PUT /api/v1/users, POST /api/v1/rti-assignments); agencies never
// create users, and an assessor's own writes never widen what it sees (docs/security.md).
import { api, itemsOf, ApiError } from '../api.js';
import { regions } from '../data/registry.js';
import { h, clear, page, field, select, table } from '../ui.js';
import { label, ROLES } from '../labels.js';


export async function render(view, ctx) {
  await page(view, 'Users', 'Invite users, disable them, reset a password, and assign RTI staff to the firms their institute serves.', async () => {
    const [users, firms, institutions, regionList] = await Promise.all([
      loadUsers(ctx.signal),
      api('/api/v1/firms?size=500&sort=name', { signal: ctx.signal }).then(itemsOf),
      api('/api/v1/institutions?kind=RTI&size=500&sort=name', { signal: ctx.signal }).then(itemsOf),
      regions(ctx.signal)]);
    const names = {
      firm: new Map(firms.map((f) => [f.id, f.name])),
      institution: new Map(institutions.map((i) => [i.id, i.name])),
      region: new Map(regionList.map((r) => [r.id, r.name])),
    };
    // Only the list is redrawn after a change: redrawing the whole view would replace the forms and wipe the
    // message of the change just made before it can be read.
    const list = usersCard(users, names, (status) => refresh(status), ctx.user.username);
    // never rejects: the change itself succeeded, so its message stays and says the list is not current
    const refresh = (status) => loadUsers(ctx.signal).then(list.replaceTable, (e) => {
      if (e?.name !== 'AbortError') status.textContent += ' The list could not be reloaded: reload the page to see it.';
    });
    return h('div', {}, list.element, inviteCard(firms, institutions, regionList, refresh), assignCard(firms, institutions));
  }, 'Loading users…');
}

function loadUsers(signal) {
  return api('/api/v1/users?size=500&sort=username', { signal }).then(itemsOf);
}

/** The message of a refused request, with the fields the service named. */
function problemText(e) {
  if (!(e instanceof ApiError)) return e.message;
  // a field error the message already says is not repeated
  const fields = e.fieldErrors.filter((f) => !e.message.includes(f.message)).map((f) => `${f.field}: ${f.message}`).join('; ');
  return fields ? `${e.message} (${fields})` : e.message;
}

function outcome() {
  return h('p', { class: 'small', role: 'status', 'aria-live': 'polite' });
}

function scopeOf(u, names) {
  if (u.firmId) return names.firm.get(u.firmId) ?? `firm ${u.firmId}`;
  if (u.institutionId) return names.institution.get(u.institutionId) ?? `institution ${u.institutionId}`;
  if (u.regionId) return names.region.get(u.regionId) ?? `region ${u.regionId}`;
  return 'everything';
}

function usersCard(initial, names, refresh, self) {
  const status = outcome();
  const title = h('h2', { id: 'users-title' });
  const tableBox = h('div');
  const change = async (u, body, done) => {
    try {
      await api(`/api/v1/users/${u.id}`, { method: 'PUT', body: { version: u.version, enabled: u.enabled, ...body } });
      status.textContent = done;
      await refresh(status);
    } catch (e) {
      status.textContent = problemText(e);
    }
  };
  const actions = (u) => {
    const password = h('input', { type: 'password', autocomplete: 'new-password', 'aria-label': `New password for ${u.username}`, placeholder: 'new password' });
    return h('div', { class: 'row-actions', 'data-user': u.username },
      // an invitation is enabled with the first password typed beside it; an administrator does not disable itself
      u.username === self ? null : h('button', { type: 'button', class: 'button button-small', 'data-action': 'toggle',
        onclick: () => change(u, !u.enabled && u.passwordTemporary ? { enabled: true, password: password.value || undefined } : { enabled: !u.enabled },
          `${u.username} ${u.enabled ? 'disabled: its sessions end' : 'enabled'}.`),
        text: u.enabled ? 'Disable' : 'Enable' }),
      password,
      h('button', { type: 'button', class: 'button button-small', 'data-action': 'reset',
        onclick: () => change(u, { password: password.value }, `New password set for ${u.username}; its sessions end.`), text: 'Reset password' }));
  };
  const replaceTable = (users) => {
    title.textContent = `Users (${users.length})`;
    clear(tableBox, table([{ label: 'Username', value: (u) => u.username }, { label: 'Role', value: (u) => label.role(u.role) },
      { label: 'Sees', value: (u) => scopeOf(u, names) }, { label: 'Status', value: (u) => (u.enabled ? 'Active'
        : u.passwordTemporary ? 'Invitation: type a first password, then Enable' : 'Disabled') },
      { label: 'Actions', value: actions }], users, 'Users'));
  };
  replaceTable(initial);
  return { element: h('section', { class: 'card', 'aria-labelledby': 'users-title', id: 'users' }, title, tableBox, status), replaceTable };
}

function inviteCard(firms, institutions, regionList, refresh) {
  const status = outcome();
  const username = h('input', { name: 'username', required: true, maxlength: 200, autocomplete: 'off' });
  const password = h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password' });
  const role = select('role', ROLES, 'FIRM_USER');
  const scopes = {
    FIRM_USER: ['firmId', 'Firm', select('firmId', firms.map((f) => ({ value: f.id, label: f.name })))],
    RTI_ASSESSOR: ['institutionId', 'Institute', select('institutionId', institutions.map((i) => ({ value: i.id, label: i.name })))],
    AGENCY_ANALYST: ['regionId', 'Region', select('regionId', regionList.map((r) => ({ value: r.id, label: r.name })))],
  };
  const scopeBox = h('div');
  const showScope = () => {
    const s = scopes[role.value];
    clear(scopeBox, s ? field(s[1], s[2]) : null);
  };
  role.addEventListener('change', showScope);
  showScope();
  const form = h('form', { class: 'controls', id: 'invite-user', 'aria-label': 'Invite a user' },
    field('Username', username, 'letters, digits and . _ @ -; at most 200 characters'), field('Initial password', password), field('Role', role), scopeBox,
    h('button', { type: 'submit', class: 'button button-primary', text: 'Invite' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { username: username.value, password: password.value, role: role.value };
    const s = scopes[role.value];
    if (s) body[s[0]] = Number(s[2].value);
    try {
      await api('/api/v1/users', { method: 'POST', body });
      status.textContent = `${body.username} invited. Give them the initial password through another channel.`;
      username.value = '';
      password.value = '';
      await refresh(status);
    } catch (err) {
      status.textContent = problemText(err);
    }
  });
  return h('section', { class: 'card', 'aria-label': 'Invite a user' }, h('h2', { text: 'Invite a user' }), form, status);
}

function assignCard(firms, institutions) {
  const status = outcome();
  const institution = select('institutionId', institutions.map((i) => ({ value: i.id, label: i.name })));
  const firm = select('firmId', firms.map((f) => ({ value: f.id, label: f.name })));
  const form = h('form', { class: 'controls', id: 'assign-rti', 'aria-label': 'Assign an RTI to a firm' },
    field('RTI', institution), field('Serves firm', firm), h('button', { type: 'submit', class: 'button', text: 'Assign' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('/api/v1/rti-assignments', { method: 'POST', body: { institutionId: Number(institution.value), firmId: Number(firm.value) } });
      status.textContent = `${institution.selectedOptions[0].text} now serves ${firm.selectedOptions[0].text}: its assessors see the firm.`;
    } catch (err) {
      status.textContent = problemText(err);
    }
  });
  return h('section', { class: 'card', 'aria-label': 'Assign an RTI to a firm' }, h('h2', { text: 'RTI staff and the firms they serve' }),
    h('p', { class: 'muted small', text: 'An RTI\'s assessors see the firms their institute is assigned to (and those enrolled in programmes it delivers).' }),
    form, status);
}
