import { describe, expect, it } from 'vitest';
import { IMAGE_ACCEPT, MAX_IMAGE_BYTES, PHONE_PICTURE_MIN, phonePictureHeight, pictureProblem, pictureUrl } from './images';

describe('a picture chosen for a question', () => {
  it.each([
    ['a JPEG photo of 1.5 MB is sent', { size: 1.5 * 1024 * 1024, type: 'image/jpeg' }, ''],
    ['a PNG of exactly 2 MB is sent', { size: MAX_IMAGE_BYTES, type: 'image/png' }, ''],
    ['a GIF is sent', { size: 5000, type: 'image/gif' }, ''],
    ['a WebP is sent', { size: 5000, type: 'image/webp' }, ''],
    ['a file whose type the browser cannot tell is left to the server', { size: 5000, type: '' }, ''],
  ])('%s', (_, file, want) => {
    expect(pictureProblem(file)).toBe(want);
  });

  it('a camera photo over 2 MB is refused before upload, saying its size and what to do', () => {
    const why = pictureProblem({ size: 4.2 * 1024 * 1024, type: 'image/jpeg' });
    expect(why).toContain('4,2 MB');
    expect(why).toContain('2 MB');
    expect(why).toMatch(/thu nhỏ/);
  });

  it.each([
    ['an SVG drawing', 'image/svg+xml'],
    ['an iPhone HEIC photo', 'image/heic'],
    ['a Word file', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('%s is refused, naming the types that work', (_, type) => {
    expect(pictureProblem({ size: 5000, type })).toMatch(/PNG.*JPEG/);
  });

  it('an empty file is refused', () => {
    expect(pictureProblem({ size: 0, type: 'image/png' })).not.toBe('');
  });

  it('the file picker offers the four types phones show', () => {
    expect(IMAGE_ACCEPT).toBe('image/png,image/jpeg,image/gif,image/webp');
  });
});

describe('where a picture is loaded from', () => {
  it('is the server path of its id', () => {
    expect(pictureUrl('ab12')).toBe('/api/images/ab12');
  });
  it('is nothing for a question without a picture', () => {
    expect(pictureUrl('')).toBe('');
    expect(pictureUrl(undefined)).toBe('');
  });
});

describe('how tall a phone shows a question’s picture', () => {
  it('takes 35 % of the screen when the answers fit below it', () => {
    // 640 px screen, picture 100 px, answers end at 400 px: room for 340, capped at 224.
    expect(phonePictureHeight(640, 100, 400)).toBe(224);
  });
  it('gives up what would push the last option off the screen', () => {
    // 224 px of picture puts the answers' end at 700 on a 640 px screen: 60 px less.
    expect(phonePictureHeight(640, 224, 700)).toBe(164);
  });
  it('asked again at the height it gave, gives the same height', () => {
    const h = phonePictureHeight(640, 224, 700);
    expect(phonePictureHeight(640, h, 700 - (224 - h))).toBe(h);
  });
  it('never goes below a size one can still read, even for a question too long for the screen', () => {
    expect(phonePictureHeight(640, 224, 1400)).toBe(PHONE_PICTURE_MIN);
  });
  it('on a screen so low that 35 % is under the least size, takes 35 %', () => {
    expect(phonePictureHeight(200, 70, 400)).toBe(70);
  });
});
