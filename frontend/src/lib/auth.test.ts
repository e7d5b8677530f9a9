import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { roleCan, whenLoggedIn } from './auth';

const admin = { id: 'u1', username: 'admin', display_name: 'Quản trị', role: 'admin', created_at: '' };

function later<T>() {
  let resolve: (v: T) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
}

describe('an organiser page starts only once the login is known', () => {
  it('loads when someone is logged in', async () => {
    const load = vi.fn();
    whenLoggedIn(load, undefined, { me: async () => ({ user: admin }), toLogin: vi.fn() });
    await vi.waitFor(() => expect(load).toHaveBeenCalledOnce());
  });

  it('goes to the login page when nobody is, and loads nothing', async () => {
    const load = vi.fn();
    const toLogin = vi.fn();
    whenLoggedIn(load, undefined, { me: () => Promise.reject(new ApiError(401, 'unauthorized', 'x')), toLogin });
    await vi.waitFor(() => expect(toLogin).toHaveBeenCalledOnce());
    expect(load).not.toHaveBeenCalled();
  });

  it('says why when the server cannot be reached', async () => {
    const onError = vi.fn();
    whenLoggedIn(vi.fn(), onError, { me: () => Promise.reject(new ApiError(0, 'network', 'Không kết nối được.')), toLogin: vi.fn() });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith('Không kết nối được.'));
  });

  it('a page left while the check was on its way neither loads nor navigates', async () => {
    for (const outcome of ['in', 'out'] as const) {
      const me = later<{ user: typeof admin }>();
      const load = vi.fn();
      const toLogin = vi.fn();
      const leave = whenLoggedIn(load, vi.fn(), { me: () => me.promise, toLogin });
      leave();
      if (outcome === 'in') me.resolve({ user: admin });
      else me.reject(new ApiError(401, 'unauthorized', 'x'));
      await new Promise((r) => setTimeout(r, 0));
      expect(load).not.toHaveBeenCalled();
      expect(toLogin).not.toHaveBeenCalled();
    }
  });
});

describe('what each role finds on the organiser pages', () => {
  it.each([
    ['admin', 'organiser', true],
    ['organiser', 'organiser', true],
    ['organiser', 'trainer', true],
    ['organiser', 'admin', false],
    ['trainer', 'trainer', true],
    ['trainer', 'organiser', false],
    ['judge', 'trainer', false],
  ] as const)('%s may do the work of %s: %s', (role, need, want) => {
    expect(roleCan(role, need)).toBe(want);
  });
});
