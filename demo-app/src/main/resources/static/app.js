// Acme Analytics: what the page's script adds to pages that work without it. Times in the reader's own zone, the
// share forms' time zone, presets that tick the permission boxes, and a copy button for a link shown only once.
(function () {
  'use strict';

  // Times: the server writes UTC; show them in the reader's zone. The exact instant stays in the title.
  var format = null;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      timeZoneName: 'short'
    });
  } catch (e) {
    format = null;
  }
  if (format) {
    document.querySelectorAll('time[data-local]').forEach(function (time) {
      var date = new Date(time.getAttribute('datetime'));
      if (!isNaN(date.getTime())) {
        time.textContent = format.format(date);
      }
    });
  }

  // Share forms: their datetime-local fields are in this browser's zone; the server reads them in the zone sent.
  var zone = '';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch (e) {
    zone = '';
  }
  if (zone) {
    document.querySelectorAll('input[data-time-zone]').forEach(function (input) {
      input.value = zone;
    });
    document.querySelectorAll('[data-zone-label]').forEach(function (label) {
      label.textContent = zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : 'your time, ' + zone;
    });
  }

  // Presets tick the boxes they stand for (boxes the view does not allow stay disabled and unticked); changing a box
  // makes the choice Custom.
  document.querySelectorAll('form[data-presets]').forEach(function (form) {
    var radios = form.querySelectorAll('input[type=radio][name=preset]');
    var boxes = form.querySelectorAll('input[type=checkbox][name=permission]');
    var custom = form.querySelector('input[type=radio][name=preset][value=custom]');
    function apply(radio) {
      var wanted = radio.getAttribute('data-permissions');
      if (wanted === null) {
        return;
      }
      var list = wanted.split(' ');
      boxes.forEach(function (box) {
        if (!box.disabled) {
          box.checked = list.indexOf(box.value) >= 0;
        }
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener('change', function () {
        if (radio.checked) {
          apply(radio);
        }
      });
    });
    boxes.forEach(function (box) {
      box.addEventListener('change', function () {
        if (custom) {
          custom.checked = true;
        }
      });
    });
  });

  // A refused form keeps what was typed; bring its message (and so the form) into view.
  var refused = document.querySelector('[data-scroll-here]');
  if (refused && refused.id !== 'flash') {
    refused.scrollIntoView({block: 'center'});
    refused.focus({preventScroll: true});
  }

  // A field shown once: focusing it selects the whole link.
  document.querySelectorAll('input[data-select-on-focus]').forEach(function (input) {
    input.addEventListener('focus', function () {
      input.select();
    });
  });

  // Copy: the clipboard API where the browser allows it, else the older copy command, else select the link and say
  // how to copy it. Never a silent failure.
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var input = document.getElementById(button.getAttribute('data-copy'));
    var status = document.getElementById(button.getAttribute('data-copy-status'));
    if (!input || !status) {
      return;
    }
    button.hidden = false;
    function say(text, failed) {
      status.textContent = text;
      status.classList.toggle('copy-failed', !!failed);
    }
    function copied() {
      say('Copied', false);
    }
    function byHand() {
      input.focus();
      input.select();
      say('Could not copy automatically: the link is selected, press Ctrl+C (\u2318C on a Mac) to copy it.', true);
    }
    function legacy() {
      input.focus();
      input.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      if (ok) {
        copied();
      } else {
        byHand();
      }
    }
    button.addEventListener('click', function () {
      say('', false);
      if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
        var pending;
        try {
          pending = navigator.clipboard.writeText(input.value);
        } catch (e) {
          pending = null;
        }
        if (pending && typeof pending.then === 'function') {
          pending.then(copied, legacy);
          return;
        }
      }
      legacy();
    });
  });
})();
