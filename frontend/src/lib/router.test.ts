import { describe, expect, it } from 'vitest';
import { matchRoute, safeNext } from './router';

describe('routes', () => {
  it.each([
    ['/', 'landing', {}],
    ['/join', 'join', {}],
    ['/admin', 'admin', {}],
    ['/admin/', 'admin', {}],
    ['/admin/banks/b1', 'bank', { id: 'b1' }],
    ['/admin/contests/new', 'contestNew', {}],
    ['/admin/contests/c9', 'control', { id: 'c9' }],
    ['/admin/contests/c9/results', 'results', { id: 'c9' }],
    ['/screen/c9', 'screen', { id: 'c9' }],
    ['/admin/users', 'users', {}],
    ['/admin/account', 'account', {}],
    ['/khong-co', 'notFound', {}],
    ['/admin/contests/c9/extra/x', 'notFound', {}],
  ])('%s opens the %s page', (path, name, params) => {
    const r = matchRoute(path);
    expect(r.name).toBe(name);
    expect(r.params).toEqual(params);
  });

  it('reads the PIN from the QR code link', () => {
    expect(matchRoute('/join', '?pin=123456').query.get('pin')).toBe('123456');
  });

  it('only goes back to a page of this site after login', () => {
    expect(safeNext('/admin/contests/c1')).toBe('/admin/contests/c1');
    expect(safeNext('https://evil.example')).toBe('/admin');
    expect(safeNext('//evil.example')).toBe('/admin');
    expect(safeNext(null)).toBe('/admin');
  });
});
