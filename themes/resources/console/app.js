/*
 * The Viewgate console. Vanilla JavaScript, no framework, no build step.
 *
 * Sign-in: OpenID Connect authorization code + PKCE (S256) against the realm the console is served from, through
 * the public client named in the page (viewgate-console). state, nonce and code_verifier live in sessionStorage
 * for the round trip only; tokens live in memory only (never in localStorage or sessionStorage). Every call to
 * Keycloak's admin REST API carries the bearer token; Keycloak decides what the admin may see and do.
 *
 * Output: the DOM is built with createElement and textContent only. Nothing received from the server or typed by
 * anyone is ever given to innerHTML, insertAdjacentHTML, document.write or an href that is not our own.
 */
(function () {
  'use strict';

  var config = document.body.dataset;
  var SERVER = config.serverUrl;
  var REALM = config.realm;
  var CLIENT = config.clientId;
  var REDIRECT = new URL(config.consoleUrl, SERVER + '/').href;
  var OIDC = SERVER + '/realms/' + encodeURIComponent(REALM) + '/protocol/openid-connect';
  var ADMIN = SERVER + '/admin/realms';
  var PENDING_KEY = 'viewgate.console.signin.' + REALM;
  var PAGE = 20;
  var AUDIT_TYPES = ['ACCESS_REQUEST_SUBMITTED', 'ACCESS_REQUEST_UPDATED', 'ACCESS_REQUEST_WITHDRAWN',
    'ACCESS_REQUEST_GRANTED', 'ACCESS_REQUEST_DECLINED', 'VIEW_AS_STARTED', 'VIEW_AS_ENDED', 'VIEW_UPDATED',
    'GUEST_GRANT_CREATED', 'GUEST_GRANT_REVOKED', 'GUEST_GRANT_EXPIRED', 'GUEST_TOKEN_ISSUED', 'GUEST_TOKEN_DENIED',
    'TIER_ROLE_CHANGED', 'SETTING_CHANGED', 'AUDIT_PRUNED'];

  var lang = pickLanguage();
  var messages = {};
  var tokens = null; // {access, refresh, idToken, expiresAt, user}
  var refreshTimer = null;
  var renderSeq = 0;

  // ---------------------------------------------------------------------------------------------------------------
  // Text

  function pickLanguage() {
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < wanted.length; i++) {
      var primary = String(wanted[i]).toLowerCase().split('-')[0];
      if (primary === 'de' || primary === 'en') {
        return primary;
      }
    }
    return 'en';
  }

  /** The message for key, with {0}, {1}, ... replaced by the arguments (as text). */
  function t(key) {
    var args = Array.prototype.slice.call(arguments, 1);
    var text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    return text.replace(/\{(\d+)\}/g, function (match, index) {
      var value = args[Number(index)];
      return value === undefined || value === null ? '' : String(value);
    });
  }

  function loadMessages() {
    return fetch(config.consoleUrl + 'messages-' + lang + '.json', {credentials: 'omit'})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('messages ' + response.status);
        }
        return response.json();
      })
      .then(function (loaded) {
        messages = loaded;
        document.documentElement.lang = lang;
        document.title = t('console.title');
      });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // DOM

  /** An element: props sets class, text, id, event handlers (onclick, ...) and attributes; children are nodes or text. */
  function h(tag, props, children) {
    var element = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      var value = props[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'class') {
        element.className = value;
      } else if (name === 'text') {
        element.textContent = String(value);
      } else if (name.indexOf('on') === 0) {
        element.addEventListener(name.slice(2), value);
      } else {
        element.setAttribute(name, value === true ? '' : String(value));
      }
    });
    append(element, children);
    return element;
  }

  function append(parent, children) {
    [].concat(children === undefined ? [] : children).forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
    });
    return parent;
  }

  function replace(parent, children) {
    while (parent.firstChild) {
      parent.removeChild(parent.firstChild);
    }
    return append(parent, children);
  }

  function alertBox(variant, title, description, props) {
    var attributes = Object.assign({class: 'pf-v5-c-alert pf-m-inline pf-m-' + variant, role: variant === 'danger' ? 'alert' : 'status'},
      props || {});
    return h('div', attributes, [
      h('p', {class: 'pf-v5-c-alert__title', text: title}),
      description ? h('div', {class: 'pf-v5-c-alert__description'}, h('p', {text: description})) : null
    ]);
  }

  /** What the admin sees when an API call failed: a refusal (403) names what they may not do, in this realm. */
  function errorAlert(error, refusedKey, props) {
    var status = error && error.status;
    var attributes = Object.assign({'data-status': status || ''}, props || {});
    if (status === 403) {
      return alertBox('danger', t(refusedKey), error.description || error.error || '', attributes);
    }
    var title = status ? t('error.status', status, error.error || '') : t('error.network');
    return alertBox('danger', title, (error && (error.description || error.message)) || '', attributes);
  }

  function button(variant, text, onclick, props) {
    return h('button', Object.assign({type: 'button', class: 'pf-v5-c-button pf-m-' + variant, onclick: onclick, text: text},
      props || {}));
  }

  function spinner() {
    return h('span', {class: 'pf-v5-c-spinner pf-m-md', role: 'progressbar', 'aria-valuetext': t('loading')},
      [h('span', {class: 'pf-v5-c-spinner__clipper'}), h('span', {class: 'pf-v5-c-spinner__lead-ball'}),
        h('span', {class: 'pf-v5-c-spinner__tail-ball'})]);
  }

  function formControl(control) {
    var kind = control.tagName === 'SELECT' ? ' pf-m-select' : control.tagName === 'TEXTAREA' ? ' pf-m-textarea' : '';
    return h('span', {class: 'pf-v5-c-form-control' + kind}, control);
  }

  function field(id, label, control) {
    control.id = id;
    return h('div', {class: 'pf-v5-c-form__group'}, [
      h('div', {class: 'pf-v5-c-form__group-label'}, h('label', {class: 'pf-v5-c-form__label', for: id},
        h('span', {class: 'pf-v5-c-form__label-text', text: label}))),
      h('div', {class: 'pf-v5-c-form__group-control'}, formControl(control))
    ]);
  }

  function formatTime(iso) {
    if (!iso) {
      return '';
    }
    var date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso) : date.toLocaleString(lang);
  }

  function age(iso) {
    var seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    var format = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
    if (seconds < 60) {
      return format.format(-Math.round(seconds), 'second');
    }
    if (seconds < 3600) {
      return format.format(-Math.floor(seconds / 60), 'minute');
    }
    if (seconds < 86400) {
      return format.format(-Math.floor(seconds / 3600), 'hour');
    }
    return format.format(-Math.floor(seconds / 86400), 'day');
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Sign-in: authorization code + PKCE S256

  function base64url(bytes) {
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText() {
    return base64url(crypto.getRandomValues(new Uint8Array(32)));
  }

  function jwtClaims(jwt) {
    var part = String(jwt || '').split('.')[1] || '';
    var padded = part.replace(/-/g, '+').replace(/_/g, '/');
    while (padded.length % 4) {
      padded += '=';
    }
    var bytes = Uint8Array.from(atob(padded), function (c) {
      return c.charCodeAt(0);
    });
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  /**
   * To the realm's authorization endpoint. silent: prompt=none, which answers at once with a code while a session
   * of this realm exists, and with login_required otherwise (then the console offers the choice below).
   */
  function signIn(silent) {
    var pending = {state: randomText(), nonce: randomText(), verifier: randomText(), route: location.hash, silent: !!silent};
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier)).then(function (digest) {
      var query = new URLSearchParams({
        client_id: CLIENT, redirect_uri: REDIRECT, response_type: 'code', response_mode: 'query', scope: 'openid',
        state: pending.state, nonce: pending.nonce, code_challenge: base64url(new Uint8Array(digest)),
        code_challenge_method: 'S256', ui_locales: lang
      });
      if (silent) {
        query.set('prompt', 'none');
      }
      location.assign(OIDC + '/auth?' + query.toString());
    });
  }

  function signInError(code, description) {
    var error = new Error(description || code);
    error.signIn = true;
    error.error = code;
    error.description = description || '';
    return error;
  }

  /** Back from the authorization endpoint: check state, redeem the code with the verifier, check the nonce. */
  function completeSignIn(query) {
    var pending = null;
    try {
      pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    } catch (ignored) {
      pending = null;
    }
    sessionStorage.removeItem(PENDING_KEY);
    // The code leaves the address bar and the history at once, whatever happens next.
    history.replaceState(null, '', REDIRECT + (pending && pending.route ? pending.route : ''));
    // Only an answer to this browser's own sign-in is read: a link with made-up error text shows nothing of it.
    if (!pending || query.get('state') !== pending.state) {
      return Promise.reject(signInError('invalid_state', t('signin.stateMismatch')));
    }
    if (query.get('error')) {
      var failed = signInError(query.get('error'), query.get('error_description'));
      failed.silent = pending.silent;
      return Promise.reject(failed);
    }
    return tokenRequest({grant_type: 'authorization_code', code: query.get('code'), redirect_uri: REDIRECT,
      client_id: CLIENT, code_verifier: pending.verifier}).then(function (answer) {
      var claims = jwtClaims(answer.id_token);
      if (claims.nonce !== pending.nonce) {
        throw signInError('invalid_nonce', t('signin.stateMismatch'));
      }
      keep(answer);
    });
  }

  function tokenRequest(form) {
    return fetch(OIDC + '/token', {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
      body: new URLSearchParams(form).toString()
    }).then(function (response) {
      return response.json().catch(function () {
        return {};
      }).then(function (body) {
        if (!response.ok) {
          throw signInError(body.error || String(response.status), body.error_description);
        }
        return body;
      });
    });
  }

  function keep(answer) {
    var idToken = answer.id_token || (tokens && tokens.idToken);
    var claims = jwtClaims(idToken);
    tokens = {
      access: answer.access_token,
      refresh: answer.refresh_token,
      idToken: idToken,
      expiresAt: Date.now() + (answer.expires_in || 60) * 1000,
      user: claims.preferred_username || claims.sub
    };
    clearTimeout(refreshTimer);
    var lead = Math.max(5, (answer.expires_in || 60) - 15);
    refreshTimer = setTimeout(function () {
      refresh().catch(function () {
        signIn();
      });
    }, lead * 1000);
  }

  var refreshing = null;

  /** A new access token with the refresh token; when that fails, the sign-in starts again (silent while SSO lasts). */
  function refresh() {
    if (!refreshing) {
      refreshing = tokenRequest({grant_type: 'refresh_token', refresh_token: tokens.refresh, client_id: CLIENT})
        .then(keep)
        .finally(function () {
          refreshing = null;
        });
    }
    return refreshing;
  }

  function signOut() {
    var query = new URLSearchParams({client_id: CLIENT, post_logout_redirect_uri: REDIRECT});
    if (tokens && tokens.idToken) {
      query.set('id_token_hint', tokens.idToken);
    }
    tokens = null;
    clearTimeout(refreshTimer);
    location.assign(OIDC + '/logout?' + query.toString());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Keycloak's admin REST API, always with the bearer token

  function apiError(status, body) {
    var error = new Error((body && body.error_description) || (body && body.error) || String(status));
    error.status = status;
    error.error = (body && (body.error || body.errorMessage)) || '';
    error.description = (body && (body.error_description || body.errorMessage)) || '';
    return error;
  }

  function api(path, options) {
    options = options || {};
    var ready = tokens.expiresAt - Date.now() < 5000 ? refresh() : Promise.resolve();
    return ready.then(function () {
      var headers = {Authorization: 'Bearer ' + tokens.access, Accept: options.accept || 'application/json'};
      if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      return fetch(ADMIN + path, {
        method: options.method || 'GET', headers: headers, credentials: 'omit', cache: 'no-store',
        body: options.body === undefined ? undefined : JSON.stringify(options.body)
      });
    }).then(function (response) {
      if (response.status === 401 && !options.retried) {
        return refresh().then(function () {
          return api(path, Object.assign({}, options, {retried: true}));
        });
      }
      if (!response.ok) {
        return response.json().catch(function () {
          return {};
        }).then(function (body) {
          throw apiError(response.status, body);
        });
      }
      if (options.raw) {
        return response;
      }
      return response.status === 204 ? null : response.json();
    });
  }

  function realmPath(realm) {
    return '/' + encodeURIComponent(realm);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Frame and routing: #/realms/{realm}[/requests|/requests/history[?requester=..]|/guests|/audit|/viewas|/settings]

  var app = document.getElementById('vg-app');
  var headerRealm = h('span', {class: 'vg-masthead-realm', id: 'vg-current-realm'});
  var userName = h('span', {class: 'vg-masthead-user', id: 'vg-user'});
  var main = h('main', {class: 'pf-v5-c-page__main', id: 'vg-main', tabindex: '-1'});

  function frame() {
    replace(app, [
      h('header', {class: 'pf-v5-c-masthead vg-masthead'}, [
        h('div', {class: 'pf-v5-c-masthead__main'},
          h('a', {class: 'pf-v5-c-masthead__brand vg-brand', href: '#/', text: t('console.title')})),
        h('div', {class: 'pf-v5-c-masthead__content vg-masthead-content'}, [
          headerRealm,
          userName,
          tokens ? button('plain vg-signout', t('signout'), signOut, {id: 'vg-signout'}) : null
        ])
      ]),
      main
    ]);
    userName.textContent = tokens ? tokens.user : '';
  }

  function route() {
    var match = /^#\/realms\/([^/?]+)(?:\/(requests|requests\/history|guests|audit|viewas|settings))?\/?(?:\?(.*))?$/.exec(location.hash);
    if (!match) {
      return {page: 'realms'};
    }
    var realm;
    try {
      realm = decodeURIComponent(match[1]);
    } catch (malformed) {
      return {page: 'realms'};
    }
    return {page: match[2] === 'requests/history' ? 'history' : match[2] || 'overview', realm: realm,
      query: new URLSearchParams(match[3] || '')};
  }

  function realmHref(realm, page) {
    var path = page === 'history' ? 'requests/history' : page;
    return '#/realms/' + encodeURIComponent(realm) + (path && path !== 'overview' ? '/' + path : '');
  }

  function section(children, light) {
    return h('section', {class: 'pf-v5-c-page__main-section' + (light ? ' pf-m-light' : '')}, children);
  }

  function render() {
    var seq = ++renderSeq;
    var current = route();
    headerRealm.textContent = current.realm ? t('realm.current', current.realm) : '';
    if (current.page === 'realms') {
      return renderRealms(seq);
    }
    var tabs = [['overview', t('tab.overview')], ['requests', t('tab.requests')], ['guests', t('tab.guests')],
      ['audit', t('tab.audit')], ['viewas', t('tab.viewas')], ['settings', t('tab.settings')]];
    var content = h('div', {id: 'vg-content'});
    replace(main, [
      section([
        h('h1', {class: 'pf-v5-c-title pf-m-2xl', id: 'vg-title', text: t('realm.title', current.realm)}),
        h('nav', {class: 'pf-v5-c-tabs vg-tabs', 'aria-label': t('tab.label')},
          h('ul', {class: 'pf-v5-c-tabs__list', role: 'tablist'}, tabs.map(function (tab) {
            var selected = tab[0] === (current.page === 'history' ? 'requests' : current.page);
            return h('li', {class: 'pf-v5-c-tabs__item' + (selected ? ' pf-m-current' : ''), role: 'presentation'},
              h('a', {class: 'pf-v5-c-tabs__link', id: 'vg-tab-' + tab[0], role: 'tab', 'aria-selected': String(selected),
                href: realmHref(current.realm, tab[0])}, h('span', {class: 'pf-v5-c-tabs__item-text', text: tab[1]})));
          })))
      ], true),
      section(content)
    ]);
    if (current.page === 'requests') {
      return new RequestsPage(current.realm, content, seq).load();
    }
    if (current.page === 'history') {
      return new HistoryPage(current.realm, content, seq, current.query.get('requester') || '').load();
    }
    if (current.page === 'guests') {
      return new GuestsPage(current.realm, content, seq).load();
    }
    if (current.page === 'audit') {
      return new AuditPage(current.realm, content, seq).load();
    }
    if (current.page === 'viewas') {
      return new ViewAsPage(current.realm, content, seq).load();
    }
    if (current.page === 'settings') {
      return new SettingsPage(current.realm, content, seq).load();
    }
    return renderOverview(current.realm, content, seq);
  }

  function stale(seq) {
    return seq !== renderSeq;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Realm picker: Keycloak lists only the realms the admin may see

  function renderRealms(seq) {
    var body = h('div', {id: 'vg-content'}, spinner());
    replace(main, [section(h('h1', {class: 'pf-v5-c-title pf-m-2xl', id: 'vg-title', text: t('realms.title')}), true),
      section(body)]);
    return api('?briefRepresentation=true').then(function (realms) {
      if (stale(seq)) {
        return;
      }
      if (!realms.length) {
        replace(body, alertBox('info', t('realms.none'), ''));
        return;
      }
      replace(body, h('ul', {class: 'pf-v5-c-data-list', id: 'vg-realm-picker', role: 'list', 'aria-label': t('realms.title')},
        realms.map(function (realm) {
          var display = realm.displayName && realm.displayName !== realm.realm ? realm.displayName : '';
          return h('li', {class: 'pf-v5-c-data-list__item'}, h('div', {class: 'pf-v5-c-data-list__item-row'},
            h('div', {class: 'pf-v5-c-data-list__item-content'}, h('div', {class: 'pf-v5-c-data-list__cell'}, [
              h('a', {href: realmHref(realm.realm), class: 'vg-realm-link', 'data-realm': realm.realm, text: realm.realm}),
              display ? h('span', {class: 'vg-muted', text: ' ' + display}) : null
            ]))));
        })));
    }).catch(function (error) {
      if (stale(seq)) {
        return;
      }
      replace(body, [errorAlert(error, 'refused.console', {id: 'vg-refused'}),
        h('p', {class: 'vg-actions'}, button('secondary', t('signout'), signOut))]);
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Overview of a realm

  function card(title, bodyId) {
    var body = h('div', {class: 'pf-v5-c-card__body', id: bodyId}, spinner());
    return {
      body: body,
      element: h('article', {class: 'pf-v5-c-card'}, [
        h('div', {class: 'pf-v5-c-card__title'}, h('h2', {class: 'pf-v5-c-card__title-text', text: title})), body])
    };
  }

  function renderOverview(realm, content, seq) {
    var base = realmPath(realm) + '/viewgate';
    var requests = card(t('overview.requests'), 'vg-overview-requests');
    var audit = card(t('overview.audit'), 'vg-overview-audit');
    var guests = card(t('overview.guests'), 'vg-overview-guests');
    replace(content, h('div', {class: 'pf-v5-l-gallery pf-m-gutter vg-cards'}, [requests.element, audit.element, guests.element]));

    // One call: each part the admin may read (a refused part is null and named in refused). The chain's head answers
    // at once at any size; verifying reads every row, so it runs when asked.
    api(base + '/overview').then(function (overview) {
      if (stale(seq)) {
        return;
      }
      var refusal = {status: 403};
      replace(requests.body, overview.pending === null ? errorAlert(refusal, 'refused.requests') : [
        h('p', {class: 'vg-figure'}, [h('span', {class: 'pf-v5-c-badge pf-m-unread', id: 'vg-pending-count', text: overview.pending}),
          ' ', t('overview.pending')]),
        h('p', {}, h('a', {href: realmHref(realm, 'requests'), id: 'vg-open-queue', text: t('overview.openQueue')}))]);
      replace(audit.body, overview.audit === null ? errorAlert(refusal, 'refused.audit') : overviewAudit(realm, base, overview.audit));
      replace(guests.body, overview.guests === null ? errorAlert(refusal, 'refused.guests') : overviewGuests(realm, overview.guests));
    }).catch(function (error) {
      if (!stale(seq)) {
        [requests.body, audit.body, guests.body].forEach(function (body) {
          replace(body, errorAlert(error, 'refused.console'));
        });
      }
    });
  }

  function overviewAudit(realm, base, head) {
    var status = h('div', {id: 'vg-overview-verify'});
    return [
      h('p', {class: 'vg-figure'}, [h('span', {class: 'pf-v5-c-badge pf-m-read', id: 'vg-audit-sealed', text: String(head.sealed)}),
        ' ', t('overview.auditSealed', head.sealedThrough)]),
      head.unsealed ? h('p', {class: 'vg-muted', id: 'vg-audit-unsealed', text: t('overview.auditUnsealed', head.unsealed)}) : null,
      status,
      h('p', {class: 'vg-actions'}, [button('secondary', t('audit.verify'), function () {
        verifyInto(base + '/audit/verify', status);
      }, {id: 'vg-overview-verify-button'}), ' ', h('a', {href: realmHref(realm, 'audit'), text: t('overview.openAudit')})])];
  }

  /** The newest active links (the server sends one more than it shows, to tell whether there are more). */
  function overviewGuests(realm, grants) {
    var shown = 5;
    var count = grants.length > shown ? t('overview.guestsMore', shown) : String(grants.length);
    return [
      h('p', {class: 'vg-figure'}, [h('span', {class: 'pf-v5-c-badge pf-m-read', id: 'vg-guest-count', text: count}),
        ' ', t('overview.guestsActive')]),
      grants.length ? h('ul', {class: 'pf-v5-c-list vg-guest-list'}, grants.slice(0, shown).map(function (grant) {
        var what = grant.client + ' / ' + grant.view + (grant.label ? ' (' + grant.label + ')' : '');
        var until = grant.expiresAt ? t('overview.guestUntil', formatTime(grant.expiresAt)) : t('overview.guestNoExpiry');
        return h('li', {}, [h('span', {text: what}), ' ', h('span', {class: 'vg-muted', text: until}),
          grant.public ? h('span', {class: 'pf-v5-c-label pf-m-compact vg-label'}, h('span', {class: 'pf-v5-c-label__content',
            text: t('overview.guestPublic')})) : null]);
      })) : null,
      h('p', {}, h('a', {href: realmHref(realm, 'guests'), id: 'vg-open-guests', text: t('overview.openGuests')}))];
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Paging

  function pager(first, shown, hasMore, go, idPrefix) {
    return h('nav', {class: 'vg-pager', 'aria-label': t('pager.label')}, [
      h('span', {class: 'vg-muted', id: idPrefix + '-range', text: shown ? t('pager.range', first + 1, first + shown) : ''}),
      button('secondary', t('pager.previous'), function () {
        go(Math.max(0, first - PAGE));
      }, {id: idPrefix + '-prev', disabled: first === 0}),
      button('secondary', t('pager.next'), function () {
        go(first + PAGE);
      }, {id: idPrefix + '-next', disabled: !hasMore})
    ]);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Access requests: the pending queue, oldest first

  function RequestsPage(realm, content, seq) {
    this.realm = realm;
    this.content = content;
    this.seq = seq;
    this.base = realmPath(realm) + '/viewgate/access-requests';
    this.first = 0;
    this.tiers = new TierNames([]);
    this.alerts = h('div', {class: 'vg-alerts', id: 'vg-alerts', 'aria-live': 'polite'});
    this.list = h('div', {id: 'vg-requests'}, spinner());
  }

  /** The tier ladder as the server reads it (one rule: TierLadder), lowest first, without counting members. */
  function loadTiers(realm) {
    return api(realmPath(realm) + '/viewgate/ladder?members=false').then(function (rungs) {
      return rungs.map(function (rung) {
        return {name: rung.role, tier: rung.tier, label: rung.label || rung.role};
      });
    });
  }

  /** Pending | History, under the requests tab. */
  function requestsNav(realm, current) {
    return h('nav', {class: 'pf-v5-c-tabs pf-m-secondary vg-subtabs', 'aria-label': t('requests.views')},
      h('ul', {class: 'pf-v5-c-tabs__list', role: 'tablist'}, [['requests', t('requests.pendingTab')], ['history', t('requests.historyTab')]]
        .map(function (tab) {
          var selected = tab[0] === current;
          return h('li', {class: 'pf-v5-c-tabs__item' + (selected ? ' pf-m-current' : ''), role: 'presentation'},
            h('a', {class: 'pf-v5-c-tabs__link', id: 'vg-subtab-' + tab[0], role: 'tab', 'aria-selected': String(selected),
              href: realmHref(realm, tab[0])}, h('span', {class: 'pf-v5-c-tabs__item-text', text: tab[1]})));
        })));
  }

  /** The ladder's names for the requests' tiers: "Analyst (T3)", or the role name when the ladder was refused. */
  function TierNames(tiers) {
    this.tiers = tiers;
  }

  TierNames.prototype.of = function (name) {
    for (var i = 0; i < this.tiers.length; i++) {
      if (this.tiers[i].name === name) {
        return this.tiers[i];
      }
    }
    return null;
  };

  TierNames.prototype.text = function (name) {
    var tier = this.of(name);
    return tier ? t('tier.named', tier.label, tier.tier) : name;
  };

  /** Loads the tier names into the page (a refusal is shown; names then stay role names), then shows its first page. */
  function loadTierNamesThenShow(page) {
    return loadTiers(page.realm).then(function (tiers) {
      page.tiers = new TierNames(tiers);
    }).catch(function (error) {
      append(page.alerts, errorAlert(error, 'refused.ladder'));
    }).then(function () {
      return page.show(0);
    });
  }

  RequestsPage.prototype.load = function () {
    replace(this.content, [requestsNav(this.realm, 'requests'), h('h2', {class: 'pf-v5-c-title pf-m-xl', text: t('requests.title')}),
      this.alerts, this.list]);
    return loadTierNamesThenShow(this);
  };

  RequestsPage.prototype.show = function (first) {
    var page = this;
    page.first = first;
    replace(page.list, spinner());
    return api(page.base + '?status=PENDING&first=' + first + '&max=' + (PAGE + 1)).then(function (requests) {
      if (stale(page.seq)) {
        return;
      }
      var shown = requests.slice(0, PAGE);
      if (!shown.length) {
        replace(page.list, [alertBox('info', first === 0 ? t('requests.none') : t('requests.noneHere'), '', {id: 'vg-requests-empty'}),
          first > 0 ? pager(first, 0, false, page.show.bind(page), 'vg-requests') : null]);
        return;
      }
      var headers = [t('requests.requester'), t('requests.current'), t('requests.desired'), t('requests.message'),
        t('requests.age'), t('requests.decision')];
      replace(page.list, [
        h('table', {class: 'pf-v5-c-table pf-m-grid-lg vg-table', role: 'grid', id: 'vg-requests-table', 'aria-label': t('requests.title')}, [
          h('thead', {class: 'pf-v5-c-table__thead'}, h('tr', {class: 'pf-v5-c-table__tr', role: 'row'}, headers.map(function (text) {
            return h('th', {class: 'pf-v5-c-table__th pf-m-wrap', role: 'columnheader', scope: 'col', text: text});
          }))),
          h('tbody', {class: 'pf-v5-c-table__tbody', role: 'rowgroup'}, shown.map(function (request) {
            return page.row(request, headers);
          }))
        ]),
        pager(first, shown.length, requests.length > PAGE, page.show.bind(page), 'vg-requests')
      ]);
    }).catch(function (error) {
      if (!stale(page.seq)) {
        replace(page.list, errorAlert(error, 'refused.requests', {id: 'vg-requests-error'}));
      }
    });
  };

  RequestsPage.prototype.row = function (request, headers) {
    var page = this;
    var who = request.requester || {};
    var whoName = who.username || who.id || '';
    var current = h('span', {class: 'vg-current-tier', text: '…'});
    var decision = h('div', {class: 'vg-decision'});
    var earlier = h('div', {class: 'vg-earlier vg-muted', 'data-earlier': ''});
    var cells = [
      h('div', {}, [h('div', {class: 'vg-strong', text: who.name || whoName}), h('div', {class: 'vg-muted', text: whoName}),
        who.email ? h('div', {class: 'vg-muted', text: who.email}) : null, earlier]),
      current,
      h('span', {text: request.desiredRole ? page.tiers.text(request.desiredRole) : t('requests.noDesired')}),
      h('span', {class: 'vg-message', text: request.message || ''}),
      h('span', {title: formatTime(request.createdAt), text: age(request.createdAt)}),
      decision
    ];
    page.decisionForm(request, whoName, decision);
    if (who.id) {
      page.earlier(request, who.id, earlier);
      api(realmPath(page.realm) + '/users/' + encodeURIComponent(who.id) + '/role-mappings/realm/composite').then(function (roles) {
        var best = null;
        roles.forEach(function (role) {
          var tier = page.tiers.of(role.name);
          if (tier && (!best || tier.tier > best.tier)) {
            best = tier;
          }
        });
        current.textContent = best ? t('tier.named', best.label, best.tier) : t('tier.none');
      }).catch(function () {
        current.textContent = t('tier.unknown');
      });
    }
    return h('tr', {class: 'pf-v5-c-table__tr', role: 'row', 'data-request-id': request.id, 'data-requester': whoName},
      cells.map(function (cell, index) {
        return h('td', {class: 'pf-v5-c-table__td', role: 'gridcell', 'data-label': headers[index]}, cell);
      }));
  };

  /** Grant (choose the role, then confirm) or decline (a reason, then confirm); what was typed survives an error. */
  RequestsPage.prototype.decisionForm = function (request, whoName, container) {
    var page = this;
    var select = h('select', {class: 'vg-role-select', 'aria-label': t('requests.role'), 'data-role-select': ''},
      [h('option', {value: '', text: t('requests.chooseRole')})].concat(page.tiers.tiers.map(function (tier) {
        return h('option', {value: tier.name, text: t('tier.named', tier.label, tier.tier),
          selected: tier.name === request.desiredRole}); // a default, to be confirmed
      })));
    var reason = h('textarea', {class: 'vg-reason', rows: '2', maxlength: '2000', 'aria-label': t('requests.reason'),
      placeholder: t('requests.reasonPlaceholder')});
    var feedback = h('div', {class: 'vg-feedback', 'aria-live': 'polite'});
    var confirm = h('div', {class: 'vg-confirm'});
    var buttons = h('div', {class: 'vg-buttons'}, [
      button('primary', t('requests.grant'), function () {
        replace(feedback, []);
        if (!select.value) {
          replace(feedback, alertBox('warning', t('requests.chooseRoleFirst'), ''));
          return;
        }
        var role = select.value;
        ask(t('requests.confirmGrant', page.tiers.text(role), whoName), t('requests.confirmGrantButton'), 'primary', function () {
          return api(page.base + '/' + encodeURIComponent(request.id) + '/grant', {method: 'POST', body: {role: role}})
            .then(function (granted) {
              page.done(alertBox('success', t('requests.granted', granted.requester && granted.requester.username || whoName,
                page.tiers.text(granted.grantedRole || role)), '', {id: 'vg-success'}));
            });
        }, 'refused.grant');
      }, {'data-action': 'grant'}),
      button('secondary', t('requests.decline'), function () {
        replace(feedback, []);
        reasonGroup.hidden = false;
        ask(t('requests.confirmDecline', whoName), t('requests.confirmDeclineButton'), 'danger', function () {
          var body = reason.value.trim() ? {reason: reason.value.trim()} : {};
          return api(page.base + '/' + encodeURIComponent(request.id) + '/decline', {method: 'POST', body: body})
            .then(function () {
              page.done(alertBox('success', t('requests.declined', whoName), '', {id: 'vg-success'}));
            });
        }, 'refused.decline');
      }, {'data-action': 'decline'})
    ]);
    var reasonGroup = h('div', {class: 'vg-reason-group', hidden: true}, formControl(reason));

    function ask(question, confirmText, variant, action, refusedKey) {
      buttons.hidden = true;
      select.disabled = true;
      var confirmButton = button(variant, confirmText, function () {
        confirmButton.disabled = true;
        cancelButton.disabled = true;
        action().catch(function (error) {
          replace(feedback, errorAlert(error, refusedKey, {class: 'pf-v5-c-alert pf-m-inline pf-m-danger vg-row-error'}));
          reset();
        });
      }, {'data-action': 'confirm'});
      var cancelButton = button('link', t('cancel'), reset, {'data-action': 'cancel'});
      replace(confirm, [h('p', {class: 'vg-question', text: question}), h('div', {class: 'vg-buttons'}, [confirmButton, cancelButton])]);
    }

    function reset() {
      replace(confirm, []);
      buttons.hidden = false;
      select.disabled = false;
    }

    append(container, [formControl(select), reasonGroup, buttons, confirm, feedback]);
  };

  /** The member's earlier requests, newest first: how each ended and when, with a link to all of them. */
  RequestsPage.prototype.earlier = function (request, requesterId, container) {
    var page = this;
    var shown = 3;
    api(page.base + '?status=ALL&requester=' + encodeURIComponent(requesterId) + '&max=' + (shown + 2)).then(function (rows) {
      var others = rows.filter(function (other) {
        return other.id !== request.id;
      });
      if (!others.length) {
        replace(container, t('requests.noEarlier'));
        return;
      }
      replace(container, [
        h('span', {text: t('requests.earlier')}),
        h('ul', {class: 'vg-earlier-list'}, others.slice(0, shown).map(function (other) {
          return h('li', {'data-status': other.status, title: formatTime(other.decidedAt || other.createdAt)},
            t('requests.earlierOne', statusText(other.status), age(other.decidedAt || other.createdAt)));
        })),
        h('a', {href: realmHref(page.realm, 'history') + '?requester=' + encodeURIComponent(requesterId), 'data-earlier-link': '',
          text: others.length > shown ? t('requests.earlierMore') : t('requests.earlierAll')})
      ]);
    }).catch(function () {
      replace(container, []);
    });
  };

  function statusText(status) {
    return t('requests.status.' + status);
  }

  RequestsPage.prototype.done = function (notice) {
    replace(this.alerts, notice);
    return this.show(this.first);
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Access requests: history, newest first, by status and requester

  function HistoryPage(realm, content, seq, requester) {
    this.realm = realm;
    this.content = content;
    this.seq = seq;
    this.base = realmPath(realm) + '/viewgate/access-requests';
    this.tiers = new TierNames([]);
    this.status = h('select', {}, ['ALL', 'GRANTED', 'DECLINED', 'WITHDRAWN', 'PENDING'].map(function (status) {
      return h('option', {value: status, text: status === 'ALL' ? t('requests.allStatuses') : statusText(status)});
    }));
    this.requester = h('input', {type: 'text', maxlength: '255', autocomplete: 'off', value: requester});
    this.alerts = h('div', {class: 'vg-alerts', id: 'vg-alerts', 'aria-live': 'polite'});
    this.list = h('div', {id: 'vg-history'}, spinner());
  }

  HistoryPage.prototype.load = function () {
    var page = this;
    var form = h('form', {class: 'pf-v5-c-form vg-filters', novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      page.show(0);
    }}, [
      field('vg-history-status', t('requests.status'), page.status),
      field('vg-history-requester', t('requests.requesterFilter'), page.requester),
      h('div', {class: 'pf-v5-c-form__group vg-buttons'},
        h('button', {type: 'submit', class: 'pf-v5-c-button pf-m-primary', id: 'vg-history-apply', text: t('requests.apply')}))
    ]);
    replace(page.content, [requestsNav(page.realm, 'history'), h('h2', {class: 'pf-v5-c-title pf-m-xl', text: t('requests.historyTitle')}),
      form, page.alerts, page.list]);
    return loadTierNamesThenShow(page);
  };

  HistoryPage.prototype.show = function (first) {
    var page = this;
    replace(page.list, spinner());
    var query = new URLSearchParams({status: page.status.value, first: String(first), max: String(PAGE + 1)});
    if (page.requester.value.trim()) {
      query.set('requester', page.requester.value.trim());
    }
    return api(page.base + '?' + query.toString()).then(function (rows) {
      if (stale(page.seq)) {
        return;
      }
      var shown = rows.slice(0, PAGE);
      if (!shown.length) {
        replace(page.list, [alertBox('info', t('requests.noHistory'), '', {id: 'vg-history-empty'}),
          first > 0 ? pager(first, 0, false, page.show.bind(page), 'vg-history') : null]);
        return;
      }
      var headers = [t('requests.requester'), t('requests.status'), t('requests.desired'), t('requests.outcome'),
        t('requests.message'), t('requests.asked'), t('requests.decided')];
      replace(page.list, [
        table('vg-history-table', t('requests.historyTitle'), headers, shown.map(function (request) {
          var who = request.requester || {};
          var whoName = who.username || who.id || '';
          var outcome = request.status === 'GRANTED'
            ? t('requests.outcomeGranted', request.previousRole ? page.tiers.text(request.previousRole) : t('tier.none'),
              page.tiers.text(request.grantedRole))
            : request.reason ? t('requests.outcomeReason', request.reason) : '';
          return cellsRow({'data-request-id': request.id, 'data-status': request.status, 'data-requester': whoName}, headers, [
            h('div', {}, [h('div', {class: 'vg-strong', text: who.name || whoName}), h('div', {class: 'vg-muted', text: whoName})]),
            h('span', {class: 'vg-status', text: statusText(request.status)}),
            h('span', {text: request.desiredRole ? page.tiers.text(request.desiredRole) : t('requests.noDesired')}),
            h('span', {class: 'vg-outcome', text: outcome}),
            h('span', {class: 'vg-message', text: request.message || ''}),
            h('span', {title: formatTime(request.createdAt), text: formatTime(request.createdAt)}),
            h('span', {text: request.decidedAt ? t('requests.decidedBy', formatTime(request.decidedAt),
              request.decidedBy ? request.decidedBy.username || request.decidedBy.id : '') : ''})
          ]);
        })),
        pager(first, shown.length, rows.length > PAGE, page.show.bind(page), 'vg-history')
      ]);
    }).catch(function (error) {
      if (!stale(page.seq)) {
        replace(page.list, errorAlert(error, 'refused.requests', {id: 'vg-history-error'}));
      }
    });
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Audit log: newest first, filters, verification, export

  function AuditPage(realm, content, seq) {
    this.realm = realm;
    this.content = content;
    this.seq = seq;
    this.base = realmPath(realm) + '/viewgate/audit';
    this.first = 0;
    this.type = h('select', {}, [h('option', {value: '', text: t('audit.allTypes')})].concat(AUDIT_TYPES.map(function (type) {
      return h('option', {value: type, text: type});
    })));
    this.actor = h('input', {type: 'text', maxlength: '255', autocomplete: 'off'});
    this.subject = h('input', {type: 'text', maxlength: '255', autocomplete: 'off'});
    // Local time in the browser, sent as an instant (UTC) to the API.
    this.from = h('input', {type: 'datetime-local', step: '1'});
    this.to = h('input', {type: 'datetime-local', step: '1'});
    this.alerts = h('div', {class: 'vg-alerts', id: 'vg-alerts', 'aria-live': 'polite'});
    this.list = h('div', {id: 'vg-audit'}, spinner());
  }

  /** An instant (ISO, UTC) for a datetime-local value, or '' when it is empty or not a date. */
  function instantOf(input) {
    if (!input.value) {
      return '';
    }
    var date = new Date(input.value);
    return isNaN(date.getTime()) ? '' : date.toISOString();
  }

  AuditPage.prototype.filterQuery = function () {
    var query = new URLSearchParams();
    if (this.type.value) {
      query.set('type', this.type.value);
    }
    if (this.actor.value.trim()) {
      query.set('actor', this.actor.value.trim());
    }
    if (this.subject.value.trim()) {
      query.set('subject', this.subject.value.trim());
    }
    if (instantOf(this.from)) {
      query.set('from', instantOf(this.from));
    }
    if (instantOf(this.to)) {
      query.set('to', instantOf(this.to));
    }
    return query;
  };

  AuditPage.prototype.load = function () {
    var page = this;
    var form = h('form', {class: 'pf-v5-c-form vg-filters', novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      page.show(0);
    }}, [
      field('vg-audit-type', t('audit.type'), page.type),
      field('vg-audit-actor', t('audit.actor'), page.actor),
      field('vg-audit-subject', t('audit.subjectFilter'), page.subject),
      field('vg-audit-from', t('audit.from'), page.from),
      field('vg-audit-to', t('audit.to'), page.to),
      h('div', {class: 'pf-v5-c-form__group vg-buttons'}, [
        h('button', {type: 'submit', class: 'pf-v5-c-button pf-m-primary', id: 'vg-audit-apply', text: t('audit.apply')}),
        button('secondary', t('audit.verify'), function () {
          page.verify();
        }, {id: 'vg-audit-verify'}),
        button('secondary', t('audit.exportNdjson'), function () {
          page.download('ndjson');
        }, {id: 'vg-export-ndjson'}),
        button('secondary', t('audit.exportCsv'), function () {
          page.download('csv');
        }, {id: 'vg-export-csv'})
      ])
    ]);
    replace(page.content, [h('h2', {class: 'pf-v5-c-title pf-m-xl', text: t('audit.title')}), form, page.alerts, page.list]);
    return page.show(0);
  };

  AuditPage.prototype.show = function (first) {
    var page = this;
    page.first = first;
    replace(page.list, spinner());
    var query = page.filterQuery();
    query.set('first', String(first));
    query.set('max', String(PAGE + 1));
    return api(page.base + '?' + query.toString()).then(function (rows) {
      if (stale(page.seq)) {
        return;
      }
      var shown = rows.slice(0, PAGE);
      if (!shown.length) {
        replace(page.list, [alertBox('info', t('audit.none'), '', {id: 'vg-audit-empty'}),
          first > 0 ? pager(first, 0, false, page.show.bind(page), 'vg-audit') : null]);
        return;
      }
      var headers = [t('audit.time'), t('audit.type'), t('audit.actor'), t('audit.subject'), t('audit.resource'), t('audit.details')];
      replace(page.list, [
        h('table', {class: 'pf-v5-c-table pf-m-grid-lg vg-table', role: 'grid', id: 'vg-audit-table', 'aria-label': t('audit.title')}, [
          h('thead', {class: 'pf-v5-c-table__thead'}, h('tr', {class: 'pf-v5-c-table__tr', role: 'row'}, headers.map(function (text) {
            return h('th', {class: 'pf-v5-c-table__th pf-m-wrap', role: 'columnheader', scope: 'col', text: text});
          }))),
          h('tbody', {class: 'pf-v5-c-table__tbody', role: 'rowgroup'}, shown.map(function (row) {
            var cells = [
              h('span', {title: row.time, text: formatTime(row.time)}),
              h('span', {class: 'vg-code', text: row.type}),
              h('span', {text: row.actor ? row.actor.username || row.actor.id || '' : ''}),
              h('span', {text: row.subject ? row.subject.username || row.subject.id || '' : ''}),
              h('span', {class: 'vg-code', text: row.resource || ''}),
              h('span', {class: 'vg-code vg-details', text: row.details === null || row.details === undefined ? '' : JSON.stringify(row.details)})
            ];
            return h('tr', {class: 'pf-v5-c-table__tr', role: 'row', 'data-audit-id': row.id, 'data-type': row.type,
              'data-subject': row.subject ? row.subject.username || row.subject.id || '' : ''},
              cells.map(function (cell, index) {
                return h('td', {class: 'pf-v5-c-table__td', role: 'gridcell', 'data-label': headers[index]}, cell);
              }));
          }))
        ]),
        pager(first, shown.length, rows.length > PAGE, page.show.bind(page), 'vg-audit')
      ]);
    }).catch(function (error) {
      if (!stale(page.seq)) {
        replace(page.list, errorAlert(error, 'refused.audit', {id: 'vg-audit-error'}));
      }
    });
  };

  AuditPage.prototype.verify = function () {
    return verifyInto(this.base + '/verify', this.alerts);
  };

  /** Verifies the chain (every row: seconds at a million) and shows the outcome in {@code into}. */
  function verifyInto(url, into) {
    replace(into, spinner());
    return api(url).then(function (answer) {
      replace(into, answer.valid
        ? alertBox('success', t('audit.valid', answer.checked), '', {id: 'vg-audit-status', 'data-valid': 'true'})
        : alertBox('danger', t('audit.broken', answer.firstBrokenSeq), t('audit.brokenHint'), {id: 'vg-audit-status', 'data-valid': 'false'}));
    }).catch(function (error) {
      replace(into, errorAlert(error, 'refused.audit'));
    });
  }

  /** The export through fetch with the bearer token, handed to the browser as a file. */
  AuditPage.prototype.download = function (format) {
    var page = this;
    var query = page.filterQuery();
    query.set('format', format);
    replace(page.alerts, spinner());
    return api(page.base + '/export?' + query.toString(), {raw: true, accept: '*/*'}).then(function (response) {
      return response.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var name = 'viewgate-audit-' + page.realm.replace(/[^A-Za-z0-9._-]/g, '_') + '.' + format;
      var link = h('a', {href: url, download: name, hidden: true});
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 60000);
      replace(page.alerts, alertBox('success', t('audit.exported', name, blob.size), '', {id: 'vg-export-done'}));
    }).catch(function (error) {
      replace(page.alerts, errorAlert(error, 'refused.audit'));
    });
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Guest links: every grant of the realm across apps, newest first, with filters and revoke; an app's views

  function option(value, text) {
    return h('option', {value: value, text: text});
  }

  function label(color, text, props) {
    return h('span', Object.assign({class: 'pf-v5-c-label pf-m-compact pf-m-' + color}, props || {}),
      h('span', {class: 'pf-v5-c-label__content', text: text}));
  }

  /** How a grant is named to people: its label, else the last characters of its secret. */
  function linkName(grant) {
    return grant.label ? t('guests.named', grant.label) : t('guests.unnamed', grant.secretHint || grant.id);
  }

  function statusLabel(status) {
    if (status === 'active') {
      return label('green', t('guests.statusActive'), {'data-status-label': status});
    }
    if (status === 'revoked') {
      return label('red', t('guests.statusRevoked'), {'data-status-label': status});
    }
    if (status === 'expired') {
      return label('orange', t('guests.statusExpired'), {'data-status-label': status});
    }
    return label('grey', String(status || ''), {'data-status-label': status || ''});
  }

  function GuestsPage(realm, content, seq) {
    this.realm = realm;
    this.content = content;
    this.seq = seq;
    this.base = realmPath(realm) + '/viewgate';
    this.first = 0;
    this.applied = new URLSearchParams();
    this.viewsSeq = 0;
    this.client = h('input', {type: 'text', maxlength: '128', autocomplete: 'off', spellcheck: 'false'});
    this.view = h('input', {type: 'text', maxlength: '128', autocomplete: 'off', spellcheck: 'false'});
    this.status = h('select', {}, [option('', t('guests.allStatuses')), option('active', t('guests.statusActive')),
      option('revoked', t('guests.statusRevoked')), option('expired', t('guests.statusExpired'))]);
    this.publicity = h('select', {}, [option('', t('guests.allLinks')), option('true', t('guests.publicOnly')),
      option('false', t('guests.privateOnly'))]);
    this.alerts = h('div', {class: 'vg-alerts', id: 'vg-alerts', 'aria-live': 'polite'});
    this.views = h('div', {class: 'vg-views', id: 'vg-views', 'aria-live': 'polite'});
    this.list = h('div', {id: 'vg-guests'}, spinner());
  }

  /** The filters as typed; they apply (and stay applied while paging) when the form is submitted. */
  GuestsPage.prototype.filterQuery = function () {
    var query = new URLSearchParams();
    if (this.client.value.trim()) {
      query.set('client', this.client.value.trim());
    }
    if (this.view.value.trim()) {
      query.set('view', this.view.value.trim());
    }
    if (this.status.value) {
      query.set('status', this.status.value);
    }
    if (this.publicity.value) {
      query.set('public', this.publicity.value);
    }
    return query;
  };

  GuestsPage.prototype.load = function () {
    var page = this;
    var form = h('form', {class: 'pf-v5-c-form vg-filters vg-filters-grid', novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      page.apply();
    }}, [
      field('vg-guests-client', t('guests.client'), page.client),
      field('vg-guests-view', t('guests.view'), page.view),
      field('vg-guests-status', t('guests.status'), page.status),
      field('vg-guests-public', t('guests.public'), page.publicity),
      h('div', {class: 'pf-v5-c-form__group vg-buttons'}, [
        h('button', {type: 'submit', class: 'pf-v5-c-button pf-m-primary', id: 'vg-guests-apply', text: t('guests.apply')}),
        button('secondary', t('guests.showViews'), function () {
          var clientId = page.client.value.trim();
          if (!clientId) {
            replace(page.views, alertBox('warning', t('guests.clientFirst'), '', {id: 'vg-views-warning'}));
            return;
          }
          page.showViews(clientId);
        }, {id: 'vg-guests-views'})
      ])
    ]);
    replace(page.content, [h('h2', {class: 'pf-v5-c-title pf-m-xl', text: t('guests.title')}), form, page.alerts,
      page.views, page.list]);
    return page.show(0);
  };

  GuestsPage.prototype.apply = function () {
    replace(this.alerts, []);
    this.applied = this.filterQuery();
    return this.show(0);
  };

  GuestsPage.prototype.show = function (first) {
    var page = this;
    page.first = first;
    replace(page.list, spinner());
    var query = new URLSearchParams(page.applied);
    var refusedKey = query.has('client') ? 'refused.applinks' : 'refused.guests';
    query.set('first', String(first));
    query.set('max', String(PAGE + 1));
    return api(page.base + '/guests?' + query.toString()).then(function (grants) {
      if (stale(page.seq)) {
        return;
      }
      var shown = grants.slice(0, PAGE);
      if (!shown.length) {
        replace(page.list, [alertBox('info', first === 0 ? t('guests.none') : t('guests.noneHere'), '', {id: 'vg-guests-empty'}),
          first > 0 ? pager(first, 0, false, page.show.bind(page), 'vg-guests') : null]);
        return;
      }
      var headers = [t('guests.appView'), t('guests.link'), t('guests.permissions'), t('guests.status'),
        t('guests.expires'), t('guests.created'), t('guests.uses'), t('guests.action')];
      replace(page.list, [
        h('table', {class: 'pf-v5-c-table pf-m-grid-lg vg-table', role: 'grid', id: 'vg-guests-table', 'aria-label': t('guests.title')}, [
          h('thead', {class: 'pf-v5-c-table__thead'}, h('tr', {class: 'pf-v5-c-table__tr', role: 'row'}, headers.map(function (text) {
            return h('th', {class: 'pf-v5-c-table__th pf-m-wrap', role: 'columnheader', scope: 'col', text: text});
          }))),
          h('tbody', {class: 'pf-v5-c-table__tbody', role: 'rowgroup'}, shown.map(function (grant) {
            return page.row(grant, headers);
          }))
        ]),
        pager(first, shown.length, grants.length > PAGE, page.show.bind(page), 'vg-guests')
      ]);
    }).catch(function (error) {
      if (!stale(page.seq)) {
        replace(page.list, errorAlert(error, refusedKey, {id: 'vg-guests-error'}));
      }
    });
  };

  /** The user's page in Keycloak's admin console, as it is reached from this console's realm. */
  function keycloakUserHref(realm, userId) {
    return SERVER + '/admin/' + encodeURIComponent(REALM) + '/console/#/' + encodeURIComponent(realm) + '/users/'
      + encodeURIComponent(userId) + '/settings';
  }

  GuestsPage.prototype.row = function (grant, headers) {
    var page = this;
    var effective = (grant.effectivePermissions || []).join(', ');
    var granted = (grant.permissions || []).join(', ');
    var creator = grant.createdBy ? grant.createdBy.username || grant.createdBy.id || '' : '';
    var status = h('div', {class: 'vg-status'}, statusLabel(grant.status));
    var action = h('div', {class: 'vg-decision'});
    var cells = [
      h('div', {}, [h('div', {class: 'vg-strong', text: grant.client || ''}), h('div', {class: 'vg-code', text: grant.view}),
        grant.client ? button('link pf-m-inline', t('guests.viewsOf'), function () {
          page.showViews(grant.client);
        }, {'data-action': 'views'}) : null]),
      h('div', {}, [h('div', {text: grant.label || t('guests.noLabel')}),
        h('div', {class: 'vg-muted', text: t('guests.hint', grant.secretHint || '')}),
        grant.public ? label('blue', t('guests.publicLink'), {'data-public': 'true'})
          : label('grey', t('guests.privateLink'), {'data-public': 'false'}),
        grant.principal ? h('div', {class: 'vg-muted vg-principal'}, [t('guests.principal'), ' ',
          h('a', {href: keycloakUserHref(page.realm, grant.principal.id), target: '_blank', rel: 'noopener', 'data-principal': '',
            text: grant.principal.username})]) : null]),
      h('div', {}, [h('span', {class: 'vg-code', text: effective || t('guests.nothing')}),
        granted !== effective ? h('div', {class: 'vg-muted', text: t('guests.granted', granted)}) : null]),
      status,
      h('span', {title: grant.expiresAt || '', text: grant.expiresAt ? formatTime(grant.expiresAt) : t('guests.noExpiry')}),
      h('div', {}, [h('div', {text: creator}), h('div', {class: 'vg-muted', title: grant.createdAt || '', text: formatTime(grant.createdAt)})]),
      h('div', {}, [h('div', {class: 'vg-strong vg-use-count', text: String(grant.useCount || 0)}),
        h('div', {class: 'vg-muted', title: grant.lastUsedAt || '',
          text: grant.lastUsedAt ? t('guests.lastUsed', formatTime(grant.lastUsedAt)) : t('guests.neverUsed')})]),
      action
    ];
    var row = h('tr', {class: 'pf-v5-c-table__tr', role: 'row', 'data-grant-id': grant.id, 'data-status': grant.status,
      'data-use-count': String(grant.useCount || 0)}, cells.map(function (cell, index) {
      return h('td', {class: 'pf-v5-c-table__td', role: 'gridcell', 'data-label': headers[index]}, cell);
    }));
    if (grant.status === 'active' && grant.client) {
      page.revokeForm(grant, action, function () {
        replace(status, statusLabel('revoked'));
        row.setAttribute('data-status', 'revoked');
        replace(action, []);
        // Revoking removed the guest's Keycloak user.
        var principal = row.querySelector('.vg-principal');
        if (principal) {
          principal.parentNode.removeChild(principal);
        }
      });
    }
    return row;
  };

  /** Revoke, then confirm; an error leaves the row as it was, with the reason beside it. */
  GuestsPage.prototype.revokeForm = function (grant, container, revoked) {
    var page = this;
    var feedback = h('div', {class: 'vg-feedback', 'aria-live': 'polite'});
    var confirm = h('div', {class: 'vg-confirm'});
    var revoke = button('danger', t('guests.revoke'), function () {
      replace(feedback, []);
      revoke.hidden = true;
      var yes = button('danger', t('guests.confirmRevokeButton'), function () {
        yes.disabled = true;
        no.disabled = true;
        api(page.base + '/views/' + encodeURIComponent(grant.client) + '/' + encodeURIComponent(grant.view) + '/guests/'
          + encodeURIComponent(grant.id), {method: 'DELETE'}).then(function () {
          revoked();
          replace(page.alerts, alertBox('success', t('guests.revoked', linkName(grant), grant.view, grant.client), '',
            {id: 'vg-success'}));
        }).catch(function (error) {
          reset();
          replace(feedback, errorAlert(error, 'refused.revoke', {class: 'pf-v5-c-alert pf-m-inline pf-m-danger vg-row-error'}));
        });
      }, {'data-action': 'confirm'});
      var no = button('link', t('cancel'), reset, {'data-action': 'cancel'});
      replace(confirm, [h('p', {class: 'vg-question', text: t('guests.confirmRevoke', linkName(grant), grant.view, grant.client)}),
        h('p', {class: 'vg-muted', text: t('guests.confirmRevokeHint')}), h('div', {class: 'vg-buttons'}, [yes, no])]);
    }, {'data-action': 'revoke'});

    function reset() {
      replace(confirm, []);
      revoke.hidden = false;
    }

    append(container, [revoke, confirm, feedback]);
  };

  /** An app's views and their settings (read-only), above the list. */
  GuestsPage.prototype.showViews = function (clientId) {
    var page = this;
    var seq = ++page.viewsSeq;
    replace(page.views, spinner());
    return api(page.base + '/views/' + encodeURIComponent(clientId)).then(function (views) {
      if (stale(page.seq) || seq !== page.viewsSeq) {
        return;
      }
      var headers = [t('views.name'), t('views.key'), t('views.editable'), t('views.addable'), t('views.exportable'), t('views.links')];
      var yesNo = function (value) {
        return h('span', {text: value ? t('yes') : t('no')});
      };
      var body = views.length ? h('table', {class: 'pf-v5-c-table pf-m-grid-md pf-m-compact vg-table', role: 'grid',
        id: 'vg-views-table', 'aria-label': t('views.title', clientId)}, [
        h('thead', {class: 'pf-v5-c-table__thead'}, h('tr', {class: 'pf-v5-c-table__tr', role: 'row'}, headers.map(function (text) {
          return h('th', {class: 'pf-v5-c-table__th pf-m-wrap', role: 'columnheader', scope: 'col', text: text});
        }))),
        h('tbody', {class: 'pf-v5-c-table__tbody', role: 'rowgroup'}, views.map(function (view) {
          var cells = [h('span', {text: view.name || ''}), h('span', {class: 'vg-code', text: view.key}), yesNo(view.editable),
            yesNo(view.addable), yesNo(view.exportable), button('link pf-m-inline', t('views.showLinks'), function () {
              page.client.value = clientId;
              page.view.value = view.key;
              page.apply();
            }, {'data-action': 'links'})];
          return h('tr', {class: 'pf-v5-c-table__tr', role: 'row', 'data-view-key': view.key}, cells.map(function (cell, index) {
            return h('td', {class: 'pf-v5-c-table__td', role: 'gridcell', 'data-label': headers[index]}, cell);
          }));
        }))
      ]) : alertBox('info', t('views.none', clientId), '', {id: 'vg-views-empty'});
      replace(page.views, h('article', {class: 'pf-v5-c-card vg-views-card', id: 'vg-views-card', 'data-client': clientId}, [
        h('div', {class: 'pf-v5-c-card__title'}, h('h3', {class: 'pf-v5-c-card__title-text', text: t('views.title', clientId)})),
        h('div', {class: 'pf-v5-c-card__body'}, body),
        h('div', {class: 'pf-v5-c-card__footer'}, button('link', t('views.close'), function () {
          page.viewsSeq++;
          replace(page.views, []);
        }, {id: 'vg-views-close'}))
      ]));
    }).catch(function (error) {
      if (!stale(page.seq) && seq === page.viewsSeq) {
        replace(page.views, errorAlert(error, 'refused.views', {id: 'vg-views-error'}));
      }
    });
  };

  // ---------------------------------------------------------------------------------------------------------------
  // View as: who is viewing as what, since and until when; an admin may end one

  /** A table of rows with data-label cells (stacked on narrow screens). */
  function table(id, caption, headers, rows, extraClass) {
    return h('table', {class: 'pf-v5-c-table pf-m-grid-lg vg-table' + (extraClass ? ' ' + extraClass : ''), role: 'grid', id: id,
      'aria-label': caption}, [
      h('thead', {class: 'pf-v5-c-table__thead'}, h('tr', {class: 'pf-v5-c-table__tr', role: 'row'}, headers.map(function (text) {
        return h('th', {class: 'pf-v5-c-table__th pf-m-wrap', role: 'columnheader', scope: 'col', text: text});
      }))),
      h('tbody', {class: 'pf-v5-c-table__tbody', role: 'rowgroup'}, rows)
    ]);
  }

  function cellsRow(props, headers, cells) {
    return h('tr', Object.assign({class: 'pf-v5-c-table__tr', role: 'row'}, props), cells.map(function (cell, index) {
      return h('td', {class: 'pf-v5-c-table__td', role: 'gridcell', 'data-label': headers[index]}, cell);
    }));
  }

  function ViewAsPage(realm, content, seq) {
    this.realm = realm;
    this.content = content;
    this.seq = seq;
    this.base = realmPath(realm) + '/viewgate';
    this.first = 0;
    this.labels = {};
    this.alerts = h('div', {class: 'vg-alerts', id: 'vg-alerts', 'aria-live': 'polite'});
    this.list = h('div', {id: 'vg-viewas'}, spinner());
  }

  ViewAsPage.prototype.load = function () {
    var page = this;
    replace(page.content, [h('h2', {class: 'pf-v5-c-title pf-m-xl', text: t('viewas.title')}), page.alerts, page.list]);
    // The tiers' labels from the ladder (the same permission as the sessions); without them a tier shows as T{n}.
    return api(page.base + '/ladder?members=false').then(function (rungs) {
      rungs.forEach(function (rung) {
        page.labels[rung.tier] = rung.label || rung.role;
      });
    }).catch(function () {
      page.labels = {};
    }).then(function () {
      return page.show(0);
    });
  };

  ViewAsPage.prototype.tierText = function (tier) {
    return Object.prototype.hasOwnProperty.call(this.labels, tier) ? t('tier.named', this.labels[tier], tier) : t('viewas.tierOnly', tier);
  };

  /** What the member sees the realm as: a tier, or another member (with that member's tier). */
  ViewAsPage.prototype.asText = function (session) {
    if (session.mode === 'user' && session.target) {
      return t('viewas.asMember', session.target.username || session.target.id || '', this.tierText(session.tier));
    }
    return t('viewas.asTier', this.tierText(session.tier));
  };

  ViewAsPage.prototype.show = function (first) {
    var page = this;
    page.first = first;
    replace(page.list, spinner());
    return api(page.base + '/view-as-sessions?first=' + first + '&max=' + (PAGE + 1)).then(function (sessions) {
      if (stale(page.seq)) {
        return;
      }
      var shown = sessions.slice(0, PAGE);
      if (!shown.length) {
        replace(page.list, [alertBox('info', first === 0 ? t('viewas.none') : t('viewas.noneHere'), '', {id: 'vg-viewas-empty'}),
          first > 0 ? pager(first, 0, false, page.show.bind(page), 'vg-viewas') : null]);
        return;
      }
      var headers = [t('viewas.who'), t('viewas.as'), t('viewas.since'), t('viewas.until'), t('viewas.action')];
      replace(page.list, [
        table('vg-viewas-table', t('viewas.title'), headers, shown.map(function (session) {
          return page.row(session, headers);
        })),
        pager(first, shown.length, sessions.length > PAGE, page.show.bind(page), 'vg-viewas')
      ]);
    }).catch(function (error) {
      if (!stale(page.seq)) {
        replace(page.list, errorAlert(error, 'refused.viewas', {id: 'vg-viewas-error'}));
      }
    });
  };

  ViewAsPage.prototype.row = function (session, headers) {
    var page = this;
    var actor = session.actor || {};
    var who = actor.username || actor.id || '';
    var action = h('div', {class: 'vg-decision'});
    var cells = [
      h('span', {class: 'vg-strong', text: who}),
      h('span', {text: page.asText(session)}),
      h('div', {}, [h('div', {title: session.startedAt || '', text: formatTime(session.startedAt)}),
        h('div', {class: 'vg-muted', text: age(session.startedAt)})]),
      h('span', {title: session.expiresAt || '', text: formatTime(session.expiresAt)}),
      action
    ];
    page.endForm(session, who, action);
    return cellsRow({'data-session-id': session.sessionId, 'data-actor': who, 'data-mode': session.mode}, headers, cells);
  };

  /** End, then confirm; an error leaves the row as it was with the reason beside it; 404 means it had already ended. */
  ViewAsPage.prototype.endForm = function (session, who, container) {
    var page = this;
    var what = page.asText(session);
    var feedback = h('div', {class: 'vg-feedback', 'aria-live': 'polite'});
    var confirm = h('div', {class: 'vg-confirm'});
    var end = button('danger', t('viewas.end'), function () {
      replace(feedback, []);
      end.hidden = true;
      var yes = button('danger', t('viewas.confirmEndButton'), function () {
        yes.disabled = true;
        no.disabled = true;
        api(page.base + '/view-as-sessions/' + encodeURIComponent(session.sessionId), {method: 'DELETE'}).then(function () {
          replace(page.alerts, alertBox('success', t('viewas.ended', who, what), '', {id: 'vg-success'}));
          return page.show(page.first);
        }).catch(function (error) {
          if (error.status === 404) {
            replace(page.alerts, alertBox('info', t('viewas.alreadyEnded', who, what), '', {id: 'vg-already-ended'}));
            return page.show(page.first);
          }
          reset();
          replace(feedback, errorAlert(error, 'refused.endviewas', {class: 'pf-v5-c-alert pf-m-inline pf-m-danger vg-row-error'}));
        });
      }, {'data-action': 'confirm'});
      var no = button('link', t('cancel'), reset, {'data-action': 'cancel'});
      replace(confirm, [h('p', {class: 'vg-question', text: t('viewas.confirmEnd', who, what)}),
        h('p', {class: 'vg-muted', text: t('viewas.confirmEndHint')}), h('div', {class: 'vg-buttons'}, [yes, no])]);
    }, {'data-action': 'end'});

    function reset() {
      replace(confirm, []);
      end.hidden = false;
    }

    append(container, [end, confirm, feedback]);
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Settings: Viewgate's realm attributes (change, reset to default), and the tier ladder below them

  function SettingsPage(realm, content, seq) {
    this.realm = realm;
    this.content = content;
    this.seq = seq;
    this.base = realmPath(realm) + '/viewgate';
    this.headers = [t('settings.setting'), t('settings.default'), t('settings.value'), t('settings.effective'), t('settings.change')];
    this.alerts = h('div', {class: 'vg-alerts', id: 'vg-alerts', 'aria-live': 'polite'});
    this.list = h('div', {id: 'vg-settings'}, spinner());
    this.ladder = h('div', {id: 'vg-ladder'}, spinner());
  }

  SettingsPage.prototype.load = function () {
    var page = this;
    replace(page.content, [h('h2', {class: 'pf-v5-c-title pf-m-xl', text: t('settings.title')}), page.alerts, page.list,
      h('h2', {class: 'pf-v5-c-title pf-m-xl vg-section-title', text: t('ladder.title')}), page.ladder]);
    return Promise.all([page.show(), page.showLadder(false)]);
  };

  SettingsPage.prototype.show = function () {
    var page = this;
    return api(page.base + '/settings').then(function (settings) {
      if (stale(page.seq)) {
        return;
      }
      replace(page.list, settings.length ? table('vg-settings-table', t('settings.title'), page.headers, settings.map(function (setting) {
        return page.row(setting);
      }), 'vg-settings-table') : alertBox('info', t('settings.none'), '', {id: 'vg-settings-empty'}));
    }).catch(function (error) {
      if (!stale(page.seq)) {
        replace(page.list, errorAlert(error, 'refused.settings', {id: 'vg-settings-error'}));
      }
    });
  };

  function valueText(value) {
    return value === null || value === undefined ? t('settings.noValue') : String(value);
  }

  /** The setting's meaning in the console's language; the server's English when no translation exists. */
  function settingDescription(setting) {
    var key = 'setting.' + setting.name;
    return Object.prototype.hasOwnProperty.call(messages, key) ? t(key) : setting.description || '';
  }

  /** Why a value is refused, in the console's language for a number's range; otherwise as the server says it. */
  function settingProblem(setting, serverText) {
    return setting.kind === 'number' && setting.min !== null && setting.min !== undefined
      ? t('settings.mustBeNumber', setting.name, setting.min, setting.max) : serverText;
  }

  SettingsPage.prototype.row = function (setting) {
    var page = this;
    var name = setting.name;
    var input = h('input', {type: 'text', maxlength: '1024', autocomplete: 'off', spellcheck: 'false',
      value: setting.value === null || setting.value === undefined ? '' : setting.value, 'aria-label': t('settings.newValue', name),
      'data-setting-input': ''});
    input.id = 'vg-setting-' + name.replace(/[^A-Za-z0-9_-]/g, '-');
    var feedback = h('div', {class: 'vg-feedback', 'aria-live': 'polite'});
    var confirm = h('div', {class: 'vg-confirm'});
    var row;
    var save = h('button', {type: 'submit', class: 'pf-v5-c-button pf-m-primary', 'data-action': 'save', text: t('settings.save')});
    var reset = setting.value === null || setting.value === undefined ? null : button('secondary', t('settings.reset'), function () {
      replace(feedback, []);
      buttons.hidden = true;
      input.disabled = true;
      var yes = button('danger', t('settings.confirmResetButton'), function () {
        yes.disabled = true;
        no.disabled = true;
        api(page.base + '/settings/' + encodeURIComponent(name), {method: 'DELETE'}).then(function () {
          return api(page.base + '/settings').then(function (settings) {
            var now = settings.filter(function (candidate) {
              return candidate.name === name;
            })[0] || Object.assign({}, setting, {value: null, effective: setting.defaultValue, problem: null});
            page.replaceRow(row, now, alertBox('success', t('settings.wasReset', name, valueText(now.effective)), '', {id: 'vg-success'}));
          });
        }).catch(function (error) {
          cancel();
          replace(feedback, errorAlert(error, 'refused.reset', {class: 'pf-v5-c-alert pf-m-inline pf-m-danger vg-row-error'}));
        });
      }, {'data-action': 'confirm'});
      var no = button('link', t('cancel'), cancel, {'data-action': 'cancel'});
      replace(confirm, [h('p', {class: 'vg-question', text: t('settings.confirmReset', name, valueText(setting.defaultValue))}),
        h('div', {class: 'vg-buttons'}, [yes, no])]);
    }, {'data-action': 'reset'});
    var buttons = h('div', {class: 'vg-buttons'}, [save, reset]);

    function cancel() {
      replace(confirm, []);
      buttons.hidden = false;
      input.disabled = false;
    }

    var form = h('form', {class: 'vg-setting-form', novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      replace(feedback, []);
      input.removeAttribute('aria-invalid');
      save.disabled = true;
      api(page.base + '/settings/' + encodeURIComponent(name), {method: 'PUT', body: {value: input.value}}).then(function (now) {
        page.replaceRow(row, now, alertBox('success', t('settings.saved', name, valueText(now.value)), '', {id: 'vg-success'}));
      }).catch(function (error) {
        // What was typed stays in the field; the reason shows beside it.
        save.disabled = false;
        if (error.status === 400) {
          input.setAttribute('aria-invalid', 'true');
        }
        if (error.status === 400 && error.error === 'invalid_setting' && setting.kind === 'number'
          && input.value.trim() && input.value.length <= 1000) {
          error.description = settingProblem(setting, error.description);
        }
        replace(feedback, errorAlert(error, 'refused.setting', {class: 'pf-v5-c-alert pf-m-inline pf-m-danger vg-row-error',
          'data-error': error.error || ''}));
      });
    }}, [formControl(input), buttons, confirm, feedback]);

    var cells = [
      h('div', {}, [h('div', {class: 'vg-code vg-strong', text: name}),
        h('div', {class: 'vg-muted vg-setting-description', text: settingDescription(setting)})]),
      h('span', {class: 'vg-code', text: valueText(setting.defaultValue)}),
      h('span', {class: 'vg-code vg-setting-value', text: valueText(setting.value)}),
      h('div', {}, [h('span', {class: 'vg-code vg-setting-effective', text: valueText(setting.effective)}),
        setting.problem ? alertBox('warning', t('settings.problem'), settingProblem(setting, setting.problem), {'data-problem': ''}) : null]),
      form
    ];
    row = cellsRow({'data-setting': name, 'data-value': setting.value === null || setting.value === undefined ? '' : setting.value},
      page.headers, cells);
    return row;
  };

  /** The row as the setting now is, with what happened beside the field (one success message on the page at a time). */
  SettingsPage.prototype.replaceRow = function (row, setting, notice) {
    var previous = document.getElementById('vg-success');
    if (previous) {
      previous.parentNode.removeChild(previous);
    }
    replace(this.alerts, []);
    var fresh = this.row(setting);
    row.parentNode.replaceChild(fresh, row);
    append(fresh.querySelector('.vg-feedback'), notice);
  };

  /**
   * The ladder at once, without members; counting them reads every member's access (seconds in a large realm), so it
   * runs when asked and fills the column.
   */
  SettingsPage.prototype.showLadder = function (counted) {
    var page = this;
    if (counted) {
      replace(page.ladderNote, spinner());
    }
    return api(page.base + '/ladder?members=' + (counted ? 'true' : 'false')).then(function (rungs) {
      if (stale(page.seq)) {
        return;
      }
      var headers = [t('ladder.tier'), t('ladder.role'), t('ladder.label'), t('ladder.members')];
      page.ladderNote = h('div', {class: 'vg-actions', id: 'vg-ladder-note'}, counted ? [] : button('secondary',
        t('ladder.count'), function () {
          page.showLadder(true);
        }, {id: 'vg-ladder-count'}));
      replace(page.ladder, rungs.length ? [table('vg-ladder-table', t('ladder.title'), headers, rungs.map(function (rung) {
        var members = !counted ? '' : rung.capped ? t('ladder.atLeast', rung.membersAtLeast) : String(rung.members);
        return cellsRow({'data-tier': String(rung.tier), 'data-role': rung.role}, headers, [
          h('span', {class: 'vg-strong', text: t('ladder.level', rung.tier)}),
          h('span', {class: 'vg-code', text: rung.role}),
          h('span', {text: rung.label || ''}),
          h('span', {class: 'vg-ladder-members', text: members})
        ]);
      })), page.ladderNote] : alertBox('info', t('ladder.none'), '', {id: 'vg-ladder-empty'}));
    }).catch(function (error) {
      if (!stale(page.seq)) {
        replace(page.ladder, errorAlert(error, 'refused.ladder', {id: 'vg-ladder-error'}));
      }
    });
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Start

  function showSignInError(error) {
    frame();
    replace(main, section([
      alertBox('danger', t('signin.failed'), error.description || error.error || error.message || '', {id: 'vg-signin-error'}),
      h('p', {class: 'vg-actions'}, button('primary', t('signin.again'), function () {
        signIn();
      }, {id: 'vg-signin-again'}))
    ]));
  }

  /**
   * No session of this realm: its own admins sign in here; a server administrator (signed in to master) manages it
   * from the master realm's console, where Keycloak's master session already holds.
   */
  function showChoice() {
    frame();
    var master = SERVER + '/realms/master/viewgate/console/#/realms/' + encodeURIComponent(REALM);
    replace(main, section([
      h('h1', {class: 'pf-v5-c-title pf-m-2xl', id: 'vg-title', text: t('choice.title', REALM)}),
      h('div', {class: 'pf-v5-l-gallery pf-m-gutter vg-cards', id: 'vg-choice'}, [
        h('div', {class: 'pf-v5-c-card'}, [
          h('div', {class: 'pf-v5-c-card__title'}, h('h2', {class: 'pf-v5-c-title pf-m-lg', text: t('choice.realmAdmin', REALM)})),
          h('div', {class: 'pf-v5-c-card__body'}, h('p', {text: t('choice.realmAdminHint', REALM)})),
          h('div', {class: 'pf-v5-c-card__footer'}, button('primary', t('choice.signIn', REALM), function () {
            signIn(false);
          }, {id: 'vg-choice-signin'}))
        ]),
        h('div', {class: 'pf-v5-c-card'}, [
          h('div', {class: 'pf-v5-c-card__title'}, h('h2', {class: 'pf-v5-c-title pf-m-lg', text: t('choice.serverAdmin')})),
          h('div', {class: 'pf-v5-c-card__body'}, h('p', {text: t('choice.serverAdminHint', REALM)})),
          h('div', {class: 'pf-v5-c-card__footer'}, h('a', {class: 'pf-v5-c-button pf-m-secondary', id: 'vg-choice-master',
            href: master, text: t('choice.openInMaster')}))
        ])
      ])
    ]));
  }

  function start() {
    var query = new URLSearchParams(location.search);
    var callback = query.has('state') && (query.has('code') || query.has('error'));
    var signedIn = callback ? completeSignIn(query) : null;
    if (!signedIn) {
      // Not signed in (tokens exist only in this page's memory). In master, the sign-in; in another realm, first a
      // silent try, because the admin may hold no account in it at all.
      return signIn(REALM !== 'master');
    }
    return signedIn.then(function () {
      frame();
      window.addEventListener('hashchange', render);
      return render();
    }, function (error) {
      return error.silent && (error.error === 'login_required' || error.error === 'interaction_required')
        ? showChoice() : showSignInError(error);
    });
  }

  loadMessages().catch(function () {
    messages = {};
  }).then(start);
}());
