import { writable } from 'svelte/store';
import { api, errorMessage, isUnauthorized } from './api';
import { loginPath, navigate } from './router';
import type { Role, User } from './types';

/** The organiser logged in, once known. */
export const currentUser = writable<User | null>(null);

/** Sends the organiser to the login page, coming back here afterwards. */
export function goToLogin(): void {
  navigate(loginPath(), { replace: true });
}

/** How an organiser page learns who is logged in; replaced in tests. */
export interface LoginCheck {
  me: () => Promise<{ user: User }>;
  toLogin: () => void;
}

const realCheck: LoginCheck = { me: () => api.me(), toLogin: goToLogin };

/**
 * The one way an organiser page starts, from its onMount: once an organiser is known to be
 * logged in, runs `load`; when nobody is, goes to the login page; when the check itself fails
 * (server down), hands its message to `onError`. Returns the cleanup for onMount: once the page
 * is left none of these run, even if the check was still on its way, so a page left early never
 * opens a socket or navigates away from the page that replaced it.
 */
export function whenLoggedIn(
  load: () => void | Promise<void>,
  onError: (message: string) => void = () => {},
  check: LoginCheck = realCheck,
): () => void {
  let left = false;
  void (async () => {
    try {
      const s = await check.me();
      if (left) return;
      currentUser.set(s.user);
    } catch (e) {
      if (left) return;
      if (isUnauthorized(e)) {
        currentUser.set(null);
        check.toLogin();
      } else {
        onError(errorMessage(e));
      }
      return;
    }
    await load();
  })();
  return () => {
    left = true;
  };
}

/**
 * The message to show for a failed call. A lapsed login goes to the login page instead (and
 * the message is empty: the page is about to change).
 */
export function failure(e: unknown): string {
  if (isUnauthorized(e)) {
    goToLogin();
    return '';
  }
  return errorMessage(e);
}

/**
 * Whether a role may do what `need` allows, as the server decides it: the admin everything, an
 * organiser also a trainer's work (banks), the others only their own.
 */
export function roleCan(role: string | undefined, need: Role): boolean {
  if (role === 'admin') return true;
  if (role === 'organiser') return need === 'organiser' || need === 'trainer';
  return role === need;
}
