// The printable transcript's one button. No build step, no dependencies.
'use strict';

(() => {
  const button = document.getElementById('print');
  if (button) {
    button.addEventListener('click', () => window.print());
  }
})();
