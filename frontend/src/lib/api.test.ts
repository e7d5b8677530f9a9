import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, errorFromResponse, errorMessage, setCsrfToken } from './api';
import { m } from './messages.vi';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('API error messages', () => {
  it('shows the server message as it is', () => {
    const e = errorFromResponse(400, { error: { code: 'invalid', message: 'Vui lòng nhập tên cuộc thi.' } });
    expect(e.code).toBe('invalid');
    expect(errorMessage(e)).toBe('Vui lòng nhập tên cuộc thi.');
  });

  it('gives a Vietnamese message when a proxy answers with an HTML page', () => {
    const e = errorFromResponse(502, null);
    expect(errorMessage(e)).toBe(m.errors.server);
  });

  it('never shows a stack trace or an English error', () => {
    expect(errorMessage(new Error('Cannot read properties of undefined'))).toBe(m.errors.unexpected);
    expect(errorMessage('boom')).toBe(m.errors.unexpected);
  });

  it('tells the person to check the Wi-Fi when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.join('123456')).rejects.toMatchObject({ message: m.errors.network });
  });

  it('turns a wrong PIN into the server message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(
        jsonResponse(404, { error: { code: 'pin_not_found', message: 'Không có cuộc thi nào với mã PIN này.' } }),
      ),
    );
    const err = await api.join('000000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
    expect(errorMessage(err)).toBe('Không có cuộc thi nào với mã PIN này.');
  });

  it('sends the CSRF token from login with every change, and fetches it when missing', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, { user: { id: 'u1' }, csrf_token: 'tok-1' }))
      .mockResolvedValueOnce(jsonResponse(201, { id: 'b1' }));
    vi.stubGlobal('fetch', fetchMock);
    await api.createBank('Kiến thức chung');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/me');
    const init = fetchMock.mock.calls[1][1] as RequestInit;
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1');
  });

  it('retries once with a fresh token when the session token changed', async () => {
    setCsrfToken('old');
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(403, { error: { code: 'csrf', message: 'Thiếu mã bảo vệ.' } }))
      .mockResolvedValueOnce(jsonResponse(200, { user: { id: 'u1' }, csrf_token: 'new' }))
      .mockResolvedValueOnce(jsonResponse(200, { version: 4, phase: 'round_intro' }));
    vi.stubGlobal('fetch', fetchMock);
    const res = await api.command('c1', 'start', 3);
    expect(res.version).toBe(4);
    const init = fetchMock.mock.calls[2][1] as RequestInit;
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('new');
    expect(JSON.parse(init.body as string)).toEqual({ cmd: 'start', version: 3 });
  });
});

describe('round commands and the log over HTTP', () => {
  it('sends a command’s arguments beside its name and version; an argument cannot replace them', async () => {
    setCsrfToken('tok');
    const fetchMock = vi.fn().mockResolvedValueOnce(jsonResponse(200, { version: 8, phase: 'item_open' }));
    vi.stubGlobal('fetch', fetchMock);
    await api.command('c1', 'rescue', 7, { best: 3, reason: 'Còn ít người' });
    const [path, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(path).toBe('/api/contests/c1/commands');
    expect(JSON.parse(init.body as string)).toEqual({ cmd: 'rescue', version: 7, best: 3, reason: 'Còn ít người' });
  });

  it('reads the audit log of the contest', async () => {
    const fetchMock = vi.fn().mockResolvedValueOnce(jsonResponse(200, { score_changes: [], commands: [] }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await api.audit('c 1')).toEqual({ score_changes: [], commands: [] });
    expect(fetchMock.mock.calls[0][0]).toBe('/api/contests/c%201/audit');
  });
});

describe('a question file sent to the bank', () => {
  it('goes as its bytes with the CSRF token, and a refusal keeps the server’s Vietnamese message', async () => {
    setCsrfToken('tok');
    const refusal = 'Tệp có 1 câu hỏi không đọc được nên chưa nhập câu nào.';
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(422, { error: { code: 'import_rejected', message: refusal } }));
    vi.stubGlobal('fetch', fetchMock);
    const file = new Blob(['::Q1:: Câu hỏi? {=Đúng ~Sai}']);
    const err = await api
      .importQuestions('b1', file, { filename: 'de.gift', format: 'auto', dryRun: false, skipBad: false, skipDuplicates: false })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, code: 'import_rejected', message: refusal });
    const [path, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(path).toBe('/api/banks/b1/import?filename=de.gift');
    expect(init.body).toBe(file);
    const headers = init.headers as Record<string, string>;
    expect(headers['X-CSRF-Token']).toBe('tok');
    expect(headers['Content-Type']).toBe('application/octet-stream');
  });
});
