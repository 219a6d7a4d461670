// The few behaviours the pages need. They live here, never inline: the Content-Security-Policy runs no inline script.
(function () {
    'use strict';

    // The header's country picker applies a country as soon as one is chosen (its button does it without scripts).
    document.querySelectorAll('select[data-submit-on-change]').forEach(function (select) {
        select.addEventListener('change', function () { select.form.requestSubmit(); });
    });

    // A payment button shows progress and cannot be pressed twice; the server refuses a second payment anyway.
    document.querySelectorAll('form').forEach(function (form) {
        var button = form.querySelector('[data-pay-button]');
        if (!button) return;
        form.addEventListener('submit', function (event) {
            if (button.disabled) { event.preventDefault(); return; }
            button.disabled = true;
            button.setAttribute('aria-busy', 'true');
            if (button.dataset.busyText) button.textContent = button.dataset.busyText;
        });
    });

    // A payment page reached by POST: the browser posts the provider's fields by itself.
    document.querySelectorAll('form[data-auto-submit]').forEach(function (form) { form.submit(); });
})();
