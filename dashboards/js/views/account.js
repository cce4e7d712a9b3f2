// Every role: the signed-in user's account, and a change of its own password (PUT /api/v1/users/me/password).
// The change ends every session of the user, this one included, so the view signs out and asks for the new password.
// Wrong current passwords count as failed logins (docs/security.md): after a few the service answers 429 for a while.
import { api, ApiError } from '../api.js';
import { h, page, field } from '../ui.js';
import { label } from '../labels.js';

export async function render(view, ctx) {
  await page(view, 'My account', 'Who you are signed in as, and your password.', async () => {
    const me = await api('/api/v1/users/me', { signal: ctx.signal });
    return h('div', {}, aboutCard(me), passwordCard(ctx));
  }, 'Loading your account…');
}

function aboutCard(me) {
  return h('section', { class: 'card', 'aria-labelledby': 'account-title' },
    h('h2', { id: 'account-title', text: 'Signed in as' }),
    h('dl', { class: 'facts' },
      h('dt', { text: 'Username' }), h('dd', { text: me.username }),
      h('dt', { text: 'Role' }), h('dd', { text: label.role(me.role) })));
}

function passwordCard(ctx) {
  const current = h('input', { type: 'password', name: 'current-password', autocomplete: 'current-password', required: true });
  const fresh = h('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', required: true, minlength: 10 });
  const again = h('input', { type: 'password', name: 'new-password-repeat', autocomplete: 'new-password', required: true });
  const status = h('p', { class: 'small', role: 'status', 'aria-live': 'polite', id: 'password-status' });
  const button = h('button', { type: 'submit', class: 'button button-primary', text: 'Change password' });
  const inputs = { currentPassword: current, newPassword: fresh, repeat: again };
  const refuse = (name, message) => {
    inputs[name].setAttribute('aria-invalid', 'true');
    inputs[name].focus();
    status.textContent = message;
  };
  const form = h('form', { class: 'controls', id: 'change-password', 'aria-label': 'Change your password', novalidate: true },
    field('Current password', current),
    field('New password', fresh, 'at least 10 characters, at most 72 bytes'),
    field('New password again', again),
    button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    Object.values(inputs).forEach((i) => i.removeAttribute('aria-invalid'));
    if (!current.value) return refuse('currentPassword', 'Enter your current password.');
    if (!fresh.value) return refuse('newPassword', 'Enter a new password.');
    if (fresh.value !== again.value) return refuse('repeat', 'The two new passwords differ.');
    button.disabled = true;
    status.textContent = 'Changing your password…';
    try {
      await api('/api/v1/users/me/password', { method: 'PUT', body: { currentPassword: current.value, newPassword: fresh.value } });
      ctx.signOut('Your password is changed and every session of yours has ended. Sign in with the new password.');
    } catch (err) {
      const named = err instanceof ApiError ? err.fieldErrors.find((f) => inputs[f.field]) : null;
      if (err instanceof ApiError && err.status === 429) {
        refuse('currentPassword', 'Too many wrong passwords from here: wait a few minutes, then try again.');
      } else if (named) {
        refuse(named.field, `${named.field === 'currentPassword' ? 'Current password' : 'New password'}: ${named.message}.`);
      } else {
        status.textContent = err.message;
      }
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'password-title' }, h('h2', { id: 'password-title', text: 'Change your password' }),
    h('p', { class: 'muted small', text: 'Changing it signs you out everywhere, on this device too; sign in again with the new one.' }),
    form, status);
}
