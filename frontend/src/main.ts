import { mount } from 'svelte';
import App from './App.svelte';
import { startRouter } from './lib/router';
import type { BootInput } from './lib/phone';
import './app.css';

declare global {
  interface Window {
    /** Set by the static page when the PIN was sent before this script ran. */
    hoithiBoot?: { submitted?: boolean };
  }
}

/**
 * Takes over the static page's PIN form (index.html): what was typed, whether it was sent and
 * whether it had the focus, so a phone that typed its PIN before the app arrived keeps it.
 */
function takeBootForm(): BootInput | null {
  const boot = document.getElementById('boot');
  if (!boot) return null;
  const input = document.getElementById('boot-pin') as HTMLInputElement | null;
  const shown = boot.getAttribute('data-mode') !== 'loading';
  const taken: BootInput | null =
    shown && input
      ? {
          pin: input.value.replace(/\D/g, '').slice(0, 6),
          submitted: !!window.hoithiBoot?.submitted,
          focused: document.activeElement === input,
        }
      : null;
  boot.remove();
  return taken;
}

startRouter();

const target = document.getElementById('app');
if (target) mount(App, { target, props: { boot: takeBootForm() } });
