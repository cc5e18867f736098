// Parley staff pages: signs in through /staff/login and out through /staff/logout. No build
// step, no dependencies. Server text only ever reaches the page through textContent.
'use strict';

(() => {
  const GENERIC_PROBLEM = 'Signing in did not work. Check your connection and try again.';

  const form = document.getElementById('signin');
  const error = document.getElementById('error');
  const signOut = document.getElementById('sign-out');

  function show(message) {
    if (error) {
      error.textContent = message;
    }
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return typeof body.message === 'string' ? body.message : GENERIC_PROBLEM;
    } catch (e) {
      return GENERIC_PROBLEM;
    }
  }

  if (form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = document.getElementById('sign-in');
      button.disabled = true;
      show('');
      try {
        const response = await fetch('/staff/login', {
          method: 'POST',
          credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
          body: JSON.stringify({
            email: form.elements.email.value,
            password: form.elements.password.value,
          }),
        });
        if (response.ok) {
          // The page itself now shows the console: load it again without the query.
          window.location.replace(form.elements.return.value);
          return;
        }
        form.elements.password.value = '';
        show(await problem(response));
      } catch (e) {
        show(GENERIC_PROBLEM);
      } finally {
        button.disabled = false;
      }
    });
  }

  if (signOut) {
    signOut.addEventListener('click', async () => {
      const token = document.querySelector('meta[name="csrf-token"]');
      signOut.disabled = true;
      try {
        await fetch('/staff/logout', {
          method: 'POST',
          credentials: 'same-origin',
          headers: {'X-CSRF-Token': token ? token.content : ''},
        });
      } finally {
        window.location.replace(window.location.pathname + '?signin=out');
      }
    });
  }
})();
