import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressFile, fillMessages } from './plugins';

describe('the static page', () => {
  it('speaks the messages of the app, escaped', () => {
    const html = fillMessages('<h1>{{m.a.title}}</h1><input placeholder="{{ m.b }}">', {
      a: { title: 'Nhập mã <PIN>' },
      b: 'Mã "6 số"',
    });
    expect(html).toBe('<h1>Nhập mã &lt;PIN&gt;</h1><input placeholder="Mã &quot;6 số&quot;">');
  });

  it('fails the build on a message that does not exist', () => {
    expect(() => fillMessages('{{m.phone.noSuchThing}}')).toThrow(/m\.phone\.noSuchThing/);
  });

  it('fills in the real PIN title', () => {
    expect(fillMessages('{{m.phone.pinTitle}}')).toBe('Nhập mã PIN cuộc thi');
  });
});

describe('the compressed copies', () => {
  it('unpack to the very file they stand for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoithi-precompress-'));
    const file = join(dir, 'app.js');
    const text = 'const câu = "Đồng chí hãy chọn đáp án đúng";\n'.repeat(200);
    writeFileSync(file, text);
    const sizes = compressFile(file);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(text);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(text);
    expect(sizes.br).toBeLessThan(sizes.raw);
  });

  it('are left out when they would not be smaller', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoithi-precompress-'));
    const file = join(dir, 'tiny.js');
    writeFileSync(file, 'x');
    compressFile(file);
    expect(existsSync(`${file}.br`)).toBe(false);
    expect(existsSync(`${file}.gz`)).toBe(false);
  });
});
