import { writable } from 'svelte/store';
import { api, errorMessage, isUnauthorized, type Session } from './api';
import { loginPath, navigate } from './router';
import type { User } from './types';

/** The organiser logged in, once known. */
export const currentUser = writable<User | null>(null);

/** Sends the organiser to the login page, coming back here afterwards. */
export function goToLogin(): void {
  navigate(loginPath(), { replace: true });
}

/**
 * Makes sure an organiser is logged in; otherwise goes to the login page and resolves null.
 * Other failures (server down) are thrown for the page to show.
 */
export async function requireLogin(): Promise<Session | null> {
  try {
    const s = await api.me();
    currentUser.set(s.user);
    return s;
  } catch (e) {
    if (isUnauthorized(e)) {
      currentUser.set(null);
      goToLogin();
      return null;
    }
    throw e;
  }
}

/**
 * For a page's onMount: once an organiser is known to be logged in, runs load; if the check
 * itself fails (server down), hands its message to onError instead.
 */
export async function whenLoggedIn(load: () => Promise<void>, onError: (message: string) => void): Promise<void> {
  try {
    if (!(await requireLogin())) return;
  } catch (e) {
    onError(errorMessage(e));
    return;
  }
  await load();
}
