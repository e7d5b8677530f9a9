import { describe, expect, it } from 'vitest';
import { isPhase, parseFrame } from './types';
import { serverFrameTypes } from './wire';

describe('a websocket message is read as a frame of the protocol or not at all', () => {
  const cases: [string, unknown, string | null][] = [
    ['a frame of a type the server sends is read', '{"t":"pong","client_time":1,"server_time":2}', 'pong'],
    ['a type from a newer server is ignored rather than misread', '{"t":"buzz_open","seq":3}', null],
    ['a frame a client sends is not taken for a server frame', '{"t":"answer","item_id":"i"}', null],
    ['text that is not JSON is ignored', 'pong', null],
    ['JSON that is not an object is ignored', '["pong"]', null],
    ['an object without a type is ignored', '{"seq":1}', null],
    ['a binary message is ignored', new ArrayBuffer(2), null],
  ];
  for (const [name, data, want] of cases) {
    it(name, () => {
      expect(parseFrame(data)?.t ?? null).toBe(want);
    });
  }
  it('knows every frame type the generated protocol lists', () => {
    for (const t of serverFrameTypes) expect(parseFrame(JSON.stringify({ t }))?.t).toBe(t);
  });
});

describe('a phase the server names', () => {
  it('is one the app shows when it knows it', () => {
    expect(isPhase('item_open')).toBe(true);
  });
  it('is none when it comes from a newer server or is not a string', () => {
    expect(isPhase('buzzing')).toBe(false);
    expect(isPhase(3)).toBe(false);
  });
});
