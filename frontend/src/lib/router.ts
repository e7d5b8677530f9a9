import { writable, type Readable } from 'svelte/store';

/** The pages of the app, by name. */
export type PageName =
  | 'landing'
  | 'join'
  | 'login'
  | 'admin'
  | 'bank'
  | 'contestNew'
  | 'control'
  | 'results'
  | 'screen'
  | 'users'
  | 'account'
  | 'questionSearch'
  | 'blueprints'
  | 'notFound';

export interface Route {
  name: PageName;
  params: Record<string, string>;
  path: string;
  query: URLSearchParams;
}

const table: [PageName, string][] = [
  ['landing', '/'],
  ['join', '/join'],
  ['login', '/login'],
  ['admin', '/admin'],
  ['users', '/admin/users'],
  ['account', '/admin/account'],
  ['questionSearch', '/admin/questions'],
  ['blueprints', '/admin/blueprints'],
  ['bank', '/admin/banks/:id'],
  ['contestNew', '/admin/contests/new'],
  ['results', '/admin/contests/:id/results'],
  ['control', '/admin/contests/:id'],
  ['screen', '/screen/:id'],
];

/** Finds the page for a path such as "/admin/contests/abc" (a trailing slash is fine). */
export function matchRoute(pathname: string, search = ''): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean);
  for (const [name, pattern] of table) {
    const pp = pattern.split('/').filter(Boolean);
    if (pp.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pp.length; i++) {
      if (pp[i].startsWith(':')) {
        try {
          params[pp[i].slice(1)] = decodeURIComponent(parts[i]);
        } catch {
          ok = false;
          break;
        }
      } else if (pp[i] !== parts[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return { name, params, path, query };
  }
  return { name: 'notFound', params: {}, path, query };
}

/** Only paths inside this app may be used as a place to go after login. */
export function safeNext(next: string | null | undefined, fallback = '/admin'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

function current(): Route {
  return matchRoute(window.location.pathname, window.location.search);
}

const routeStore = writable<Route>(typeof window === 'undefined' ? matchRoute('/') : current());

/** The page being shown; updates on navigate() and the back button. */
export const route: Readable<Route> = { subscribe: routeStore.subscribe };

/** Goes to a path inside the app without reloading the page. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState({}, '', to);
  else window.history.pushState({}, '', to);
  routeStore.set(current());
  window.scrollTo(0, 0);
}

/** Where to send an organiser who must log in first, coming back here afterwards. */
export function loginPath(): string {
  const here = window.location.pathname + window.location.search;
  return `/login?next=${encodeURIComponent(here)}`;
}

/** Listens to the back button and to clicks on plain links, so they stay inside the app. */
export function startRouter(): void {
  window.addEventListener('popstate', () => routeStore.set(current()));
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.('a');
    if (!a || !a.href || a.target || a.hasAttribute('download') || a.dataset.external !== undefined) return;
    const url = new URL(a.href);
    if (url.origin !== window.location.origin) return;
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws/')) return;
    ev.preventDefault();
    if (url.pathname + url.search !== window.location.pathname + window.location.search) {
      navigate(url.pathname + url.search + url.hash);
    }
  });
}
